/**
 * Strategic merge patch on the kinds users touch most (Deployment, Pod, Service, ConfigMap),
 * with the built-in patch metadata: merge keys, the directives, and the patches kubectl itself
 * sends (client-side apply, edit, set). Each case states the patch and how the live object
 * changes; the result must equal upstream's.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors/api-error.js';
import { applyStrategicMergePatch } from './strategic-merge-patch.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Case {
  title: string;
  patch: Obj;
  /** Turns a copy of the live object into the expected result. */
  change: (o: Obj) => void;
}

function run(live: () => Obj, cases: Case[]): void {
  it.each(cases)('$title', ({ patch, change }) => {
    const original = live();
    const want = live();
    change(want);
    const patchCopy = structuredClone(patch);
    expect(applyStrategicMergePatch(original, patch)).toEqual(want);
    expect(original).toEqual(live());
    expect(patch).toEqual(patchCopy);
  });
}

const deployment = (): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web', tier: 'fe' }, finalizers: ['example.com/one'] },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'nginx:1.27',
            ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }, { name: 'metrics', containerPort: 9090, protocol: 'TCP' }],
            env: [{ name: 'MODE', value: 'prod' }, { name: 'DEBUG', value: '0' }],
            volumeMounts: [{ name: 'data', mountPath: '/data' }],
          },
          { name: 'sidecar', image: 'busybox:1.36', args: ['sleep', '1d'] },
        ],
        volumes: [{ name: 'data', emptyDir: {} }],
        tolerations: [{ key: 'a', operator: 'Exists' }],
      },
    },
  },
});

const podSpec = (o: Obj): Obj => o.spec.template.spec;
const app = (o: Obj): Obj => podSpec(o).containers[0];
const inTemplate = (spec: Obj): Obj => ({ spec: { template: { spec } } });

