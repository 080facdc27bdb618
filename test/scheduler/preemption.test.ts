/** A high-priority pod preempts lower-priority pods: victims are deleted and the node nominated. */
import { beforeAll, describe, expect, it } from 'vitest';
import { boundNode, eventMessages, eventually, nodeManifest, podManifest, useSchedulerApi, type TestApi } from './lib/cluster.js';

const NS = 'sched-preempt';
const cluster = useSchedulerApi({
  namespace: NS,
  priorityClasses: [{ name: 'high', value: 1000 }],
  nodes: [nodeManifest('small-1', { cpu: '2' }), nodeManifest('small-2', { cpu: '2' })],
});
let api: TestApi;
beforeAll(() => {
  api = cluster.api();
});

function cpuPod(name: string, cpu: string, spec: Record<string, unknown> = {}) {
  const p = podManifest(name, spec);
  p.spec.containers[0]!.resources = { requests: { cpu } };
  return p;
}

describe('preemption', () => {
  it('evicts the fewest lower-priority pods on one node and binds the preemptor there', async () => {
    // small-1: two 900m pods; small-2: one 1500m pod. A 1500m preemptor needs 1 victim on either:
    // small-2's victim has the same priority, so both nodes tie on victims; fewest victims wins.
    await api.pods.create(cpuPod('low-1', '900m', { nodeSelector: { 'kubernetes.io/hostname': 'small-1' } }), { namespace: NS });
    await api.pods.create(cpuPod('low-2', '900m', { nodeSelector: { 'kubernetes.io/hostname': 'small-1' } }), { namespace: NS });
    await api.pods.create(cpuPod('low-3', '1500m', { nodeSelector: { 'kubernetes.io/hostname': 'small-2' } }), { namespace: NS });
    for (const n of ['low-1', 'low-2', 'low-3']) await boundNode(api, NS, n);

    await api.pods.create(cpuPod('vip', '1500m', { priorityClassName: 'high' }), { namespace: NS });
    const nominated = await eventually('nominatedNodeName', async () => (await api.pods.get(NS, 'vip')).status?.nominatedNodeName || undefined);
    expect(['small-1', 'small-2']).toContain(nominated);
    expect(await boundNode(api, NS, 'vip', 15_000)).toBe(nominated);
    const left = (await api.pods.list(NS)).items.map((p) => p.metadata.name).sort();
    // One victim on small-2 (low-3), or both on small-1 are not needed: 900m + 1500m > 2 cpu, so one goes.
    expect(left.length).toBe(3);
    const gone = ['low-1', 'low-2', 'low-3'].filter((n) => !left.includes(n));
    expect(gone.length).toBe(1);
    const preempted = await eventually('Preempted event', async () => (await eventMessages(api, NS, gone[0]!, 'Preempted'))[0]);
    expect(preempted).toMatch(new RegExp(`^Preempted by pod [0-9a-f-]+ on node ${nominated}$`));
  });

  it('does not preempt with preemptionPolicy Never', async () => {
    await api.pods.create(cpuPod('polite', '1900m', { priorityClassName: 'high', preemptionPolicy: 'Never' }), { namespace: NS });
    const msg = await eventually('FailedScheduling event', async () => (await eventMessages(api, NS, 'polite', 'FailedScheduling'))[0]);
    expect(msg).toBe('0/2 nodes are available: 2 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.');
  });
});
