import { describe, expect, it } from 'vitest';
import type { Affinity, PodAffinityTerm } from '../../../api/core/v1/index.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { makeNode, nodeInfo, podInfo } from '../../testing/builders.js';
import { FakeHandle, newState } from '../../testing/fake-handle.js';
import { ERR_REASON_AFFINITY, ERR_REASON_ANTI_AFFINITY, ERR_REASON_EXISTING_ANTI_AFFINITY } from './filtering.js';
import { InterPodAffinity } from './inter-pod-affinity.js';

const ZONE = 'zone';
const term = (labels: Record<string, string>, topologyKey = ZONE, extra: Partial<PodAffinityTerm> = {}): PodAffinityTerm => ({ labelSelector: { matchLabels: labels }, topologyKey, ...extra });
const withAffinity = (name: string, labels: Record<string, string>, affinity?: Affinity, ns = 'default') => podInfo(name, { labels, namespace: ns, spec: affinity ? { affinity } : {} });

/** Nodes n1, n2 in zone a and n3 in zone b; `place` maps node name to pods. */
function cluster(place: Record<string, ReturnType<typeof withAffinity>[]>): NodeInfo[] {
  return [
    ['n1', 'a'],
    ['n2', 'a'],
    ['n3', 'b'],
  ].map(([n, z]) => nodeInfo(makeNode(n!, { labels: { [ZONE]: z! } }), place[n!] ?? []));
}

function filterAll(nodes: NodeInfo[], pod: ReturnType<typeof withAffinity>, namespaces?: Record<string, Record<string, string>>): Record<string, string | undefined> {
  const h = new FakeHandle(nodes, { namespaces });
  const pl = new InterPodAffinity(h);
  const state = newState();
  const pre = pl.preFilter(state, pod);
  const out: Record<string, string | undefined> = {};
  for (const n of nodes) out[n.name] = pre?.code === 'Skip' ? undefined : pl.filter(state, pod, n)?.reasons[0];
  return out;
}

