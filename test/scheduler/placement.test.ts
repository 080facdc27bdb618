/** Pod anti-affinity and topology spreading place pods as kube-scheduler would. */
import { beforeAll, describe, expect, it } from 'vitest';
import { boundNode, eventMessages, eventually, nodeManifest, podManifest, useSchedulerApi, type TestApi } from './lib/cluster.js';

const NS = 'sched-placement';
const ZONE = 'topology.kubernetes.io/zone';
// Two nodes in each of three zones.
const cluster = useSchedulerApi({
  namespace: NS,
  nodes: ['a', 'b', 'c'].flatMap((zone) => [1, 2].map((i) => nodeManifest(`n-${zone}${i}`, { labels: { [ZONE]: zone } }))),
});
let api: TestApi;
beforeAll(() => {
  api = cluster.api();
});

describe('placement', () => {
  it('spreads pods across zones with a DoNotSchedule topology spread constraint', async () => {
    const labels = { app: 'spread' };
    for (let i = 0; i < 6; i++) {
      await api.pods.create(
        podManifest(`spread-${i}`, { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: labels } }] }, labels),
        { namespace: NS },
      );
    }
    const nodes = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => boundNode(api, NS, `spread-${i}`)));
    const perZone = new Map<string, number>();
    for (const n of nodes) perZone.set(n[2]!, (perZone.get(n[2]!) ?? 0) + 1);
    expect([...perZone.values()].sort()).toEqual([2, 2, 2]);
  });

  it('keeps pods with required anti-affinity on different nodes, and reports the one that cannot fit', async () => {
    const labels = { app: 'anti' };
    const anti = {
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: ZONE, labelSelector: { matchLabels: labels } }] },
    };
    for (let i = 0; i < 3; i++) await api.pods.create(podManifest(`anti-${i}`, { affinity: anti }, labels), { namespace: NS });
    const zones = await Promise.all([0, 1, 2].map(async (i) => (await boundNode(api, NS, `anti-${i}`))[2]));
    expect(new Set(zones).size).toBe(3);
    await api.pods.create(podManifest('anti-3', { affinity: anti }, labels), { namespace: NS });
    const msg = await eventually('FailedScheduling event', async () => (await eventMessages(api, NS, 'anti-3', 'FailedScheduling'))[0]);
    expect(msg).toBe(
      "0/6 nodes are available: 6 node(s) didn't match pod anti-affinity rules. preemption: 0/6 nodes are available: 6 No preemption victims found for incoming pod.",
    );
  });

  it('co-locates pods with required pod affinity', async () => {
    await api.pods.create(podManifest('anchor', { nodeSelector: { 'kubernetes.io/hostname': 'n-b2' } }, { role: 'anchor' }), { namespace: NS });
    expect(await boundNode(api, NS, 'anchor')).toBe('n-b2');
    const affinity = {
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { role: 'anchor' } } }] },
    };
    await api.pods.create(podManifest('follower', { affinity }), { namespace: NS });
    expect(await boundNode(api, NS, 'follower')).toBe('n-b2');
  });
});
