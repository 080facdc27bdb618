/**
 * Server-side behaviour of particular kinds, seen through kubectl: Service cluster IPs
 * and NodePorts (allocated once, released on delete), Secrets, and Namespaces.
 */
import { describe, expect, it } from 'vitest';
import { useCluster } from './lib/cluster.js';
import { cronJob, IMAGE, namespace, secret, service, workload, type Manifest } from './lib/manifests.js';
import { AGE, parseTable, rowNamed } from './lib/table.js';

const NS = 'e2e-kinds';
const c = useCluster({ namespace: NS });
const SERVICE_IP = /^10\.43\.\d{1,3}\.\d{1,3}$/;

function withSpec(m: Manifest, spec: Record<string, unknown>): Manifest {
  return { ...m, spec: { ...(m.spec as Record<string, unknown>), ...spec } };
}

function nodePortService(name: string, nodePort?: number): Manifest {
  const m = service(name, { type: 'NodePort' });
  if (nodePort !== undefined) (m.spec as { ports: Record<string, unknown>[] }).ports[0]!.nodePort = nodePort;
  return m;
}

describe('Services', () => {
  it('a ClusterIP service gets an address from 10.43.0.0/16 and upstream defaults', async () => {
    expect(await c.create(service('alpha'))).toBe('service/alpha created\n');
    const s = await c.getJson('svc', 'alpha');
    expect(s.spec.clusterIP).toMatch(SERVICE_IP);
    expect(s.spec).toMatchObject({
      type: 'ClusterIP',
      clusterIPs: [s.spec.clusterIP],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    });
  });

  it('concurrently created services get distinct addresses', async () => {
    const names = ['many-1', 'many-2', 'many-3', 'many-4'];
    await Promise.all(names.map((n) => c.create(service(n))));
    const ips = (await c.jsonpath('{.items[*].spec.clusterIP}', 'svc')).split(' ');
    expect(ips.length).toBeGreaterThanOrEqual(names.length + 1);
    expect(new Set(ips).size).toBe(ips.length);
    for (const ip of ips) expect(ip).toMatch(SERVICE_IP);
  });

  it('a NodePort service gets a port in 30000-32767 and prints PORT:NODEPORT/TCP', async () => {
    await c.create(nodePortService('np'));
    const s = await c.getJson('svc', 'np');
    const nodePort: number = s.spec.ports[0].nodePort;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);
    expect(s.spec.externalTrafficPolicy).toBe('Cluster');
    const t = parseTable(await c.ok(['get', 'svc', 'np']));
    expect(t.rows).toEqual([
      { NAME: 'np', TYPE: 'NodePort', 'CLUSTER-IP': s.spec.clusterIP, 'EXTERNAL-IP': '<none>', 'PORT(S)': `80:${nodePort}/TCP`, AGE: expect.stringMatching(AGE) },
    ]);
  });

  it('a requested cluster IP is granted once, and free again after the delete', async () => {
    const wanted = withSpec(service('fixed'), { clusterIP: '10.43.200.7' });
    await c.create(wanted);
    expect(await c.jsonpath('{.spec.clusterIP}', 'svc', 'fixed')).toBe('10.43.200.7');
    const clash = withSpec(service('clash'), { clusterIP: '10.43.200.7' });
    const err = await c.fails(['create', '-f', '-', '--validate=false'], { input: JSON.stringify(clash) });
    expect(err).toBe(
      'The Service "clash" is invalid: spec.clusterIPs: Invalid value: []string{"10.43.200.7"}: ' +
        'failed to allocate IP 10.43.200.7: provided IP is already allocated\n',
    );
    await c.ok(['delete', 'svc', 'fixed']);
    expect(await c.create(clash)).toBe('service/clash created\n');
    expect(await c.jsonpath('{.spec.clusterIP}', 'svc', 'clash')).toBe('10.43.200.7');
  });

  it('a requested NodePort is granted once, and free again after the delete', async () => {
    await c.create(nodePortService('port-a', 30123));
    const err = await c.fails(['create', '-f', '-', '--validate=false'], { input: JSON.stringify(nodePortService('port-b', 30123)) });
    expect(err).toBe('The Service "port-b" is invalid: spec.ports[0].nodePort: Invalid value: 30123: provided port is already allocated\n');
    await c.ok(['delete', 'svc', 'port-a']);
    await c.create(nodePortService('port-b', 30123));
    expect(await c.jsonpath('{.spec.ports[0].nodePort}', 'svc', 'port-b')).toBe('30123');
  });

  it('a cluster IP outside the service range is rejected', async () => {
    const outside = withSpec(service('outside'), { clusterIP: '10.99.0.1' });
    const err = await c.fails(['create', '-f', '-', '--validate=false'], { input: JSON.stringify(outside) });
    expect(err).toMatch(/^The Service "outside" is invalid: spec\.clusterIPs: Invalid value: \[\]string\{"10\.99\.0\.1"\}: failed to allocate IP 10\.99\.0\.1: .*range/);
  });
});

