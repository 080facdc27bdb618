import { describe, expect, it } from 'vitest';
import { type Service, type ServiceSpec, service } from './service.js';
import { created, problems, row, updateProblems } from './test-support.js';

function svc(spec: ServiceSpec): Service {
  return { metadata: { name: 'web', namespace: 'default' }, spec };
}

describe('Service defaults', () => {
  it('fills upstream defaults for a ClusterIP service', () => {
    const s = created(service, svc({ selector: { app: 'web' }, ports: [{ port: 80 }] }));
    expect(s.spec).toEqual({
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
  });

  it('defaults NodePort, LoadBalancer and ClientIP affinity fields', () => {
    const np = created(service, svc({ type: 'NodePort', ports: [{ port: 80, targetPort: 'http' }], sessionAffinity: 'ClientIP' }));
    expect(np.spec).toMatchObject({ externalTrafficPolicy: 'Cluster', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } });
    expect(np.spec!.ports![0]!.targetPort).toBe('http');
    const lb = created(service, svc({ type: 'LoadBalancer', ports: [{ port: 443 }] }));
    expect(lb.spec).toMatchObject({ allocateLoadBalancerNodePorts: true, externalTrafficPolicy: 'Cluster' });
  });

  it('mirrors clusterIP into clusterIPs and picks the family', () => {
    const s = created(service, svc({ clusterIP: 'fd00::10', ports: [{ port: 80 }] }));
    expect(s.spec).toMatchObject({ clusterIPs: ['fd00::10'], ipFamilies: ['IPv6'] });
  });

  it('leaves ExternalName services without families', () => {
    const s = created(service, svc({ type: 'ExternalName', externalName: 'example.com' }));
    expect(s.spec!.ipFamilies).toBeUndefined();
    expect(s.spec!.internalTrafficPolicy).toBeUndefined();
    expect(problems(service, s)).toEqual([]);
  });
});

describe('Service validation', () => {
  it('uses DNS-1035 names', () => {
    expect(service.nameValidator!('1web')).toHaveLength(1);
    expect(service.nameValidator!('web-1')).toEqual([]);
  });

  it.each<[string, ServiceSpec, string[]]>([
    ['a valid service', { selector: { app: 'x' }, ports: [{ port: 80 }] }, []],
    ['headless without ports', { clusterIP: 'None', selector: { app: 'x' } }, []],
    ['no ports', { selector: { app: 'x' } }, ['spec.ports: Required value']],
    ['unnamed ports', { ports: [{ port: 80 }, { port: 443 }] }, ['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value']],
    [
      'duplicate port names',
      { ports: [{ name: 'http', port: 80 }, { name: 'http', port: 81 }] },
      ['spec.ports[1].name: Duplicate value: "http"'],
    ],
    ['port 0', { ports: [{ port: 0 }] }, ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive', 'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive']],
    [
      'unknown type',
      { type: 'Ingress' as never, ports: [{ port: 80 }] },
      ['spec.type: Unsupported value: "Ingress": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'],
    ],
    [
      'headless NodePort',
      { type: 'NodePort', clusterIP: 'None', ports: [{ port: 80 }] },
      ["spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services"],
    ],
    [
      'nodePort on ClusterIP',
      { ports: [{ port: 80, nodePort: 30080 }] },
      ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
    ],
    ['ExternalName without name', { type: 'ExternalName' }, ['spec.externalName: Required value']],
    ['bad cluster IP', { clusterIP: '10.0.0.300', ports: [{ port: 80 }] }, ['spec.clusterIPs[0]: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']],
    [
      'bad selector value',
      { selector: { app: 'a b' }, ports: [{ port: 80 }] },
      [`spec.selector: Invalid value: "a b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`],
    ],
    [
      'externalTrafficPolicy on ClusterIP',
      { ports: [{ port: 80 }], externalTrafficPolicy: 'Local' },
      ['spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services'],
    ],
  ])('%s', (_n, spec, want) => {
    expect(problems(service, svc(spec))).toEqual(want);
  });
});

describe('Service update', () => {
  const old = (): Service => created(service, svc({ clusterIP: '10.96.0.10', ports: [{ port: 80 }] }));

  it('keeps the cluster IP immutable', () => {
    const s = structuredClone(old());
    s.spec!.clusterIP = '10.96.0.11';
    s.spec!.clusterIPs = ['10.96.0.11'];
    expect(updateProblems(service, s, old())).toEqual(['spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set']);
  });

  it('allows changing ports and selector', () => {
    const s = structuredClone(old());
    s.spec!.ports = [{ port: 8080 }];
    s.spec!.selector = { app: 'new' };
    expect(updateProblems(service, s, old())).toEqual([]);
  });
});

describe('Service table', () => {
  it('has upstream columns', () => {
    expect(service.table.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0', 'Type:0', 'Cluster-IP:0', 'External-IP:0', 'Port(s):0', 'Age:0', 'Selector:1',
    ]);
  });

  it.each<[string, ServiceSpec, Service['status'], Record<string, unknown>]>([
    [
      'ClusterIP',
      { clusterIP: '10.96.0.1', ports: [{ port: 443, name: 'https' }], selector: { b: '2', a: '1' } },
      undefined,
      { Type: 'ClusterIP', 'Cluster-IP': '10.96.0.1', 'External-IP': '<none>', 'Port(s)': '443/TCP', Selector: 'a=1,b=2' },
    ],
    [
      'NodePort',
      { type: 'NodePort', clusterIP: '10.96.0.2', ports: [{ name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 53, protocol: 'UDP', nodePort: 30053 }] },
      undefined,
      { 'External-IP': '<none>', 'Port(s)': '80:30080/TCP,53:30053/UDP', Selector: '<none>' },
    ],
    ['pending LoadBalancer', { type: 'LoadBalancer', clusterIP: '10.96.0.3', ports: [{ port: 80 }] }, undefined, { 'External-IP': '<pending>' }],
    [
      'LoadBalancer with ingress',
      { type: 'LoadBalancer', clusterIP: '10.96.0.3', ports: [{ port: 80 }] },
      { loadBalancer: { ingress: [{ ip: '203.0.113.9' }, { hostname: 'lb.example.com' }] } },
      { 'External-IP': '203.0.113.9,lb.example.com' },
    ],
    ['headless', { clusterIP: 'None', selector: { app: 'x' } }, undefined, { 'Cluster-IP': 'None', 'Port(s)': '<none>' }],
    ['ExternalName', { type: 'ExternalName', externalName: 'db.example.com' }, undefined, { 'Cluster-IP': '<none>', 'External-IP': 'db.example.com' }],
  ])('%s', (_n, spec, status, want) => {
    const s = created(service, svc(spec));
    s.status = status;
    expect(row(service, s)).toMatchObject(want);
  });
});
