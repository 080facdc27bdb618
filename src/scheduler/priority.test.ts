import { describe, expect, it } from 'vitest';
import type { PriorityClass } from '../api/scheduling/v1/index.js';
import { Store } from '../client/index.js';
import { PriorityResolver } from './priority.js';
import { makePod } from './testing/builders.js';

function classes(...pcs: Partial<PriorityClass>[]): Store<PriorityClass> {
  const s = new Store<PriorityClass>();
  for (const pc of pcs) s.set({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', value: 0, ...pc, metadata: { name: pc.metadata?.name ?? 'x' } } as PriorityClass);
  return s;
}

describe('PriorityResolver', () => {
  const store = classes({ metadata: { name: 'high' }, value: 1000, preemptionPolicy: 'Never' }, { metadata: { name: 'default' }, value: 7, globalDefault: true });
  const r = new PriorityResolver(store);
  const cases: { name: string; spec: Record<string, unknown>; priority: number; policy: string }[] = [
    { name: 'spec.priority wins', spec: { priority: 5, priorityClassName: 'high' }, priority: 5, policy: 'Never' },
    { name: 'the named class', spec: { priorityClassName: 'high' }, priority: 1000, policy: 'Never' },
    { name: 'system classes', spec: { priorityClassName: 'system-node-critical' }, priority: 2_000_001_000, policy: 'PreemptLowerPriority' },
    { name: 'an unknown class counts as 0', spec: { priorityClassName: 'nope' }, priority: 0, policy: 'PreemptLowerPriority' },
    { name: 'the global default', spec: {}, priority: 7, policy: 'PreemptLowerPriority' },
    { name: "the pod's own policy", spec: { priorityClassName: 'high', preemptionPolicy: 'PreemptLowerPriority' }, priority: 1000, policy: 'PreemptLowerPriority' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const pod = makePod('p', { spec: { containers: [], ...c.spec } });
      expect(r.priorityOf(pod)).toBe(c.priority);
      expect(r.preemptionPolicyOf(pod)).toBe(c.policy);
    });
  }

  it('is 0 without any classes', () => {
    expect(new PriorityResolver().priorityOf(makePod('p'))).toBe(0);
  });
});