describe('strategic merge patch: Deployment', () => {
  run(deployment, [
    {
      title: 'sets replicas and a container image by name; the other container keeps its place',
      patch: { spec: { replicas: 3, template: { spec: { containers: [{ name: 'app', image: 'nginx:1.28' }] } } } },
      change: (o) => {
        o.spec.replicas = 3;
        app(o).image = 'nginx:1.28';
      },
    },
    {
      title: 'patching the second container keeps the order',
      patch: inTemplate({ containers: [{ name: 'sidecar', image: 'busybox:1.37' }] }),
      change: (o) => (podSpec(o).containers[1].image = 'busybox:1.37'),
    },
    {
      title: 'a new container without $setElementOrder goes first',
      patch: inTemplate({ containers: [{ name: 'new', image: 'redis:7' }] }),
      change: (o) => podSpec(o).containers.unshift({ name: 'new', image: 'redis:7' }),
    },
    {
      title: 'a new container lands where $setElementOrder puts it',
      patch: inTemplate({ '$setElementOrder/containers': [{ name: 'app' }, { name: 'new' }, { name: 'sidecar' }], containers: [{ name: 'new', image: 'redis:7' }] }),
      change: (o) => podSpec(o).containers.splice(1, 0, { name: 'new', image: 'redis:7' }),
    },
    {
      title: '$patch: delete removes a container by name',
      patch: inTemplate({ containers: [{ name: 'sidecar', $patch: 'delete' }] }),
      change: (o) => podSpec(o).containers.pop(),
    },
    {
      title: "client-side apply's patch removes a container port and an env var",
      patch: {
        metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}\n' } },
        ...inTemplate({
          '$setElementOrder/containers': [{ name: 'app' }, { name: 'sidecar' }],
          containers: [
            {
              name: 'app',
              '$setElementOrder/env': [{ name: 'MODE' }],
              '$setElementOrder/ports': [{ containerPort: 8080 }],
              env: [{ $patch: 'delete', name: 'DEBUG' }],
              ports: [{ $patch: 'delete', containerPort: 9090 }],
            },
          ],
        }),
      },
      change: (o) => {
        o.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': '{}\n' };
        app(o).env.pop();
        app(o).ports.pop();
      },
    },
    {
      title: 'env merges by name: a changed value stays in place, a new var follows the patch order',
      patch: inTemplate({ containers: [{ name: 'app', env: [{ name: 'DEBUG', value: '1' }, { name: 'NEW', value: 'x' }] }] }),
      change: (o) => (app(o).env = [{ name: 'MODE', value: 'prod' }, { name: 'DEBUG', value: '1' }, { name: 'NEW', value: 'x' }]),
    },
    {
      title: 'null removes one field of an env var',
      patch: inTemplate({ containers: [{ name: 'app', env: [{ name: 'DEBUG', value: null, valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] }] }),
      change: (o) => (app(o).env[1] = { name: 'DEBUG', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }),
    },
    {
      title: 'ports merge by containerPort',
      patch: inTemplate({ containers: [{ name: 'app', ports: [{ containerPort: 9090, name: 'prom' }] }] }),
      change: (o) => (app(o).ports[1].name = 'prom'),
    },
    {
      title: '$setElementOrder alone reorders env',
      patch: inTemplate({ containers: [{ name: 'app', '$setElementOrder/env': [{ name: 'DEBUG' }, { name: 'MODE' }] }] }),
      change: (o) => app(o).env.reverse(),
    },
    {
      title: 'volumeMounts merge by mountPath',
      patch: inTemplate({ containers: [{ name: 'app', volumeMounts: [{ mountPath: '/data', readOnly: true }] }] }),
      change: (o) => (app(o).volumeMounts[0].readOnly = true),
    },
    {
      title: 'a volume item with $retainKeys switches its source',
      patch: inTemplate({ volumes: [{ name: 'data', $retainKeys: ['hostPath', 'name'], hostPath: { path: '/srv' } }] }),
      change: (o) => (podSpec(o).volumes = [{ name: 'data', hostPath: { path: '/srv' } }]),
    },
    {
      title: 'tolerations are replaced as a whole',
      patch: inTemplate({ tolerations: [{ key: 'b', operator: 'Exists', effect: 'NoSchedule' }] }),
      change: (o) => (podSpec(o).tolerations = [{ key: 'b', operator: 'Exists', effect: 'NoSchedule' }]),
    },
    {
      title: 'container args (no patch strategy) are replaced',
      patch: inTemplate({ containers: [{ name: 'sidecar', args: ['sleep', '2d'] }] }),
      change: (o) => (podSpec(o).containers[1].args = ['sleep', '2d']),
    },
    {
      title: 'switching the strategy to Recreate with $retainKeys drops rollingUpdate',
      patch: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null } } },
      change: (o) => (o.spec.strategy = { type: 'Recreate' }),
    },
    {
      title: 'strategy without $retainKeys merges',
      patch: { spec: { strategy: { rollingUpdate: { maxSurge: 1 } } } },
      change: (o) => (o.spec.strategy.rollingUpdate.maxSurge = 1),
    },
    {
      title: 'labels merge and null deletes one',
      patch: { metadata: { labels: { tier: null, team: 'x' } } },
      change: (o) => (o.metadata.labels = { app: 'web', team: 'x' }),
    },
    {
      title: '$patch: replace on the template labels',
      patch: { spec: { template: { metadata: { labels: { $patch: 'replace', app: 'web', v: '2' } } } } },
      change: (o) => (o.spec.template.metadata.labels = { app: 'web', v: '2' }),
    },
    {
      title: 'finalizers merge as a set (a new value first) and $deleteFromPrimitiveList removes one',
      patch: { metadata: { finalizers: ['example.com/two'], '$deleteFromPrimitiveList/finalizers': ['example.com/one'] } },
      change: (o) => (o.metadata.finalizers = ['example.com/two']),
    },
    {
      title: 'finalizers union keeps the live values',
      patch: { metadata: { finalizers: ['example.com/two'] } },
      change: (o) => (o.metadata.finalizers = ['example.com/two', 'example.com/one']),
    },
    {
      title: 'kubectl rollout restart adds a template annotation',
      patch: { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' } } } } },
      change: (o) => (o.spec.template.metadata.annotations = { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' }),
    },
  ]);

  it('a container without its merge key is refused', () => {
    const err = (() => {
      try {
        applyStrategicMergePatch(deployment(), inTemplate({ containers: [{ image: 'x' }] }));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe(400);
    expect((err as ApiError).message).toContain('does not contain declared merge key: name');
  });
});

const pod = (): Obj => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u1', controller: true }] },
  spec: {
    initContainers: [{ name: 'init', image: 'busybox:1.36' }],
    containers: [{ name: 'app', image: 'nginx:1.27', resources: { limits: { cpu: '1', memory: '1Gi' } } }],
    imagePullSecrets: [{ name: 'reg' }],
    hostAliases: [{ ip: '10.0.0.1', hostnames: ['a.local'] }],
    topologySpreadConstraints: [{ topologyKey: 'zone', maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' }],
    readinessGates: [{ conditionType: 'x/ready' }],
  },
  status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'False' }] },
});