describe('Secrets', () => {
  it('stringData is stored base64-encoded in data, with type Opaque', async () => {
    await c.create(secret('creds', { user: 'admin', password: 's3cret!' }));
    const s = await c.getJson('secret', 'creds');
    expect(s.type).toBe('Opaque');
    expect(s.stringData).toBeUndefined();
    expect(s.data).toEqual({ password: Buffer.from('s3cret!').toString('base64'), user: Buffer.from('admin').toString('base64') });
  });

  it('a TLS secret needs tls.crt and tls.key', async () => {
    const tls = { ...secret('tls', {}), type: 'kubernetes.io/tls' };
    const err = await c.fails(['create', '-f', '-', '--validate=false'], { input: JSON.stringify(tls) });
    expect(err).toBe('The Secret "tls" is invalid: \n* data[tls.crt]: Required value\n* data[tls.key]: Required value\n');
  });

  it('prints NAME TYPE DATA AGE, and describe shows sizes only', async () => {
    const t = parseTable(await c.ok(['get', 'secrets', 'creds']));
    expect(t.header).toEqual(['NAME', 'TYPE', 'DATA', 'AGE']);
    expect(t.rows).toEqual([{ NAME: 'creds', TYPE: 'Opaque', DATA: '2', AGE: expect.stringMatching(AGE) }]);
    const out = await c.ok(['describe', 'secret', 'creds']);
    expect(out).toMatch(/^password:\s+7 bytes$/m);
    expect(out).toMatch(/^user:\s+5 bytes$/m);
    expect(out).not.toContain('s3cret!');
  });
});

describe('Namespaces', () => {
  it('a created namespace is Active and lists its own objects only', async () => {
    expect(await c.create(namespace('e2e-other'))).toBe('namespace/e2e-other created\n');
    expect(await c.jsonpath('{.status.phase}', 'ns', 'e2e-other')).toBe('Active');
    await c.ok(['create', '-f', '-', '--validate=false', '-n', 'e2e-other'], { input: JSON.stringify(secret('there', { a: 'b' })) });
    expect(await c.ok(['get', 'secrets', '-n', 'e2e-other', '-o', 'name'])).toBe('secret/there\n');
    expect(await c.ok(['get', 'secrets', '-o', 'name'])).toBe('secret/creds\n');
  });

  it('the built-in namespaces exist', async () => {
    const names = (await c.jsonpath('{.items[*].metadata.name}', 'ns')).split(' ');
    expect(names).toEqual(expect.arrayContaining(['default', 'kube-system', 'kube-public', 'kube-node-lease', NS]));
  });
});

