/**
 * Version and discovery through kubectl against one gantry server (version, api-versions,
 * api-resources), and a few core commands with the older kubectl 1.27.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/index.js';
import { useCluster } from './lib/cluster.js';
import { deployment, pod } from './lib/manifests.js';
import { parseTable, type ParsedTable } from './lib/table.js';

const NS = 'e2e-discovery';
const c = useCluster({ namespace: NS });
const KUBECTL_1_27 = '/usr/lib/google-cloud-sdk/bin/kubectl.1.27';

/** Group versions the issue requires, as `kubectl api-versions` prints them. */
const GROUP_VERSIONS = [
  'apps/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'batch/v1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'events.k8s.io/v1',
  'networking.k8s.io/v1',
  'policy/v1',
  'rbac.authorization.k8s.io/v1',
  'scheduling.k8s.io/v1',
  'storage.k8s.io/v1',
  'v1',
];

/** `kubectl api-resources` rows as upstream prints them: NAME SHORTNAMES APIVERSION NAMESPACED KIND. */
const RESOURCES = `
configmaps cm v1 true ConfigMap
endpoints ep v1 true Endpoints
events ev v1 true Event
limitranges limits v1 true LimitRange
namespaces ns v1 false Namespace
nodes no v1 false Node
persistentvolumeclaims pvc v1 true PersistentVolumeClaim
persistentvolumes pv v1 false PersistentVolume
pods po v1 true Pod
podtemplates - v1 true PodTemplate
replicationcontrollers rc v1 true ReplicationController
resourcequotas quota v1 true ResourceQuota
secrets - v1 true Secret
serviceaccounts sa v1 true ServiceAccount
services svc v1 true Service
controllerrevisions - apps/v1 true ControllerRevision
daemonsets ds apps/v1 true DaemonSet
deployments deploy apps/v1 true Deployment
replicasets rs apps/v1 true ReplicaSet
statefulsets sts apps/v1 true StatefulSet
horizontalpodautoscalers hpa autoscaling/v2 true HorizontalPodAutoscaler
cronjobs cj batch/v1 true CronJob
jobs - batch/v1 true Job
leases - coordination.k8s.io/v1 true Lease
endpointslices - discovery.k8s.io/v1 true EndpointSlice
events ev events.k8s.io/v1 true Event
ingressclasses - networking.k8s.io/v1 false IngressClass
ingresses ing networking.k8s.io/v1 true Ingress
networkpolicies netpol networking.k8s.io/v1 true NetworkPolicy
poddisruptionbudgets pdb policy/v1 true PodDisruptionBudget
clusterrolebindings - rbac.authorization.k8s.io/v1 false ClusterRoleBinding
clusterroles - rbac.authorization.k8s.io/v1 false ClusterRole
rolebindings - rbac.authorization.k8s.io/v1 true RoleBinding
roles - rbac.authorization.k8s.io/v1 true Role
priorityclasses pc scheduling.k8s.io/v1 false PriorityClass
storageclasses sc storage.k8s.io/v1 false StorageClass
`
  .trim()
  .split('\n');

const RESOURCE_COLUMNS = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'];

/** Each row as one line of its cells, "-" for an empty cell. */
function rowLines(t: ParsedTable): string[] {
  return t.rows.map((r) => RESOURCE_COLUMNS.map((col) => r[col] || '-').join(' '));
}

/** Verbs or categories as a list, whether kubectl prints them as "a,b" or "[a b]". */
function listCell(cell: string | undefined): string[] {
  return (cell ?? '').replace(/^\[|\]$/g, '').split(/[ ,]+/).filter(Boolean);
}

