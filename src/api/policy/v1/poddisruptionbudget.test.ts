import { describe, expect, it } from 'vitest';
import { podDisruptionBudget, type PodDisruptionBudgetSpec } from './poddisruptionbudget.js';

const pdb = (spec: PodDisruptionBudgetSpec) => ({ metadata: { name: 'web', namespace: 'default', creationTimestamp: '2024-01-01T00:00:00Z' }, spec });
const msgs = (spec: PodDisruptionBudgetSpec) => podDisruptionBudget.validate!(pdb(spec)).map((e) => `${e.field}: ${e.message}`);

describe('PodDisruptionBudget', () => {
  it('accepts either bound', () => {
    expect(msgs({ minAvailable: 2, selector: { matchLabels: { app: 'web' } } })).toEqual([]);
    expect(msgs({ maxUnavailable: '50%' })).toEqual([]);
  });

  it.each([
    [{ minAvailable: 1, maxUnavailable: 1 }, 'spec: Invalid value: {"minAvailable":1,"maxUnavailable":1}: minAvailable and maxUnavailable cannot be both set'],
    [{ minAvailable: -1 }, 'spec.minAvailable: Invalid value: -1: must be greater than or equal to 0'],
    [{ maxUnavailable: '150%' }, 'spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%'],
    [
      { minAvailable: 'half' },
      `spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"half"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
    ],
    [
      { unhealthyPodEvictionPolicy: 'Never' as never },
      'spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"',
    ],
  ])('refuses %o', (spec, want) => {
    expect(msgs(spec)).toEqual([want]);
  });

  it('starts with an empty status', () => {
    const obj = { ...pdb({ minAvailable: 1 }), status: { disruptionsAllowed: 5, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1 } };
    podDisruptionBudget.prepareForCreate!(obj);
    expect(obj.status).toEqual({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 });
  });

  it('prints N/A for the unset bound', () => {
    const obj = { ...pdb({ minAvailable: '50%' }), status: { disruptionsAllowed: 1, currentHealthy: 2, desiredHealthy: 1, expectedPods: 2 } };
    expect(podDisruptionBudget.table.cells(obj, new Date('2024-01-01T00:00:30Z'))).toEqual(['web', '50%', 'N/A', 1, '30s']);
  });
});
