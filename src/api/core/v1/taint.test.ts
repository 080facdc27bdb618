import { describe, expect, it } from 'vitest';
import { validateOnlyAddedTolerations, validateTaints, validateTolerations } from './taint.js';
import { validateAffinity } from './affinity.js';
import { show } from './test-support.js';

describe('taints, tolerations and affinity', () => {
  it('checks tolerations', () => {
    expect(show(validateTolerations([
      { key: 'k', operator: 'Exists', value: 'v' },
      { key: 'k', operator: 'Equal', value: 'v', tolerationSeconds: 10, effect: 'NoSchedule' },
      { key: 'k', operator: 'Maybe' as never },
    ], 't'))).toEqual([
      "t[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'",
      "t[1].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
      't[2].operator: Unsupported value: "Maybe": supported values: "Equal", "Exists"',
    ]);
  });

  it('allows only added tolerations on update, tolerationSeconds may change', () => {
    const old = [{ key: 'k', operator: 'Exists' as const, effect: 'NoExecute' as const, tolerationSeconds: 10 }];
    expect(validateOnlyAddedTolerations([{ ...old[0]!, tolerationSeconds: 20 }, { operator: 'Exists' }], old, 't')).toEqual([]);
  });

  it('checks node taints', () => {
    expect(show(validateTaints([{ key: 'a', effect: 'NoSchedule' }, { key: 'a', effect: 'NoSchedule' }], 'spec.taints'))).toEqual([
      'spec.taints[1]: Invalid value: {"key":"a","effect":"NoSchedule"}: taints must be unique by key and effect pair',
    ]);
  });

  it('checks affinity terms', () => {
    expect(show(validateAffinity({
      nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: { matchExpressions: [{ key: 'zone', operator: 'Gt', values: ['1', '2'] }] } }] },
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: '' }] },
    }, 'a'))).toEqual([
      'a.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
      "a.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'",
      'a.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty',
    ]);
  });
});
