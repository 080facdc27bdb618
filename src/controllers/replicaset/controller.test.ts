import { describe, expect, it } from 'vitest';
import { replicaSet, type ReplicaSet } from '../../api/apps/v1/index.js';
import { pod as podKind, replicationController, type Pod, type ReplicationController } from '../../api/core/v1/index.js';
import { ApiError } from '../../machinery/index.js';
import type { PodControl } from '../runtime/index.js';
import { FakeApi } from '../runtime/testing/fake-api.js';
import { makePodsReady, readyStatus, useControllers, waitUntil } from '../runtime/testing/harness.js';
import { replicaSetController, replicationControllerController } from './controller.js';

const NS = 'ns';
const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
function rs(name: string, replicas: number, extra: Partial<ReplicaSet['spec']> = {}): ReplicaSet {
  return { metadata: { name, namespace: NS }, spec: { replicas, selector: { matchLabels: { app: 'web' } }, template, ...extra } };
}
const pods = (api: FakeApi) => api.list<Pod>(podKind, NS);
const activePods = (api: FakeApi) => pods(api).filter((p) => !p.metadata.deletionTimestamp);
const getRs = (api: FakeApi, name = 'web') => api.get<ReplicaSet>(replicaSet, NS, name)!;

const run = useControllers();

describe('replicaset controller', () => {
  it('creates the pods with a controller ownerRef and reports status counters', async () => {
    const api = new FakeApi();
    const created = api.seed(replicaSet, rs('web', 3));
    await run(api, [replicaSetController()]);
    await waitUntil(() => pods(api).length === 3, { what: '3 pods' });
    for (const p of pods(api)) {
      expect(p.metadata.generateName).toBe('web-');
      expect(p.metadata.labels).toEqual({ app: 'web' });
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: created.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    await waitUntil(() => getRs(api).status?.replicas === 3, { what: 'status.replicas' });
    expect(getRs(api).status).toMatchObject({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 0, availableReplicas: 0, observedGeneration: 1 });
    await makePodsReady(api, NS);
    await waitUntil(() => getRs(api).status?.availableReplicas === 3, { what: 'available' });
    expect(getRs(api).status?.readyReplicas).toBe(3);
  });

  it('creates in slow-start batches and stops at the first failing batch, with ReplicaFailure', async () => {
    const api = new FakeApi();
    let creates = 0;
    let atFirstStatus = -1;
    api.failWrite = (a) => {
      if (a.plural === 'replicasets' && a.verb === 'patch' && atFirstStatus < 0) atFirstStatus = creates;
      if (a.plural === 'pods' && a.verb === 'create' && ++creates > 3) throw ApiError.forbidden({ group: '', resource: 'pods' }, '', { reason: 'exceeded quota' });
    };
    api.seed(replicaSet, rs('web', 10));
    await run(api, [replicaSetController()]);
    await waitUntil(() => (getRs(api).status?.conditions ?? []).length > 0, { what: 'ReplicaFailure' });
    // batches of 1, 2 and 4: the third fails entirely, so 7 attempts and 3 pods
    expect(atFirstStatus).toBe(7);
    expect(pods(api)).toHaveLength(3);
    expect(getRs(api).status?.conditions?.[0]).toMatchObject({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate' });
    expect(getRs(api).status?.conditions?.[0]?.message).toMatch(/exceeded quota/);
    api.failWrite = undefined;
    await waitUntil(() => pods(api).length === 10 && !getRs(api).status?.conditions, { what: 'recovery', ms: 8000 });
  });

  it('scales down deleting unassigned, then not-ready pods first', async () => {
    const api = new FakeApi();
    api.seed(replicaSet, rs('web', 4));
    await run(api, [replicaSetController()]);
    await waitUntil(() => pods(api).length === 4);
    const [a, b] = pods(api);
    const podClient = api.resource<Pod>(podKind);
    // a and b ready on nodes; c bound but not ready; d unassigned
    for (const p of [a!, b!]) {
      await podClient.update({ ...p, spec: { ...p.spec, nodeName: 'n1' } } as Pod);
      await podClient.updateStatus({ ...api.get<Pod>(podKind, NS, p.metadata.name!)!, status: readyStatus() });
    }
    const c = pods(api).find((p) => !p.spec.nodeName)!;
    await podClient.update({ ...c, spec: { ...c.spec, nodeName: 'n2' } } as Pod);
    const d = pods(api).find((p) => !p.spec.nodeName)!;
    await api.resource(replicaSet).patch(NS, 'web', { type: 'merge', body: { spec: { replicas: 2 } } });
    await waitUntil(() => activePods(api).length === 2, { what: 'scale down' });
    expect(activePods(api).map((p) => p.metadata.name).sort()).toEqual([a!.metadata.name, b!.metadata.name].sort());
    expect(api.actions.filter((x) => x.verb === 'delete').map((x) => x.name).sort()).toEqual([c.metadata.name, d.metadata.name].sort());
    await waitUntil(() => getRs(api).status?.observedGeneration === 2 && getRs(api).status?.replicas === 2, { what: 'status after scale down' });
  });

  it('adopts matching orphans and releases pods whose labels no longer match', async () => {
    const api = new FakeApi();
    api.seed(podKind, { metadata: { name: 'orphan', namespace: NS, labels: { app: 'web' } }, spec: template.spec });
    api.seed(podKind, { metadata: { name: 'other', namespace: NS, labels: { app: 'db' } }, spec: template.spec });
    const owner = api.seed(replicaSet, rs('web', 2));
    await run(api, [replicaSetController()]);
    await waitUntil(() => pods(api).filter((p) => p.metadata.ownerReferences?.[0]?.uid === owner.metadata.uid).length === 2, { what: 'adopt + 1 create' });
    expect(api.get<Pod>(podKind, NS, 'orphan')!.metadata.ownerReferences?.[0]?.name).toBe('web');
    expect(api.get<Pod>(podKind, NS, 'other')!.metadata.ownerReferences).toBeUndefined();
    const created = pods(api).find((p) => p.metadata.name !== 'orphan' && p.metadata.name !== 'other')!;
    await api.resource(podKind).patch(NS, created.metadata.name!, { type: 'merge', body: { metadata: { labels: { app: 'moved' } } } });
    await waitUntil(() => (api.get<Pod>(podKind, NS, created.metadata.name!)!.metadata.ownerReferences ?? []).length === 0, { what: 'release' });
    await waitUntil(() => pods(api).filter((p) => p.metadata.labels?.app === 'web').length === 2, { what: 'replacement' });
  });

  it('never creates twice while its own creations are not yet in the cache (expectations)', async () => {
    const api = new FakeApi();
    let created = 0;
    const blackHole: PodControl = {
      createPod: async () => {
        created++;
        return { metadata: {}, spec: { containers: [] } };
      },
      deletePod: async () => {},
      patchPod: async () => ({ metadata: {}, spec: { containers: [] } }),
    };
    api.seed(replicaSet, rs('web', 3));
    await run(api, [replicaSetController({ podControl: () => blackHole })]);
    await waitUntil(() => created === 3);
    for (let i = 0; i < 3; i++) await api.resource(replicaSet).patch(NS, 'web', { type: 'merge', body: { metadata: { labels: { poke: String(i) } } } });
    await new Promise((r) => setTimeout(r, 100));
    expect(created).toBe(3);
  });

  it('counts pods as available only after minReadySeconds', async () => {
    const api = new FakeApi();
    api.seed(replicaSet, rs('web', 1, { minReadySeconds: 1 }));
    await run(api, [replicaSetController()]);
    await waitUntil(() => pods(api).length === 1);
    await makePodsReady(api, NS);
    await waitUntil(() => getRs(api).status?.readyReplicas === 1);
    expect(getRs(api).status?.availableReplicas).toBe(0);
    await waitUntil(() => getRs(api).status?.availableReplicas === 1, { ms: 4000, what: 'available after 1s' });
  });

  it('runs ReplicationControllers with a map selector', async () => {
    const api = new FakeApi();
    api.seed<ReplicationController>(replicationController, { metadata: { name: 'rc', namespace: NS }, spec: { replicas: 2, selector: { app: 'web' }, template } });
    await run(api, [replicationControllerController()]);
    await waitUntil(() => pods(api).length === 2);
    expect(pods(api)[0]!.metadata.ownerReferences?.[0]).toMatchObject({ apiVersion: 'v1', kind: 'ReplicationController', name: 'rc' });
    await waitUntil(() => api.get<ReplicationController>(replicationController, NS, 'rc')!.status?.replicas === 2);
  });
});