describe('Table columns of other kinds, as upstream prints them', () => {
  /** Header and the row named `name` of `kubectl get <resource> [-o wide]`. */
  async function table(resource: string, name: string, wide = false): Promise<[string[], Record<string, string>]> {
    const t = parseTable(await c.ok(['get', resource, ...(wide ? ['-o', 'wide'] : [])]));
    return [t.header, rowNamed(t, name)];
  }
  const age = expect.stringMatching(AGE);

  it('replicasets: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR', async () => {
    await c.create(workload('ReplicaSet', 'rs', { replicas: 2 }));
    const [header, row] = await table('rs', 'rs', true);
    expect(header).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    expect(row).toEqual({ NAME: 'rs', DESIRED: '2', CURRENT: '0', READY: '0', AGE: age, CONTAINERS: 'app', IMAGES: IMAGE, SELECTOR: 'app=rs' });
  });

  it('statefulsets: NAME READY AGE, wide CONTAINERS IMAGES', async () => {
    await c.create(workload('StatefulSet', 'sts', { replicas: 3, spec: { serviceName: 'sts' } }));
    const [header, row] = await table('sts', 'sts', true);
    expect(header).toEqual(['NAME', 'READY', 'AGE', 'CONTAINERS', 'IMAGES']);
    expect(row).toEqual({ NAME: 'sts', READY: '0/3', AGE: age, CONTAINERS: 'app', IMAGES: IMAGE });
  });

  it('daemonsets: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE', async () => {
    await c.create(workload('DaemonSet', 'ds'));
    const [header, row] = await table('ds', 'ds');
    expect(header).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE']);
    expect(row).toEqual({ NAME: 'ds', DESIRED: '0', CURRENT: '0', READY: '0', 'UP-TO-DATE': '0', AVAILABLE: '0', 'NODE SELECTOR': '<none>', AGE: age });
  });

  it('jobs: NAME STATUS COMPLETIONS DURATION AGE, with a generated selector', async () => {
    await c.create(workload('Job', 'job'));
    const [header, row] = await table('jobs', 'job', true);
    expect(header).toEqual(['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    expect(row).toMatchObject({ NAME: 'job', STATUS: 'Running', COMPLETIONS: '0/1', DURATION: '', AGE: age, CONTAINERS: 'app', IMAGES: IMAGE });
    expect(row.SELECTOR).toMatch(/^batch\.kubernetes\.io\/controller-uid=[0-9a-f-]{36}$/);
  });

  it('cronjobs: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE', async () => {
    await c.create(cronJob('cron', '*/5 * * * *'));
    const [header, row] = await table('cj', 'cron');
    expect(header).toEqual(['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE']);
    expect(row).toEqual({ NAME: 'cron', SCHEDULE: '*/5 * * * *', TIMEZONE: '<none>', SUSPEND: 'False', ACTIVE: '0', 'LAST SCHEDULE': '<none>', AGE: age });
  });

  it('nodes: NAME STATUS ROLES AGE VERSION, wide adds addresses and node info; cordon shows SchedulingDisabled', async () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-x', labels: { 'node-role.kubernetes.io/control-plane': '' } } };
    await c.create(node);
    const [header, row] = await table('nodes', 'node-x', true);
    expect(header).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']);
    expect(row).toEqual({
      NAME: 'node-x', STATUS: 'Unknown', ROLES: 'control-plane', AGE: age, VERSION: '',
      'INTERNAL-IP': '<none>', 'EXTERNAL-IP': '<none>', 'OS-IMAGE': '<unknown>', 'KERNEL-VERSION': '<unknown>', 'CONTAINER-RUNTIME': '<unknown>',
    });
    expect(await c.ok(['cordon', 'node-x'])).toBe('node/node-x cordoned\n');
    expect((await table('no', 'node-x'))[1].STATUS).toBe('Unknown,SchedulingDisabled');
  });

  it('serviceaccounts: NAME SECRETS AGE; endpoints: NAME ENDPOINTS AGE', async () => {
    await c.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } });
    const [saHeader, sa] = await table('sa', 'robot');
    expect(saHeader).toEqual(['NAME', 'SECRETS', 'AGE']);
    expect(sa).toEqual({ NAME: 'robot', SECRETS: '0', AGE: age });
    const subsets = [{ addresses: [{ ip: '10.1.2.3' }], ports: [{ port: 8080 }] }];
    await c.create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'manual' }, subsets });
    const [epHeader, ep] = await table('ep', 'manual');
    expect(epHeader).toEqual(['NAME', 'ENDPOINTS', 'AGE']);
    expect(ep).toEqual({ NAME: 'manual', ENDPOINTS: '10.1.2.3:8080', AGE: age });
  });
});

describe('after a restart', () => {
  it('objects and allocations are kept: new services get other addresses and ports', async () => {
    const ips = (await c.jsonpath('{.items[*].spec.clusterIP}', 'svc')).split(' ');
    const ports = (await c.jsonpath('{.items[*].spec.ports[*].nodePort}', 'svc')).split(' ').filter(Boolean);
    expect(ips).toContain('10.43.200.7');
    await c.gantry.restart();
    expect((await c.jsonpath('{.items[*].spec.clusterIP}', 'svc')).split(' ')).toEqual(ips);
    await c.create(nodePortService('after-restart'));
    const s = await c.getJson('svc', 'after-restart');
    expect(ips).not.toContain(s.spec.clusterIP);
    expect(ports).not.toContain(String(s.spec.ports[0].nodePort));
    const again = withSpec(service('clash-again'), { clusterIP: '10.43.200.7' });
    const err = await c.fails(['create', '-f', '-', '--validate=false'], { input: JSON.stringify(again) });
    expect(err).toMatch(/^The Service "clash-again" is invalid: spec\.clusterIPs: .*provided IP is already allocated\n$/);
  });
});