describe('kubectl version', () => {
  it('reports server version 1.32, so the dispatcher picks kubectl 1.32', async () => {
    const info = JSON.parse(await c.ok(['version', '-o', 'json']));
    expect(info.serverVersion).toMatchObject({ major: '1', minor: '32', platform: expect.stringMatching(/^linux\//) });
    expect(info.serverVersion.gitVersion).toMatch(/^v1\.32\.\d+/);
    expect(info.clientVersion.minor).toMatch(/^32\+?$/);
    expect(await c.ok(['version'])).toMatch(/^Server Version: v1\.32\.\d+\S*$/m);
  });
});

describe('kubectl api-versions', () => {
  it('lists every required group version, sorted, one per line', async () => {
    const lines = (await c.ok(['api-versions'])).trimEnd().split('\n');
    expect(lines).toEqual(expect.arrayContaining(GROUP_VERSIONS));
    expect(lines).toEqual([...lines].sort());
    expect(new Set(lines).size).toBe(lines.length);
  });
});

describe('kubectl api-resources', () => {
  it('lists the resources with upstream names, short names, versions and scopes', async () => {
    const t = parseTable(await c.ok(['api-resources']));
    expect(t.header).toEqual(RESOURCE_COLUMNS);
    expect(rowLines(t)).toEqual(expect.arrayContaining(RESOURCES));
    expect(t.rows.filter((r) => r.NAME!.includes('/'))).toEqual([]);
  });

  it('-o wide shows verbs and the "all" category', async () => {
    const t = parseTable(await c.ok(['api-resources', '-o', 'wide']));
    expect(t.header).toEqual([...RESOURCE_COLUMNS, 'VERBS', 'CATEGORIES']);
    const row = (name: string, version: string) => t.rows.find((r) => r.NAME === name && r.APIVERSION === version);
    const fullVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
    expect(listCell(row('pods', 'v1')?.VERBS)).toEqual(fullVerbs);
    expect(listCell(row('deployments', 'apps/v1')?.VERBS)).toEqual(fullVerbs);
    expect(listCell(row('namespaces', 'v1')?.VERBS)).toEqual(['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']);
    for (const [name, version] of [['pods', 'v1'], ['services', 'v1'], ['deployments', 'apps/v1'], ['jobs', 'batch/v1']] as const) {
      expect(listCell(row(name, version)?.CATEGORIES), `${name} categories`).toEqual(['all']);
    }
    expect(listCell(row('configmaps', 'v1')?.CATEGORIES)).toEqual([]);
  });

  it('filters by scope and group', async () => {
    const cluster = (await c.ok(['api-resources', '--namespaced=false', '-o', 'name'])).trimEnd().split('\n');
    expect(cluster).toEqual(expect.arrayContaining(['namespaces', 'nodes', 'persistentvolumes', 'clusterroles.rbac.authorization.k8s.io']));
    expect(cluster).not.toContain('pods');
    const apps = (await c.ok(['api-resources', '--api-group=apps', '-o', 'name'])).trimEnd().split('\n');
    expect(apps.sort()).toEqual(['controllerrevisions.apps', 'daemonsets.apps', 'deployments.apps', 'replicasets.apps', 'statefulsets.apps']);
  });

  it('resolves short names and qualified names', async () => {
    await c.create(pod('short'), deployment('short'));
    expect(await c.ok(['get', 'po', 'short', '-o', 'name'])).toBe('pod/short\n');
    expect(await c.ok(['get', 'deploy.apps', 'short', '-o', 'name'])).toBe('deployment.apps/short\n');
    expect(await c.ok(['get', 'deployments.v1.apps', 'short', '-o', 'name'])).toBe('deployment.apps/short\n');
  });
});

describe('legacy discovery documents', () => {
  /** The subresource names in a legacy APIResourceList. */
  async function subresources(path: string): Promise<string[]> {
    const list = JSON.parse(await c.ok(['get', '--raw', path]));
    expect(list).toMatchObject({ kind: 'APIResourceList', groupVersion: path === '/api/v1' ? 'v1' : path.slice('/apis/'.length) });
    return list.resources.map((r: { name: string }) => r.name).filter((n: string) => n.includes('/'));
  }

  it('/api/v1 lists the pod and status subresources', async () => {
    const names = await subresources('/api/v1');
    const podSubs = ['pods/attach', 'pods/binding', 'pods/eviction', 'pods/exec', 'pods/log', 'pods/portforward', 'pods/status'];
    expect(names).toEqual(expect.arrayContaining([...podSubs, 'namespaces/status', 'nodes/status', 'services/status']));
  });

  it('/apis/apps/v1 lists status and scale subresources', async () => {
    const names = await subresources('/apis/apps/v1');
    expect(names).toEqual(
      expect.arrayContaining(['deployments/scale', 'deployments/status', 'replicasets/scale', 'replicasets/status', 'statefulsets/scale', 'statefulsets/status', 'daemonsets/status']),
    );
    expect(names).not.toContain('daemonsets/scale');
  });

  it('/apis lists each group with its preferred version', async () => {
    const groups = JSON.parse(await c.ok(['get', '--raw', '/apis']));
    const apps = groups.groups.find((g: { name: string }) => g.name === 'apps');
    expect(apps).toMatchObject({ versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } });
    const autoscaling = groups.groups.find((g: { name: string }) => g.name === 'autoscaling');
    expect(autoscaling.preferredVersion).toEqual({ groupVersion: 'autoscaling/v2', version: 'v2' });
  });
});

describe('kubectl 1.27', () => {
  const cache = tempDir('gantry-e2e-kubectl127-');
  afterAll(() => cache.cleanup());
  const old = { bin: KUBECTL_1_27, cacheDir: cache.path };

  it('reports its own version and the server version', async () => {
    const r = await c.run(['version', '-o', 'json'], old);
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.clientVersion.minor).toBe('27');
    expect(info.serverVersion.gitVersion).toMatch(/^v1\.32\.\d+/);
  });

  it('creates, lists, labels and deletes a pod', async () => {
    const manifest = JSON.stringify(pod('old-client'));
    expect(await c.ok(['create', '-f', '-', '--validate=false'], { ...old, input: manifest })).toBe('pod/old-client created\n');
    const t = parseTable(await c.ok(['get', 'pods', 'old-client'], old));
    expect(t.header).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(t.rows[0]).toMatchObject({ NAME: 'old-client', READY: '0/1', STATUS: 'Pending' });
    expect(await c.ok(['label', 'pod', 'old-client', 'era=old'], old)).toBe('pod/old-client labeled\n');
    expect(await c.ok(['get', 'pods', '-l', 'era=old', '-o', 'name'], old)).toBe('pod/old-client\n');
    expect(await c.ok(['delete', 'pod', 'old-client'], old)).toBe('pod "old-client" deleted\n');
    expect(await c.fails(['get', 'pod', 'old-client'], old)).toBe('Error from server (NotFound): pods "old-client" not found\n');
  });

  it('sees the same api-resources as kubectl 1.32', async () => {
    const t = parseTable(await c.ok(['api-resources'], old));
    expect(rowLines(t)).toEqual(expect.arrayContaining(RESOURCES));
  });
});
