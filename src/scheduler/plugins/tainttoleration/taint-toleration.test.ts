import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from '../../../api/core/v1/index.js';
import { nodeInfo, podInfo } from '../../testing/builders.js';
import { newState } from '../../testing/fake-handle.js';
import { TaintToleration } from './taint-toleration.js';

describe('TaintToleration filter', () => {
  const t = (key: string, value: string | undefined, effect: Taint['effect']): Taint => ({ key, value, effect });
  const cases: { name: string; taints: Taint[]; tolerations?: Toleration[]; reason?: string }[] = [
    { name: 'no taints', taints: [] },
    { name: 'untolerated NoSchedule', taints: [t('dedicated', 'gpu', 'NoSchedule')], reason: 'node(s) had untolerated taint {dedicated: gpu}' },
    { name: 'untolerated NoExecute without a value', taints: [t('node.kubernetes.io/unreachable', undefined, 'NoExecute')], reason: 'node(s) had untolerated taint {node.kubernetes.io/unreachable: }' },
    { name: 'PreferNoSchedule does not filter', taints: [t('soft', 'x', 'PreferNoSchedule')] },
    { name: 'Equal toleration', taints: [t('dedicated', 'gpu', 'NoSchedule')], tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] },
    { name: 'Equal toleration with another value', taints: [t('dedicated', 'gpu', 'NoSchedule')], tolerations: [{ key: 'dedicated', value: 'cpu' }], reason: 'node(s) had untolerated taint {dedicated: gpu}' },
    { name: 'Exists toleration for any value', taints: [t('dedicated', 'gpu', 'NoSchedule')], tolerations: [{ key: 'dedicated', operator: 'Exists' }] },
    { name: 'empty key with Exists tolerates everything', taints: [t('a', '1', 'NoSchedule'), t('b', '2', 'NoExecute')], tolerations: [{ operator: 'Exists' }] },
    { name: 'toleration for another effect', taints: [t('dedicated', 'gpu', 'NoExecute')], tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }], reason: 'node(s) had untolerated taint {dedicated: gpu}' },
    {
      name: 'the first untolerated taint is reported',
      taints: [t('a', '1', 'NoSchedule'), t('b', '2', 'NoSchedule')],
      tolerations: [{ key: 'a', operator: 'Exists' }],
      reason: 'node(s) had untolerated taint {b: 2}',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = new TaintToleration().filter(newState(), podInfo('p', { tolerations: c.tolerations }), nodeInfo('n', [], { taints: c.taints }));
      if (!c.reason) return expect(s).toBeUndefined();
      expect(s?.code).toBe('UnschedulableAndUnresolvable');
      expect(s?.reasons).toEqual([c.reason]);
    });
  }
});

describe('TaintToleration score', () => {
  it('prefers nodes with fewer untolerated PreferNoSchedule taints', () => {
    const soft = (k: string): Taint => ({ key: k, value: 'v', effect: 'PreferNoSchedule' });
    const pod = podInfo('p', { tolerations: [{ key: 'tolerated', operator: 'Exists', effect: 'PreferNoSchedule' }] });
    const nodes = [nodeInfo('a'), nodeInfo('b', [], { taints: [soft('x')] }), nodeInfo('c', [], { taints: [soft('x'), soft('y')] }), nodeInfo('d', [], { taints: [soft('tolerated')] })];
    const pl = new TaintToleration();
    const state = newState();
    pl.preScore(state, pod);
    const scores = nodes.map((n) => pl.score(state, pod, n));
    expect(scores).toEqual([0, 1, 2, 0]);
    pl.normalizeScores(state, pod, scores);
    expect(scores).toEqual([100, 50, 0, 100]);
  });
});