describe('strategic merge patch: Pod', () => {
  run(pod, [
    {
      title: 'containers merge by name at spec.containers',
      patch: { spec: { containers: [{ name: 'app', image: 'nginx:1.28' }] } },
      change: (o) => (o.spec.containers[0].image = 'nginx:1.28'),
    },
    {
      title: 'initContainers merge by name',
      patch: { spec: { initContainers: [{ name: 'init', command: ['true'] }] } },
      change: (o) => (o.spec.initContainers[0].command = ['true']),
    },
    {
      title: 'resource limits merge as a map',
      patch: { spec: { containers: [{ name: 'app', resources: { limits: { cpu: '2' }, requests: { cpu: '500m' } } }] } },
      change: (o) => (o.spec.containers[0].resources = { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '500m' } }),
    },
    {
      title: 'status conditions merge by type',
      patch: { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } },
      change: (o) => {
        o.status.phase = 'Running';
        o.status.conditions[1].status = 'True';
      },
    },
    {
      title: 'ownerReferences merge by uid',
      patch: { metadata: { ownerReferences: [{ uid: 'u1', blockOwnerDeletion: true }, { apiVersion: 'v1', kind: 'Node', name: 'n', uid: 'u2' }] } },
      change: (o) => {
        o.metadata.ownerReferences[0].blockOwnerDeletion = true;
        o.metadata.ownerReferences.push({ apiVersion: 'v1', kind: 'Node', name: 'n', uid: 'u2' });
      },
    },
    {
      title: 'imagePullSecrets merge by name',
      patch: { spec: { imagePullSecrets: [{ name: 'other' }] } },
      change: (o) => o.spec.imagePullSecrets.unshift({ name: 'other' }),
    },
    {
      title: 'hostAliases merge by ip; hostnames inside are replaced',
      patch: { spec: { hostAliases: [{ ip: '10.0.0.1', hostnames: ['b.local'] }] } },
      change: (o) => (o.spec.hostAliases[0].hostnames = ['b.local']),
    },
    {
      title: 'topologySpreadConstraints merge by topologyKey',
      patch: { spec: { topologySpreadConstraints: [{ topologyKey: 'zone', maxSkew: 2 }] } },
      change: (o) => (o.spec.topologySpreadConstraints[0].maxSkew = 2),
    },
    {
      title: 'readinessGates are replaced',
      patch: { spec: { readinessGates: [{ conditionType: 'y/ready' }] } },
      change: (o) => (o.spec.readinessGates = [{ conditionType: 'y/ready' }]),
    },
    {
      title: '$patch: replace as a list item replaces the whole container list',
      patch: { spec: { containers: [{ $patch: 'replace' }, { name: 'solo', image: 'redis:7' }] } },
      change: (o) => (o.spec.containers = [{ name: 'solo', image: 'redis:7' }]),
    },
    {
      title: '$patch: delete on a map empties it',
      patch: { spec: { containers: [{ name: 'app', resources: { $patch: 'delete' } }] } },
      change: (o) => (o.spec.containers[0].resources = {}),
    },
  ]);
});

const service = (): Obj => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    type: 'ClusterIP',
    clusterIP: '10.43.0.10',
    selector: { app: 'web' },
    ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }, { name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' }],
    externalIPs: ['192.0.2.1'],
  },
});

describe('strategic merge patch: Service', () => {
  run(service, [
    {
      title: 'ports merge by port',
      patch: { spec: { ports: [{ port: 80, targetPort: 9090 }] } },
      change: (o) => (o.spec.ports[0].targetPort = 9090),
    },
    {
      title: 'a new port lands where $setElementOrder puts it',
      patch: { spec: { '$setElementOrder/ports': [{ port: 80 }, { port: 443 }, { port: 9000 }], ports: [{ name: 'admin', port: 9000 }] } },
      change: (o) => o.spec.ports.push({ name: 'admin', port: 9000 }),
    },
    {
      title: '$patch: delete removes a port',
      patch: { spec: { ports: [{ port: 443, $patch: 'delete' }] } },
      change: (o) => o.spec.ports.pop(),
    },
    {
      title: 'switching to NodePort sets the type and a nodePort on one port',
      patch: { spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] } },
      change: (o) => {
        o.spec.type = 'NodePort';
        o.spec.ports[0].nodePort = 30080;
      },
    },
    {
      title: 'the selector merges as a map; null removes a key',
      patch: { spec: { selector: { tier: 'fe', app: null } } },
      change: (o) => (o.spec.selector = { tier: 'fe' }),
    },
    {
      title: 'externalIPs (no patch strategy) are replaced',
      patch: { spec: { externalIPs: ['192.0.2.2'] } },
      change: (o) => (o.spec.externalIPs = ['192.0.2.2']),
    },
  ]);
});

const configMap = (): Obj => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'cfg', namespace: 'default', labels: { app: 'web' } },
  data: { a: '1', b: '2' },
  binaryData: { bin: 'AAEC' },
});

describe('strategic merge patch: ConfigMap', () => {
  run(configMap, [
    { title: 'adds and changes data keys', patch: { data: { b: '20', c: '3' } }, change: (o) => (o.data = { a: '1', b: '20', c: '3' }) },
    { title: 'null removes a data key', patch: { data: { a: null } }, change: (o) => (o.data = { b: '2' }) },
    { title: '$patch: replace replaces all data', patch: { data: { $patch: 'replace', z: '26' } }, change: (o) => (o.data = { z: '26' }) },
    { title: 'null removes binaryData entirely', patch: { binaryData: null }, change: (o) => delete o.binaryData },
    { title: 'immutable is a plain field', patch: { immutable: true }, change: (o) => (o.immutable = true) },
    { title: 'an empty patch changes nothing', patch: {}, change: () => undefined },
    {
      title: 'a $retainKeys at the top keeps only the listed fields',
      patch: { $retainKeys: ['apiVersion', 'kind', 'metadata', 'data'], data: { a: '1' } },
      change: (o) => delete o.binaryData,
    },
  ]);
});
