import { beforeEach, describe, expect, it } from 'vitest';
import { node as nodeKind, pod as podKind, type Node, type Pod, type PodPhase } from '../../api/core/v1/index.js';
import { FakeApi } from '../../../test/controllers/b-fake-api.js';
import { PodGCReconciler } from './podgc.js';

let api: FakeApi;
let r: PodGCReconciler;

beforeEach(() => {
  api = new FakeApi();
  r = new PodGCReconciler({
    pods: api.store<Pod>(podKind),
    nodes: api.store<Node>(nodeKind),
    podClient: api.writer<Pod>(podKind),
    nodeClient: api.writer<Node>(nodeKind),
    clock: api.clock,
    terminatedPodThreshold: 2,
    quarantineMs: 40_000,
  });
});

function pod(name: string, opts: { node?: string; phase?: PodPhase; created?: string; reason?: string; deleting?: boolean } = {}): void {
  api.seed<Pod>(podKind, {
    metadata: { name, namespace: 'ns', creationTimestamp: opts.created, finalizers: opts.deleting ? ['hold'] : undefined, deletionTimestamp: opts.deleting ? '2024-01-01T00:00:00Z' : undefined },
    spec: { nodeName: opts.node, containers: [] },
    status: { phase: opts.phase ?? 'Running', reason: opts.reason },
  });
}

const names = () =>
  api
    .store<Pod>(podKind)
    .list()
    .map((p) => p.metadata.name)
    .sort();

describe('PodGCReconciler', () => {
  it('deletes the oldest terminated pods over the threshold, evicted ones first', async () => {
    api.seed<Node>(nodeKind, { metadata: { name: 'n1' }, spec: {} });
    pod('a', { node: 'n1', phase: 'Succeeded', created: '2024-01-01T00:00:01Z' });
    pod('b', { node: 'n1', phase: 'Failed', created: '2024-01-01T00:00:02Z' });
    pod('c', { node: 'n1', phase: 'Failed', created: '2024-01-01T00:00:03Z', reason: 'Evicted' });
    pod('d', { node: 'n1', phase: 'Succeeded', created: '2024-01-01T00:00:04Z' });
    pod('e', { node: 'n1' });
    const res = await r.reconcile();
    expect(res.requeueAfterMs).toBe(20_000);
    expect(names()).toEqual(['b', 'd', 'e']);
    expect(api.done('delete', 'pods')[0]?.body).toMatchObject({ gracePeriodSeconds: 0 });
  });

  it('deletes pods of a missing node after the quarantine, marking them Failed first', async () => {
    pod('lost', { node: 'gone' });
    await r.reconcile();
    expect(names()).toEqual(['lost']);
    api.clock.advance(40_000);
    await r.reconcile();
    expect(names()).toEqual([]);
    const patch = api.done('patch', 'pods')[0]!;
    expect(patch.subresource).toBe('status');
    expect(patch.body).toMatchObject({ status: { phase: 'Failed', conditions: [{ type: 'DisruptionTarget', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' }] } });
  });

  it('force-deletes terminating pods that were never scheduled', async () => {
    pod('stuck', { deleting: true });
    await r.reconcile();
    expect(api.done('delete', 'pods').map((a) => a.name)).toEqual(['stuck']);
  });
});
