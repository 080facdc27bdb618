/**
 * The scheduler against an in-process API server: an impossible pod stays Pending with the
 * FailedScheduling message kube-scheduler would give, a fitting node added later gets it, and
 * nodeSelector and taints place pods as upstream does.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { boundNode, createNode, eventMessages, eventually, nodeManifest, podManifest, useSchedulerApi, type TestApi } from './lib/cluster.js';

const ZONE = 'topology.kubernetes.io/zone';

const NS = 'sched-basic';
const cluster = useSchedulerApi({
  namespace: NS,
  nodes: [nodeManifest('node-a', { labels: { [ZONE]: 'a' } }), nodeManifest('node-b', { labels: { [ZONE]: 'b' } }), nodeManifest('node-c', { labels: { [ZONE]: 'c' } })],
});
let api: TestApi;
beforeAll(() => {
  api = cluster.api();
});

describe('scheduler basics', () => {
  it('binds a pod and records the Scheduled event', async () => {
    await api.pods.create(podManifest('plain'), { namespace: NS });
    const node = await boundNode(api, NS, 'plain');
    expect(['node-a', 'node-b', 'node-c']).toContain(node);
    const msgs = await eventually('Scheduled event', async () => {
      const m = await eventMessages(api, NS, 'plain', 'Scheduled');
      return m.length ? m : undefined;
    });
    expect(msgs[0]).toBe(`Successfully assigned ${NS}/plain to ${node}`);
    const pod = await api.pods.get(NS, 'plain');
    expect(pod.status?.conditions?.find((c) => c.type === 'PodScheduled')?.status).toBe('True');
  });

  it('leaves an impossible pod Pending with the FailedScheduling message, then schedules it on a fitting new node', async () => {
    const big = podManifest('huge');
    big.spec.containers[0]!.resources = { requests: { cpu: '100' } };
    await api.pods.create(big, { namespace: NS });
    const msg = await eventually('FailedScheduling event', async () => (await eventMessages(api, NS, 'huge', 'FailedScheduling'))[0]);
    expect(msg).toBe('0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
    const cond = await eventually('PodScheduled=False', async () => {
      const p = await api.pods.get(NS, 'huge');
      return p.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
    });
    expect(cond.reason).toBe('Unschedulable');
    expect(cond.message).toBe(msg);
    expect((await api.pods.get(NS, 'huge')).spec?.nodeName).toBeUndefined();

    await createNode(api, nodeManifest('node-big', { cpu: '128' }));
    expect(await boundNode(api, NS, 'huge')).toBe('node-big');
  });

  it('honours nodeSelector', async () => {
    await api.pods.create(podManifest('in-b', { nodeSelector: { [ZONE]: 'b' } }), { namespace: NS });
    expect(await boundNode(api, NS, 'in-b')).toBe('node-b');
    await api.pods.create(podManifest('in-z', { nodeSelector: { [ZONE]: 'z' } }), { namespace: NS });
    const msg = await eventually('FailedScheduling event', async () => (await eventMessages(api, NS, 'in-z', 'FailedScheduling'))[0]);
    expect(msg).toBe(
      "0/4 nodes are available: 4 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
    );
  });

  it('keeps pods off nodes with untolerated taints and lets tolerating pods on', async () => {
    await createNode(api, nodeManifest('node-gpu', { labels: { pool: 'gpu' }, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }));
    await api.pods.create(podManifest('no-tol', { nodeSelector: { pool: 'gpu' } }), { namespace: NS });
    const msg = await eventually('FailedScheduling event', async () => (await eventMessages(api, NS, 'no-tol', 'FailedScheduling'))[0]);
    expect(msg).toBe(
      "0/5 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 4 node(s) didn't match Pod's node affinity/selector. preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling.",
    );
    await api.pods.create(
      podManifest('tol', { nodeSelector: { pool: 'gpu' }, tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }),
      { namespace: NS },
    );
    expect(await boundNode(api, NS, 'tol')).toBe('node-gpu');
  });

  it('ignores pods for other schedulers', async () => {
    await api.pods.create(podManifest('other', { schedulerName: 'someone-else' }), { namespace: NS });
    await api.pods.create(podManifest('mine-after'), { namespace: NS });
    await boundNode(api, NS, 'mine-after');
    const other = await api.pods.get(NS, 'other');
    expect(other.spec?.nodeName).toBeUndefined();
    expect(await eventMessages(api, NS, 'other', 'FailedScheduling')).toEqual([]);
  });
});
