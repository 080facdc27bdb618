/** Simulated nodes after node loss (the node controller's Unknown) and across an agent restart. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startSimulatedNodes, type SimulatedNodes } from '../../src/agent/index.js';
import { node as nodeKind, pod as podKind, type Node, type NodeCondition, type Pod } from '../../src/api/core/v1/index.js';
import { waitFor } from '../support/index.js';
import { startCluster, type TestCluster } from './harness.js';

describe('simulated node loss and agent restarts', () => {
  let c: TestCluster;
  const running: SimulatedNodes[] = [];
  const start = (prefix: string): SimulatedNodes => {
    const sim = startSimulatedNodes(c.config, { count: 2, namePrefix: prefix, heartbeatSeconds: 0.2, log: () => undefined });
    running.push(sim);
    return sim;
  };

  beforeAll(async () => {
    c = await startCluster();
  });
  afterAll(async () => {
    for (const s of running) await s.stop();
    await c?.dispose();
  });

  const nodes = () => c.client.resource<Node>(nodeKind);
  const pods = () => c.client.resource<Pod>(podKind);
  const readyOf = async (name: string): Promise<NodeCondition | undefined> =>
    (await nodes().get(undefined, name)).status?.conditions?.find((x) => x.type === 'Ready');
  /** What the node lifecycle controller does to a node whose Lease went stale. */
  const markUnknown = async (name: string): Promise<void> => {
    await nodes().patch(undefined, name, {
      type: 'strategic',
      subresource: 'status',
      body: { status: { conditions: [{ type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: '2020-01-01T00:00:00Z' }] } },
    });
  };

  it('says Ready again on restore after the node controller marked a lost node Unknown', async () => {
    const sim = start('loss-');
    await sim.ready;
    await c.createPod('stranded', 'loss-0');
    await waitFor(async () => (await c.getPod('stranded'))?.status?.phase === 'Running', { timeoutMs: 5000 });
    sim.lose('loss-0');
    await markUnknown('loss-0');
    await pods().delete('default', 'stranded');
    await new Promise((r) => setTimeout(r, 600));
    expect((await readyOf('loss-0'))?.status).toBe('Unknown');
    // A lost node confirms nothing: the pod stays Terminating.
    const stranded = await c.getPod('stranded');
    expect(stranded?.metadata.deletionTimestamp).toBeDefined();
    expect(stranded?.status?.phase).toBe('Running');
    sim.restore('loss-0');
    await waitFor(async () => (await c.getPod('stranded')) === undefined, { timeoutMs: 5000, description: 'the stranded pod to go after restore' });
    const ready = await waitFor(async () => {
      const r = await readyOf('loss-0');
      return r?.status === 'True' && r;
    }, { timeoutMs: 5000, description: 'Ready=True after restore' });
    expect(ready.reason).toBe('KubeletReady');
    expect(ready.lastTransitionTime).not.toBe('2020-01-01T00:00:00Z');
  });

  it('re-asserts Ready at once when a live node is marked Unknown', async () => {
    const sim = start('live-');
    await sim.ready;
    await new Promise((r) => setTimeout(r, 1200));
    await markUnknown('live-1');
    await waitFor(async () => (await readyOf('live-1'))?.status === 'True', { timeoutMs: 5000, description: 'Ready=True again' });
  });

  it('takes over running pods after an agent restart instead of restarting them', async () => {
    const first = start('keep-');
    await first.ready;
    await c.createPod('kept', 'keep-1');
    const before = await waitFor(async () => {
      const p = await c.getPod('kept');
      return p?.status?.phase === 'Running' && p;
    }, { timeoutMs: 5000 });
    const nodeBefore = await nodes().get(undefined, 'keep-1');
    await first.stop();

    const second = start('keep-');
    await second.ready;
    const nodeAfter = await nodes().get(undefined, 'keep-1');
    expect(nodeAfter.metadata.uid).toBe(nodeBefore.metadata.uid);
    expect(nodeAfter.spec?.podCIDR).toBe(nodeBefore.spec?.podCIDR);
    await new Promise((r) => setTimeout(r, 500));
    const after = (await c.getPod('kept'))!;
    expect(after.status?.podIP).toBe(before.status?.podIP);
    expect(after.status?.containerStatuses?.[0]).toMatchObject({
      containerID: before.status?.containerStatuses?.[0]?.containerID,
      restartCount: 0,
      state: { running: { startedAt: before.status?.containerStatuses?.[0]?.state?.running?.startedAt } },
    });
    // The new agent still owns the pod: deleting it completes.
    await pods().delete('default', 'kept');
    await waitFor(async () => (await c.getPod('kept')) === undefined, { timeoutMs: 5000, description: 'the pod to be removed' });
  });
});
