import { describe, it, expect } from 'vitest';
import { BUILTIN_PATCH_META_TABLE, builtinPatchMeta, createPatchMetaLookup } from './patch-meta.js';
import { applyStrategicMergePatch } from './strategic-merge-patch.js';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'nginx',
            image: 'nginx:1.25',
            ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 443, protocol: 'TCP' }],
            env: [{ name: 'A', value: '1' }],
          },
          { name: 'sidecar', image: 'busybox', args: ['sleep', '3600'] },
        ],
        tolerations: [{ key: 'a', operator: 'Exists' }],
      },
    },
  },
};

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'p',
    labels: { app: 'web' },
    finalizers: ['a.example.com/x', 'b.example.com/y'],
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u1', controller: true }],
  },
  spec: {
    containers: [{ name: 'c', image: 'i', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
    volumes: [{ name: 'data', emptyDir: {} }, { name: 'cfg', configMap: { name: 'c1' } }],
    tolerations: [{ key: 'x', operator: 'Exists' }],
  },
  status: {
    phase: 'Pending',
    conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'False' }],
  },
};

const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 's' },
  spec: {
    selector: { app: 'web' },
    ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }, { name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' }],
  },
};

// Test objects are walked freely; `any` keeps the assertions short.
type Obj = Record<string, any>;

function smp(original: unknown, patch: unknown): Obj {
  return applyStrategicMergePatch(original, patch, builtinPatchMeta) as Obj;
}

describe('builtinPatchMeta on Deployments', () => {
  it('applies what kubectl apply sends for an image change', () => {
    const out = smp(deployment, {
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }], containers: [{ image: 'nginx:1.27', name: 'nginx' }] } } },
    });
    const [nginx, sidecar] = out.spec.template.spec.containers;
    expect(nginx).toEqual({ ...deployment.spec.template.spec.containers[0], image: 'nginx:1.27' });
    expect(sidecar).toEqual(deployment.spec.template.spec.containers[1]);
    expect(out.spec.replicas).toBe(2);
  });

  it('kubectl apply removing a container', () => {
    const out = smp(deployment, {
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }], containers: [{ $patch: 'delete', name: 'sidecar' }] } } },
    });
    expect(out.spec.template.spec.containers.map((c: Obj) => c.name)).toEqual(['nginx']);
  });

  it('adds a container in the order setElementOrder gives', () => {
    const out = smp(deployment, {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'init' }, { name: 'nginx' }, { name: 'sidecar' }],
            containers: [{ name: 'init', image: 'alpine' }],
          },
        },
      },
    });
    expect(out.spec.template.spec.containers.map((c: Obj) => c.name)).toEqual(['init', 'nginx', 'sidecar']);
  });

  it('removes a container port with $patch: delete and merges env by name', () => {
    const out = smp(deployment, {
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'nginx', ports: [{ containerPort: 443, $patch: 'delete' }], env: [{ name: 'B', value: '2' }, { name: 'A', value: 'changed' }] },
            ],
          },
        },
      },
    });
    const nginx = out.spec.template.spec.containers[0];
    expect(nginx.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(nginx.env).toEqual([{ name: 'B', value: '2' }, { name: 'A', value: 'changed' }]);
    expect(out.spec.template.spec.containers[1].name).toBe('sidecar');
  });

  it('switches strategy type with $retainKeys', () => {
    const out = smp(deployment, { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' } } });
    expect(out.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('replaces atomic lists (tolerations, args)', () => {
    const out = smp(deployment, {
      spec: { template: { spec: { tolerations: [{ key: 'b', operator: 'Exists' }], containers: [{ name: 'sidecar', args: ['true'] }] } } },
    });
    expect(out.spec.template.spec.tolerations).toEqual([{ key: 'b', operator: 'Exists' }]);
    expect(out.spec.template.spec.containers[1].args).toEqual(['true']);
  });

  it('merges CronJob job template containers', () => {
    const cron = { spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } } } } } };
    const out = smp(cron, { spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'b', image: 'z' }] } } } } } });
    expect(out.spec.jobTemplate.spec.template.spec.containers).toEqual([{ name: 'a', image: 'x' }, { name: 'b', image: 'z' }]);
  });
});

