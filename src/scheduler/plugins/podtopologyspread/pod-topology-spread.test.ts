import { describe, expect, it } from 'vitest';
import type { TopologySpreadConstraint } from '../../../api/core/v1/index.js';
import { selectorFromSet } from '../../../machinery/index.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { makeNode, nodeInfo, podInfo } from '../../testing/builders.js';
import { FakeHandle, newState } from '../../testing/fake-handle.js';
import { ERR_REASON_CONSTRAINTS_NOT_MATCH, ERR_REASON_NODE_LABEL_NOT_MATCH } from './filtering.js';
import { PodTopologySpread } from './pod-topology-spread.js';

const ZONE = 'topology.kubernetes.io/zone';
const app = { app: 'web' };
const web = (name: string) => podInfo(name, { labels: app });
const constraint = (c: Partial<TopologySpreadConstraint> = {}): TopologySpreadConstraint => ({
  maxSkew: 1,
  topologyKey: ZONE,
  whenUnsatisfiable: 'DoNotSchedule',
  labelSelector: { matchLabels: app },
  ...c,
});
const spreading = (name: string, cs: TopologySpreadConstraint[], extra: Record<string, unknown> = {}) => podInfo(name, { labels: app, spec: { topologySpreadConstraints: cs, ...extra } });

/** zone a: a1, a2; zone b: b1; plus `extra` nodes. */
function nodes(place: Record<string, PodInfo[]>, extra: NodeInfo[] = []): NodeInfo[] {
  const z = (n: string, zone: string, labels: Record<string, string> = {}) => nodeInfo(makeNode(n, { labels: { [ZONE]: zone, ...labels } }), place[n] ?? []);
  return [z('a1', 'a', { disk: 'ssd' }), z('a2', 'a'), z('b1', 'b', { disk: 'ssd' }), ...extra];
}

function filterAll(ns: NodeInfo[], pod: PodInfo): Record<string, string | undefined> {
  const pl = new PodTopologySpread(new FakeHandle(ns));
  const state = newState();
  const pre = pl.preFilter(state, pod, ns);
  const out: Record<string, string | undefined> = {};
  for (const n of ns) out[n.name] = pre?.code === 'Skip' ? 'skip' : pl.filter(state, pod, n)?.reasons[0];
  return out;
}

