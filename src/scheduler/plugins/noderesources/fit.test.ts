import { describe, expect, it } from 'vitest';
import { nodeInfo, podInfo } from '../../testing/builders.js';
import { newState } from '../../testing/fake-handle.js';
import { BalancedAllocation, NodeResourcesFit } from './fit.js';

const alloc = (cpu: string, memory: string, pods = '110', extra: Record<string, string> = {}) => ({ allocatable: { cpu, memory, pods, ...extra } });

describe('NodeResourcesFit filter', () => {
  const cases: {
    name: string;
    pod: Record<string, string>;
    existing?: Record<string, string>[];
    node?: ReturnType<typeof alloc>;
    code?: string;
    reasons?: string[];
  }[] = [
    { name: 'fits', pod: { cpu: '1', memory: '1Gi' } },
    { name: 'no requests always fits', pod: {}, existing: [{ cpu: '4' }] },
    { name: 'insufficient cpu', pod: { cpu: '2' }, existing: [{ cpu: '3' }], code: 'Unschedulable', reasons: ['Insufficient cpu'] },
    { name: 'insufficient cpu and memory', pod: { cpu: '2', memory: '31Gi' }, existing: [{ cpu: '3', memory: '2Gi' }], code: 'Unschedulable', reasons: ['Insufficient cpu', 'Insufficient memory'] },
    { name: 'more than the node has at all: unresolvable', pod: { cpu: '5' }, code: 'UnschedulableAndUnresolvable', reasons: ['Insufficient cpu'] },
    { name: 'too many pods', pod: { cpu: '1m' }, existing: [{}, {}], node: alloc('4', '32Gi', '2'), code: 'Unschedulable', reasons: ['Too many pods'] },
    { name: 'extended resource missing', pod: { 'nvidia.com/gpu': '1' }, code: 'UnschedulableAndUnresolvable', reasons: ['Insufficient nvidia.com/gpu'] },
    { name: 'extended resource available', pod: { 'nvidia.com/gpu': '1' }, node: alloc('4', '32Gi', '110', { 'nvidia.com/gpu': '2' }) },
    {
      name: 'extended resource used up',
      pod: { 'nvidia.com/gpu': '1' },
      existing: [{ 'nvidia.com/gpu': '2' }],
      node: alloc('4', '32Gi', '110', { 'nvidia.com/gpu': '2' }),
      code: 'Unschedulable',
      reasons: ['Insufficient nvidia.com/gpu'],
    },
    { name: 'ephemeral storage', pod: { 'ephemeral-storage': '10Gi' }, node: alloc('4', '32Gi', '110', { 'ephemeral-storage': '5Gi' }), code: 'UnschedulableAndUnresolvable', reasons: ['Insufficient ephemeral-storage'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const existing = (c.existing ?? []).map((r, i) => podInfo(`e${i}`, { requests: r }));
      const s = new NodeResourcesFit().filter(newState(), podInfo('p', { requests: c.pod }), nodeInfo('n', existing, c.node));
      if (!c.code) return expect(s).toBeUndefined();
      expect(s?.code).toBe(c.code);
      expect(s?.reasons).toEqual(c.reasons);
    });
  }

  it('ignores configured extended resources', () => {
    const pl = new NodeResourcesFit({ ignoredResources: ['example.com/foo'], ignoredResourceGroups: ['ignored.io'] });
    expect(pl.filter(newState(), podInfo('p', { requests: { 'example.com/foo': '1', 'ignored.io/bar': '1' } }), nodeInfo('n'))).toBeUndefined();
  });

  it('rejects an unknown scoring strategy', () => {
    expect(() => new NodeResourcesFit({ scoringStrategy: { type: 'Random' as never } })).toThrow(/LeastAllocated or MostAllocated/);
  });
});

describe('resource scoring', () => {
  // Upstream's "nothing scheduled, resources requested, differently sized nodes".
  const pod = podInfo('p', { requests: { cpu: '1', memory: '2000' } });
  const n1 = nodeInfo('n1', [], alloc('4', '10000'));
  const n2 = nodeInfo('n2', [], alloc('6', '10000'));
  const cases: { name: string; score: (n: typeof n1) => number; want: [number, number] }[] = [
    { name: 'LeastAllocated', score: (n) => new NodeResourcesFit().score(newState(), pod, n), want: [77, 81] },
    { name: 'MostAllocated', score: (n) => new NodeResourcesFit({ scoringStrategy: { type: 'MostAllocated' } }).score(newState(), pod, n), want: [22, 18] },
    { name: 'BalancedAllocation', score: (n) => new BalancedAllocation().score(newState(), pod, n), want: [97, 98] },
  ];
  for (const c of cases) it(c.name, () => expect([c.score(n1), c.score(n2)]).toEqual(c.want));

  it('LeastAllocated counts pods without requests at the non-zero defaults', () => {
    const empty = podInfo('p');
    // 100m of 4 cpu and 200Mi of 32Gi requested: (97 + 99) / 2.
    expect(new NodeResourcesFit().score(newState(), empty, nodeInfo('n'))).toBe(98);
  });

  it('BalancedAllocation skips best-effort pods', () => {
    expect(new BalancedAllocation().preScore(newState(), podInfo('p'))?.code).toBe('Skip');
    expect(new BalancedAllocation().preScore(newState(), pod)).toBeUndefined();
  });

  it('weights resources as configured', () => {
    const pl = new NodeResourcesFit({ scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 3 }, { name: 'memory', weight: 1 }] } });
    // (75·3 + 80) / 4 = 76.25
    expect(pl.score(newState(), pod, n1)).toBe(76);
  });
});
