import { beforeEach, describe, expect, it } from 'vitest';
import { controllerRevision, statefulSet, type ControllerRevision, type StatefulSet, type StatefulSetSpec } from '../../api/apps/v1/index.js';
import { persistentVolumeClaim, pod as podKind, type PersistentVolumeClaim, type Pod } from '../../api/core/v1/index.js';
import { FakeApi } from '../../../test/controllers/b-fake-api.js';
import { RealStatefulPodControl } from './pod-control.js';
import { StatefulSetReconciler } from './statefulset-sync.js';

let api: FakeApi;
let r: StatefulSetReconciler;

beforeEach(() => {
  api = new FakeApi();
  const podClient = api.writer<Pod>(podKind);
  r = new StatefulSetReconciler({
    sets: api.store<StatefulSet>(statefulSet),
    pods: api.store<Pod>(podKind),
    revisions: api.store<ControllerRevision>(controllerRevision),
    setClient: api.writer<StatefulSet>(statefulSet),
    podClient,
    revisionClient: api.writer<ControllerRevision>(controllerRevision),
    control: new RealStatefulPodControl({ pvcs: api.store<PersistentVolumeClaim>(persistentVolumeClaim), podClient, pvcClient: api.writer(persistentVolumeClaim), events: api.recorder }),
    clock: api.clock,
  });
});

function makeSet(spec: Partial<StatefulSetSpec> = {}): StatefulSet {
  return api.seed<StatefulSet>(statefulSet, {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'ns', uid: 'set-uid', generation: 1 },
    spec: {
      replicas: 3,
      serviceName: 'web',
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } },
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      ...spec,
    },
  });
}

const set = () => api.store<StatefulSet>(statefulSet).getByName('ns', 'web')!;
const pods = () =>
  api
    .store<Pod>(podKind)
    .list()
    .map((p) => p.metadata.name!)
    .sort();
const pod = (name: string) => api.store<Pod>(podKind).getByName('ns', name)!;
const sync = () => r.reconcile({ namespace: 'ns', name: 'web' });

async function ready(name: string): Promise<void> {
  await api.writer<Pod>(podKind).patch('ns', name, {
    type: 'merge',
    body: { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: new Date(api.clock.now()).toISOString() }] } },
  });
}

/** Plays the kubelet: every pod becomes Ready, terminating pods go away, then one sync. */
async function step(): Promise<void> {
  for (const p of api.store<Pod>(podKind).list()) {
    if (p.metadata.deletionTimestamp) api.store<Pod>(podKind).delete(`ns/${p.metadata.name}`);
    else if (p.status?.phase !== 'Running') await ready(p.metadata.name!);
  }
  await sync();
}

function setSpec(patch: Partial<StatefulSetSpec>): void {
  const s = set();
  api.seed<StatefulSet>(statefulSet, { ...s, metadata: { ...s.metadata, generation: (s.metadata.generation ?? 1) + 1 }, spec: { ...s.spec, ...patch } });
}

