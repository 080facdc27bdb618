import { describe, expect, it } from 'vitest';
import { ingress } from './ingress.js';
import type { Ingress, IngressSpec } from './ingress-types.js';

function ing(spec: IngressSpec, annotations?: Record<string, string>): Ingress {
  return { metadata: { name: 'web', namespace: 'default', creationTimestamp: '2024-01-01T00:00:00Z', annotations }, spec };
}
const msgs = (obj: Ingress) => ingress.validate!(obj).map((e) => `${e.field}: ${e.message}`);
const svc = (name: string, port: { name?: string; number?: number }) => ({ service: { name, port } });

describe('Ingress validation', () => {
  it('accepts a typical ingress', () => {
    const spec: IngressSpec = {
      ingressClassName: 'nginx',
      tls: [{ hosts: ['*.example.com'], secretName: 'tls' }],
      rules: [{ host: 'www.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: svc('web', { number: 80 }) }] } }],
    };
    expect(msgs(ing(spec))).toEqual([]);
  });

  it.each<[IngressSpec, string[]]>([
    [{}, ['spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified']],
    [{ defaultBackend: { service: { name: 'web' } } }, ['spec.defaultBackend: Required value: port name or number is required']],
    [
      { defaultBackend: svc('web', { name: 'http', number: 80 }) },
      ['spec.defaultBackend: Invalid value: "": cannot set both port name & port number'],
    ],
    [{ defaultBackend: svc('web', { number: 70000 }) }, ['spec.defaultBackend.service.port.number: Invalid value: 70000: must be between 1 and 65535, inclusive']],
    [
      { rules: [{ host: '10.0.0.1', http: { paths: [{ path: 'api', pathType: 'Exact', backend: svc('web', { number: 80 }) }] } }] },
      [
        'spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
        'spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path',
      ],
    ],
    [
      { rules: [{ http: { paths: [{ path: '/a//b', backend: svc('web', { number: 80 }) } as never] } }] },
      ['spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified'],
    ],
    [
      { rules: [{ http: { paths: [{ path: '/a//b/.', pathType: 'Prefix', backend: {} }] } }] },
      [
        `spec.rules[0].http.paths[0].path: Invalid value: "/a//b/.": must not contain '//'`,
        `spec.rules[0].http.paths[0].path: Invalid value: "/a//b/.": cannot end with '/.'`,
        'spec.rules[0].http.paths[0].backend: Invalid value: "": resource or service backend is required',
      ],
    ],
    [
      { rules: [{ http: { paths: [{ path: '/', pathType: 'Regex' as never, backend: svc('web', { number: 80 }) }] } }] },
      ['spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"'],
    ],
  ])('refuses %o', (spec, want) => {
    expect(msgs(ing(spec))).toEqual(want);
  });

  it('refuses the class annotation together with the class field', () => {
    const obj = ing({ ingressClassName: 'nginx', defaultBackend: svc('web', { number: 80 }) }, { 'kubernetes.io/ingress.class': 'nginx' });
    expect(msgs(obj)).toEqual(['metadata.annotations.kubernetes.io/ingress.class: Invalid value: "nginx": can not be set when the class field is also set']);
  });
});

describe('Ingress table', () => {
  const now = new Date('2024-01-01T00:10:00Z');
  it('prints class, hosts, address and ports', () => {
    const obj = ing({
      tls: [{ hosts: ['a.example.com'] }],
      rules: [{ host: 'a.example.com' }, { host: 'b.example.com' }, {}, { host: 'c.example.com' }, { host: 'd.example.com' }],
    });
    obj.status = { loadBalancer: { ingress: [{ ip: '10.0.0.2' }, { hostname: 'lb.example.com' }, { ip: '10.0.0.2' }] } };
    expect(ingress.table.cells(obj, now)).toEqual([
      'web',
      '<none>',
      'a.example.com,b.example.com,c.example.com + 2 more...',
      '10.0.0.2,lb.example.com',
      '80, 443',
      '10m',
    ]);
  });

  it('prints * and 80 for a catch-all ingress', () => {
    expect(ingress.table.cells(ing({ ingressClassName: 'nginx', rules: [{}] }), now)).toEqual(['web', 'nginx', '*', '', '80', '10m']);
  });
});