describe('InterPodAffinity filter', () => {
  it('skips pods without terms when no running pod has anti-affinity', () => {
    const h = new FakeHandle(cluster({ n1: [withAffinity('x', { app: 'web' })] }));
    expect(new InterPodAffinity(h).preFilter(newState(), withAffinity('p', {}))?.code).toBe('Skip');
  });

  const cases: { name: string; place: Record<string, ReturnType<typeof withAffinity>[]>; pod: ReturnType<typeof withAffinity>; want: Record<string, string | undefined> }[] = [
    {
      name: 'required affinity: only the zone with a matching pod',
      place: { n1: [withAffinity('db', { app: 'db' })] },
      pod: withAffinity('p', {}, { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' })] } }),
      want: { n1: undefined, n2: undefined, n3: ERR_REASON_AFFINITY },
    },
    {
      name: 'required affinity to itself: the first pod may go anywhere',
      place: {},
      pod: withAffinity('p', { app: 'self' }, { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'self' })] } }),
      want: { n1: undefined, n2: undefined, n3: undefined },
    },
    {
      name: 'required affinity to nothing: nowhere',
      place: {},
      pod: withAffinity('p', {}, { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'ghost' })] } }),
      want: { n1: ERR_REASON_AFFINITY, n2: ERR_REASON_AFFINITY, n3: ERR_REASON_AFFINITY },
    },
    {
      name: 'required anti-affinity: not in the zone of a matching pod',
      place: { n2: [withAffinity('web1', { app: 'web' })] },
      pod: withAffinity('p', { app: 'web' }, { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' })] } }),
      want: { n1: ERR_REASON_ANTI_AFFINITY, n2: ERR_REASON_ANTI_AFFINITY, n3: undefined },
    },
    {
      name: 'anti-affinity by hostname',
      place: { n2: [withAffinity('web1', { app: 'web' })] },
      pod: withAffinity('p', {}, { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' }, 'kubernetes.io/hostname')] } }),
      want: { n1: undefined, n2: ERR_REASON_ANTI_AFFINITY, n3: undefined },
    },
    {
      name: "running pods' anti-affinity keeps a matching pod out of their zone",
      place: { n3: [withAffinity('loner', { app: 'loner' }, { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'crowd' })] } })] },
      pod: withAffinity('p', { app: 'crowd' }),
      want: { n1: undefined, n2: undefined, n3: ERR_REASON_EXISTING_ANTI_AFFINITY },
    },
    {
      name: 'terms only see the pod namespace by default',
      place: { n1: [withAffinity('db', { app: 'db' }, undefined, 'other')] },
      pod: withAffinity('p', {}, { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' })] } }),
      want: { n1: ERR_REASON_AFFINITY, n2: ERR_REASON_AFFINITY, n3: ERR_REASON_AFFINITY },
    },
    {
      name: 'explicit namespaces',
      place: { n3: [withAffinity('db', { app: 'db' }, undefined, 'other')] },
      pod: withAffinity('p', {}, { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' }, ZONE, { namespaces: ['other'] })] } }),
      want: { n1: ERR_REASON_AFFINITY, n2: ERR_REASON_AFFINITY, n3: undefined },
    },
  ];
  for (const c of cases) it(c.name, () => expect(filterAll(cluster(c.place), c.pod)).toEqual(c.want));

  it('namespaceSelector picks namespaces by label', () => {
    const nodes = cluster({ n3: [withAffinity('db', { app: 'db' }, undefined, 'team-a')] });
    const pod = withAffinity('p', {}, { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' }, ZONE, { namespaceSelector: { matchLabels: { team: 'a' } } })] } });
    expect(filterAll(nodes, pod, { 'team-a': { team: 'a' }, default: {} })).toEqual({ n1: ERR_REASON_AFFINITY, n2: ERR_REASON_AFFINITY, n3: undefined });
  });

  it('updates its counts when preemption removes a pod', () => {
    const web = withAffinity('web1', { app: 'web' });
    const nodes = cluster({ n3: [web] });
    const pl = new InterPodAffinity(new FakeHandle(nodes));
    const pod = withAffinity('p', {}, { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' })] } });
    const state = newState();
    pl.preFilter(state, pod);
    expect(pl.filter(state, pod, nodes[2]!)?.reasons).toEqual([ERR_REASON_ANTI_AFFINITY]);
    pl.preFilterExtensions.removePod(state, pod, web, nodes[2]!);
    expect(pl.filter(state, pod, nodes[2]!)).toBeUndefined();
  });
});

describe('InterPodAffinity score', () => {
  it('prefers zones with preferred pods and avoids zones with anti-preferred pods', () => {
    const nodes = cluster({ n1: [withAffinity('cache', { app: 'cache' })], n3: [withAffinity('noisy', { app: 'noisy' })] });
    const pod = withAffinity('p', {}, {
      podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term({ app: 'cache' }) }] },
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: term({ app: 'noisy' }) }] },
    });
    const pl = new InterPodAffinity(new FakeHandle(nodes));
    const state = newState();
    expect(pl.preScore(state, pod, nodes)).toBeUndefined();
    const scores = nodes.map((n) => pl.score(state, pod, n));
    expect(scores).toEqual([10, 10, -5]);
    pl.normalizeScores(state, pod, scores);
    expect(scores).toEqual([100, 100, 0]);
  });

  it("counts running pods' required affinity towards the incoming pod with hardPodAffinityWeight", () => {
    const nodes = cluster({ n3: [withAffinity('fan', {}, { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'star' })] } })] });
    const pod = withAffinity('star', { app: 'star' });
    const pl = new InterPodAffinity(new FakeHandle(nodes), { hardPodAffinityWeight: 7 });
    const state = newState();
    pl.preScore(state, pod, nodes);
    expect(nodes.map((n) => pl.score(state, pod, n))).toEqual([0, 0, 7]);
  });
});
