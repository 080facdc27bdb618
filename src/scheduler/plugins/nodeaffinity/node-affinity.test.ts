import { describe, expect, it } from 'vitest';
import type { NodeSelectorTerm, PodSpec, PreferredSchedulingTerm } from '../../../api/core/v1/index.js';
import { makeNode, nodeInfo, podInfo } from '../../testing/builders.js';
import { newState } from '../../testing/fake-handle.js';
import { ERR_REASON_POD, NodeAffinity } from './node-affinity.js';

const required = (...terms: NodeSelectorTerm[]): Partial<PodSpec> => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });

function fits(spec: Partial<PodSpec>, labels: Record<string, string>, name = 'n1'): boolean | 'skip' {
  const pl = new NodeAffinity();
  const state = newState();
  const pod = podInfo('p', { spec });
  const pre = pl.preFilter(state, pod);
  if (pre && 'code' in pre && pre.code === 'Skip') return 'skip';
  if (pre && 'nodeNames' in pre && !pre.nodeNames.has(name)) return false;
  const s = pl.filter(state, pod, nodeInfo(makeNode(name, { labels })));
  if (s) expect(s.reasons).toEqual([ERR_REASON_POD]);
  return s === undefined;
}

describe('NodeAffinity filter', () => {
  const cases: { name: string; spec: Partial<PodSpec>; labels: Record<string, string>; want: boolean | 'skip' }[] = [
    { name: 'nothing to check', spec: {}, labels: {}, want: 'skip' },
    { name: 'nodeSelector matches', spec: { nodeSelector: { disk: 'ssd' } }, labels: { disk: 'ssd' }, want: true },
    { name: 'nodeSelector mismatch', spec: { nodeSelector: { disk: 'ssd' } }, labels: { disk: 'hdd' }, want: false },
    { name: 'In', spec: required({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }), labels: { zone: 'b' }, want: true },
    { name: 'NotIn with the label missing', spec: required({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }), labels: {}, want: true },
    { name: 'Exists', spec: required({ matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }), labels: { gpu: '' }, want: true },
    { name: 'DoesNotExist', spec: required({ matchExpressions: [{ key: 'gpu', operator: 'DoesNotExist' }] }), labels: { gpu: 'x' }, want: false },
    { name: 'Gt', spec: required({ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['8'] }] }), labels: { cores: '16' }, want: true },
    { name: 'Lt with a non-integer label', spec: required({ matchExpressions: [{ key: 'cores', operator: 'Lt', values: ['8'] }] }), labels: { cores: 'many' }, want: false },
    {
      name: 'terms are ORed',
      spec: required({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, { matchExpressions: [{ key: 'zone', operator: 'In', values: ['c'] }] }),
      labels: { zone: 'c' },
      want: true,
    },
    { name: 'an empty term matches nothing', spec: required({}), labels: { zone: 'a' }, want: false },
    {
      name: 'nodeSelector and affinity are ANDed',
      spec: { nodeSelector: { disk: 'ssd' }, ...required({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }) },
      labels: { zone: 'a', disk: 'hdd' },
      want: false,
    },
    { name: 'matchFields metadata.name', spec: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }), labels: {}, want: true },
    { name: 'matchFields other node', spec: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }), labels: {}, want: false },
  ];
  for (const c of cases) it(c.name, () => expect(fits(c.spec, c.labels)).toBe(c.want));

  it('narrows the search to the nodes named in matchFields', () => {
    const r = new NodeAffinity().preFilter(newState(), podInfo('p', { spec: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['x', 'y'] }] }) }));
    expect(r && 'nodeNames' in r ? [...r.nodeNames].sort() : r).toEqual(['x', 'y']);
  });
});

describe('NodeAffinity score', () => {
  it('sums the weights of matching preferred terms and normalises to 100', () => {
    const preferred: PreferredSchedulingTerm[] = [
      { weight: 2, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
      { weight: 5, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
    ];
    const pod = podInfo('p', { spec: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: preferred } } } });
    const pl = new NodeAffinity();
    const state = newState();
    expect(pl.preScore(state, pod)).toBeUndefined();
    const nodes = [
      nodeInfo(makeNode('a', { labels: { zone: 'a' } })),
      nodeInfo(makeNode('b', { labels: { disk: 'ssd' } })),
      nodeInfo(makeNode('c', { labels: { zone: 'a', disk: 'ssd' } })),
      nodeInfo(makeNode('d')),
    ];
    const scores = nodes.map((n) => pl.score(state, pod, n));
    expect(scores).toEqual([2, 5, 7, 0]);
    pl.normalizeScores(state, pod, scores);
    expect(scores).toEqual([28, 71, 100, 0]);
  });

  it('skips scoring without preferred terms', () => {
    expect(new NodeAffinity().preScore(newState(), podInfo('p'))?.code).toBe('Skip');
  });
});