describe('StatefulSetReconciler', () => {
  it('creates pods in order, each after its predecessor is Running and Ready', async () => {
    makeSet();
    await sync();
    expect(pods()).toEqual(['web-0']);
    await sync();
    expect(pods()).toEqual(['web-0']);
    await ready('web-0');
    await sync();
    expect(pods()).toEqual(['web-0', 'web-1']);
    await step();
    await step();
    expect(pods()).toEqual(['web-0', 'web-1', 'web-2']);
    const p = pod('web-1');
    const rev = api.store<ControllerRevision>(controllerRevision).list()[0]!;
    expect(p.metadata.labels).toMatchObject({
      app: 'web',
      'statefulset.kubernetes.io/pod-name': 'web-1',
      'apps.kubernetes.io/pod-index': '1',
      'controller-revision-hash': rev.metadata.name,
    });
    expect(p.spec.hostname).toBe('web-1');
    expect(p.spec.subdomain).toBe('web');
    expect(p.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', name: 'web', controller: true });
    expect(rev.revision).toBe(1);
    expect(rev.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(api.events.find((e) => e.reason === 'SuccessfulCreate')?.message).toBe('create Pod web-0 in StatefulSet web successful');
    await step();
    expect(set().status).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3, currentRevision: rev.metadata.name, updateRevision: rev.metadata.name, observedGeneration: 1 });
  });

  it('creates every pod at once with Parallel', async () => {
    makeSet({ podManagementPolicy: 'Parallel' });
    await sync();
    expect(pods()).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('scales down from the highest ordinal, one at a time', async () => {
    makeSet({ replicas: 3 });
    for (let i = 0; i < 4; i++) await step();
    setSpec({ replicas: 1 });
    await sync();
    expect(pod('web-2')).toBeUndefined();
    expect(pods()).toEqual(['web-0', 'web-1']);
    await step();
    expect(pods()).toEqual(['web-0']);
  });

  it('creates claims from volumeClaimTemplates and owns them as the retention policy says', async () => {
    makeSet({
      replicas: 2,
      podManagementPolicy: 'Parallel',
      volumeClaimTemplates: [{ metadata: { name: 'data', labels: { tier: 'db' } }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Delete' },
    });
    await sync();
    const pvcs = api.store<PersistentVolumeClaim>(persistentVolumeClaim);
    const claim = pvcs.getByName('ns', 'data-web-0')!;
    expect(claim.metadata.labels).toEqual({ tier: 'db', app: 'web' });
    expect(claim.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'set-uid' }]);
    expect(pod('web-0').spec.volumes).toContainEqual({ name: 'data', persistentVolumeClaim: { claimName: 'data-web-0' } });
    await step();
    setSpec({ replicas: 1 });
    await sync();
    const scaled = pvcs.getByName('ns', 'data-web-1')!;
    expect(scaled.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Pod', name: 'web-1' })]);
  });

  it('rolls an update from the highest ordinal down to the partition', async () => {
    makeSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } });
    for (let i = 0; i < 4; i++) await step();
    const oldRev = set().status!.currentRevision!;
    setSpec({ template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:2' }] } } });
    await sync();
    expect(pod('web-2')).toBeUndefined();
    for (let i = 0; i < 6; i++) await step();
    const newRev = set().status!.updateRevision!;
    expect(newRev).not.toBe(oldRev);
    expect(pod('web-2').metadata.labels?.['controller-revision-hash']).toBe(newRev);
    expect(pod('web-1').metadata.labels?.['controller-revision-hash']).toBe(newRev);
    expect(pod('web-0').metadata.labels?.['controller-revision-hash']).toBe(oldRev);
    expect(pod('web-1').spec.containers[0]!.image).toBe('nginx:2');
    expect(set().status).toMatchObject({ currentRevision: oldRev, updatedReplicas: 2, currentReplicas: 1 });
    const revs = api.store<ControllerRevision>(controllerRevision).list().sort((a, b) => a.revision - b.revision);
    expect(revs.map((x) => x.revision)).toEqual([1, 2]);
  });

  it('leaves pods alone with OnDelete until they are deleted', async () => {
    makeSet({ replicas: 1, updateStrategy: { type: 'OnDelete' } });
    for (let i = 0; i < 2; i++) await step();
    setSpec({ template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:2' }] } } });
    await step();
    expect(pod('web-0').spec.containers[0]!.image).toBe('nginx:1');
    api.store<Pod>(podKind).delete('ns/web-0');
    await sync();
    expect(pod('web-0').spec.containers[0]!.image).toBe('nginx:2');
  });

  it('rolls back by renumbering the old revision', async () => {
    makeSet({ replicas: 1 });
    for (let i = 0; i < 2; i++) await step();
    const v1 = set().spec.template;
    setSpec({ template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:2' }] } } });
    for (let i = 0; i < 3; i++) await step();
    setSpec({ template: v1 });
    for (let i = 0; i < 3; i++) await step();
    const revs = api.store<ControllerRevision>(controllerRevision).list();
    expect(revs).toHaveLength(2);
    const back = revs.find((x) => x.metadata.name === set().status?.updateRevision)!;
    expect(back.revision).toBe(3);
    expect(pod('web-0').spec.containers[0]!.image).toBe('nginx:1');
  });

  it('replaces a failed pod', async () => {
    makeSet({ replicas: 1 });
    await step();
    await api.writer<Pod>(podKind).patch('ns', 'web-0', { type: 'merge', body: { status: { phase: 'Failed' } } });
    await sync();
    expect(pod('web-0')).toBeUndefined();
    await sync();
    expect(pod('web-0')).toBeDefined();
  });
});