describe('builtinPatchMeta on Pods', () => {
  it('merges labels and finalizers, deletes finalizers from the primitive list', () => {
    const out = smp(pod, {
      metadata: { labels: { tier: 'fe' }, finalizers: ['c.example.com/z'], '$deleteFromPrimitiveList/finalizers': ['a.example.com/x'] },
    });
    expect(out.metadata.labels).toEqual({ app: 'web', tier: 'fe' });
    expect(out.metadata.finalizers).toEqual(['c.example.com/z', 'b.example.com/y']);
  });

  it('merges ownerReferences by uid', () => {
    const out = smp(pod, { metadata: { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'n', uid: 'u2' }, { uid: 'u1', controller: false }] } });
    expect(out.metadata.ownerReferences.map((r: Obj) => [r.uid, r.controller])).toEqual([
      ['u2', undefined],
      ['u1', false],
    ]);
  });

  it('merges status conditions by type (a kubelet status patch)', () => {
    const out = smp(pod, {
      status: {
        '$setElementOrder/conditions': [{ type: 'PodScheduled' }, { type: 'Ready' }, { type: 'Initialized' }],
        conditions: [{ type: 'Ready', status: 'True' }, { type: 'Initialized', status: 'True' }],
        phase: 'Running',
      },
    });
    expect(out.status.conditions).toEqual([
      { type: 'PodScheduled', status: 'True' },
      { type: 'Ready', status: 'True' },
      { type: 'Initialized', status: 'True' },
    ]);
    expect(out.status.phase).toBe('Running');
  });

  it('switches a volume source with $retainKeys on the list item', () => {
    const out = smp(pod, { spec: { volumes: [{ $retainKeys: ['configMap', 'name'], name: 'data', configMap: { name: 'cm' } }] } });
    expect(out.spec.volumes).toEqual([{ name: 'data', configMap: { name: 'cm' } }, { name: 'cfg', configMap: { name: 'c1' } }]);
  });

  it('merges volumeMounts by mountPath', () => {
    const out = smp(pod, { spec: { containers: [{ name: 'c', volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg' }, { mountPath: '/data', readOnly: true }] }] } });
    expect(out.spec.containers[0].volumeMounts).toEqual([
      { name: 'cfg', mountPath: '/etc/cfg' },
      { name: 'data', mountPath: '/data', readOnly: true },
    ]);
  });
});

describe('builtinPatchMeta on Services and ConfigMaps', () => {
  it('merges service ports by port, and deletes one', () => {
    const out = smp(service, { spec: { ports: [{ port: 80, targetPort: 9090 }, { port: 8081, name: 'metrics' }] } });
    expect(out.spec.ports.map((p: Obj) => [p.port, p.targetPort])).toEqual([
      [80, 9090],
      [8081, undefined],
      [443, 8443],
    ]);
    const del = smp(service, { spec: { ports: [{ port: 443, $patch: 'delete' }] } });
    expect(del.spec.ports).toEqual([service.spec.ports[0]]);
  });

  it('merges ConfigMap data, deleting with null and replacing with $patch', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1', b: '2' } };
    expect(smp(cm, { data: { b: null, c: '3' } }).data).toEqual({ a: '1', c: '3' });
    expect(smp(cm, { data: { $patch: 'replace', z: '9' } }).data).toEqual({ z: '9' });
  });
});

describe('the table', () => {
  it('covers the pod template of every workload kind', () => {
    for (const root of ['spec', 'spec.template.spec', 'spec.jobTemplate.spec.template.spec', 'template.spec']) {
      expect(BUILTIN_PATCH_META_TABLE[`${root}.containers`]).toEqual({ strategy: 'merge', mergeKey: 'name' });
      expect(BUILTIN_PATCH_META_TABLE[`${root}.initContainers.env`]).toEqual({ strategy: 'merge', mergeKey: 'name' });
      expect(BUILTIN_PATCH_META_TABLE[`${root}.containers.ports`]).toEqual({ strategy: 'merge', mergeKey: 'containerPort' });
    }
    expect(builtinPatchMeta(['spec', 'template', 'metadata', 'finalizers'])).toEqual({ strategy: 'merge' });
    expect(builtinPatchMeta(['spec', 'unknown'])).toBeUndefined();
  });

  it('createPatchMetaLookup reads dotted paths', () => {
    const lookup = createPatchMetaLookup({ 'spec.items': { strategy: 'merge', mergeKey: 'id' } });
    expect(lookup(['spec', 'items'])).toEqual({ strategy: 'merge', mergeKey: 'id' });
    expect(lookup(['spec'])).toBeUndefined();
  });
});