describe('PodTopologySpread filter', () => {
  const S = ERR_REASON_CONSTRAINTS_NOT_MATCH;
  const cases: { name: string; place: Record<string, PodInfo[]>; pod: PodInfo; extra?: NodeInfo[]; want: Record<string, string | undefined> }[] = [
    { name: 'no constraints: skipped', place: {}, pod: web('p'), want: { a1: 'skip', a2: 'skip', b1: 'skip' } },
    { name: 'empty cluster: anywhere', place: {}, pod: spreading('p', [constraint()]), want: { a1: undefined, a2: undefined, b1: undefined } },
    { name: 'the emptier zone only', place: { a1: [web('x')] }, pod: spreading('p', [constraint()]), want: { a1: S, a2: S, b1: undefined } },
    { name: 'maxSkew 2 allows one more', place: { a1: [web('x')] }, pod: spreading('p', [constraint({ maxSkew: 2 })]), want: { a1: undefined, a2: undefined, b1: undefined } },
    {
      name: 'pods not matching the selector do not count',
      place: { a1: [podInfo('other', { labels: { app: 'db' } })] },
      pod: spreading('p', [constraint()]),
      want: { a1: undefined, a2: undefined, b1: undefined },
    },
    {
      name: 'terminating pods do not count',
      place: { a1: [podInfo('x', { labels: app, deletionTimestamp: '2024-01-01T00:00:00Z' })] },
      pod: spreading('p', [constraint()]),
      want: { a1: undefined, a2: undefined, b1: undefined },
    },
    {
      name: 'minDomains above the number of domains makes the global minimum 0',
      place: { a1: [web('x')], b1: [web('y')] },
      pod: spreading('p', [constraint({ minDomains: 3 })]),
      want: { a1: S, a2: S, b1: S },
    },
    {
      name: 'a node without the topology label is unresolvable',
      place: {},
      pod: spreading('p', [constraint()]),
      extra: [nodeInfo('bare')],
      want: { a1: undefined, a2: undefined, b1: undefined, bare: ERR_REASON_NODE_LABEL_NOT_MATCH },
    },
    {
      name: 'hostname spreading',
      place: { a1: [web('x')] },
      pod: spreading('p', [constraint({ topologyKey: 'kubernetes.io/hostname' })]),
      want: { a1: S, a2: undefined, b1: undefined },
    },
    {
      name: 'nodeAffinityPolicy Honor leaves out nodes the pod cannot use',
      // Only ssd nodes (a1, b1) count: zone a has 1 there, zone b 0.
      place: { a1: [web('x')], a2: [web('y'), web('z')] },
      pod: spreading('p', [constraint()], { nodeSelector: { disk: 'ssd' } }),
      want: { a1: S, a2: S, b1: undefined },
    },
    {
      name: 'nodeAffinityPolicy Ignore counts every node',
      place: { b1: [web('x')], a2: [web('y'), web('z')] },
      pod: spreading('p', [constraint({ nodeAffinityPolicy: 'Ignore' })], { nodeSelector: { disk: 'ssd' } }),
      want: { a1: S, a2: S, b1: undefined },
    },
  ];
  for (const c of cases) it(c.name, () => expect(filterAll(nodes(c.place, c.extra), c.pod)).toEqual(c.want));

  it('follows pods added and removed by preemption', () => {
    const victim = web('v');
    const ns = nodes({ b1: [victim] });
    const pl = new PodTopologySpread(new FakeHandle(ns));
    const pod = spreading('p', [constraint()]);
    const state = newState();
    pl.preFilter(state, pod, ns);
    expect(pl.filter(state, pod, ns[2]!)?.reasons).toEqual([ERR_REASON_CONSTRAINTS_NOT_MATCH]);
    pl.preFilterExtensions.removePod(state, pod, victim, ns[2]!);
    expect(pl.filter(state, pod, ns[2]!)).toBeUndefined();
  });
});

describe('PodTopologySpread score', () => {
  it('favours zones with fewer matching pods (ScheduleAnyway)', () => {
    const ns = nodes({ a1: [web('x'), web('y')], a2: [web('z')] });
    const pod = spreading('p', [constraint({ whenUnsatisfiable: 'ScheduleAnyway' })]);
    const pl = new PodTopologySpread(new FakeHandle(ns));
    const state = newState();
    expect(pl.preFilter(state, pod, ns)?.code).toBe('Skip');
    expect(pl.preScore(state, pod, ns)).toBeUndefined();
    const scores = ns.map((n) => pl.score(state, pod, n));
    // zone a: 3 pods × ln(2 + 2) ≈ 4.16; zone b: 0.
    expect(scores).toEqual([4, 4, 0]);
    pl.normalizeScores(state, pod, scores, ns);
    expect(scores).toEqual([0, 0, 100]);
  });

  it('applies the system default constraints to pods of a Service or controller', () => {
    const ns = nodes({ a1: [web('x')] });
    const pl = new PodTopologySpread(new FakeHandle(ns, { spreadSelector: () => selectorFromSet(app) }));
    const pod = web('p');
    const state = newState();
    expect(pl.preScore(state, pod, ns)).toBeUndefined();
    const scores = ns.map((n) => pl.score(state, pod, n));
    pl.normalizeScores(state, pod, scores, ns);
    expect(scores[2]).toBe(100);
    expect(scores[0]).toBeLessThan(scores[1]!);
  });

  it('skips pods that no Service or controller selects', () => {
    const ns = nodes({});
    expect(new PodTopologySpread(new FakeHandle(ns)).preScore(newState(), web('p'), ns)?.code).toBe('Skip');
  });

  it('rejects bad arguments', () => {
    const h = new FakeHandle([]);
    expect(() => new PodTopologySpread(h, { defaultingType: 'Sometimes' as never })).toThrow(/System or List/);
    expect(() => new PodTopologySpread(h, { defaultingType: 'System', defaultConstraints: [constraint()] })).toThrow(/must be empty/);
  });
});
