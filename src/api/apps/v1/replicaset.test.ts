import { describe, expect, it } from 'vitest';
import { replicaSet, type ReplicaSet, type ReplicaSetSpec } from './replicaset.js';
import { CREATED, messages, podTemplate } from './testing.js';

function rs(spec: Partial<ReplicaSetSpec> = {}): ReplicaSet {
  const obj: ReplicaSet = {
    metadata: { name: 'web-5d4f', namespace: 'default', creationTimestamp: CREATED },
    spec: { selector: { matchLabels: { app: 'web' } }, template: podTemplate(), ...spec },
  };
  replicaSet.defaults!(obj);
  return obj;
}

describe('ReplicaSet', () => {
  it('defaults replicas and validates', () => {
    expect(rs().spec.replicas).toBe(1);
    expect(replicaSet.validate!(rs())).toEqual([]);
  });

  it('refuses an empty selector with upstream wording', () => {
    expect(messages(replicaSet.validate!(rs({ selector: { matchLabels: {} } })))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    ]);
  });

  it('keeps the selector immutable and starts with replicas 0', () => {
    const next = rs({ selector: { matchLabels: { app: 'x' } }, template: podTemplate({ app: 'x' }) });
    expect(messages(replicaSet.validateUpdate!(next, rs()))[0]).toMatch(/^spec\.selector: Invalid value: .*: field is immutable$/);
    const created = rs();
    replicaSet.prepareForCreate!(created);
    expect(created.status).toEqual({ replicas: 0 });
  });

  it('checks status counters', () => {
    const obj = rs();
    obj.status = { replicas: 1, readyReplicas: 1, availableReplicas: 2, fullyLabeledReplicas: -1 };
    expect(messages(replicaSet.validateStatusUpdate!(obj, rs()))).toEqual([
      'status.fullyLabeledReplicas: Invalid value: -1: must be greater than or equal to 0',
      'status.availableReplicas: Invalid value: 2: cannot be greater than status.replicas',
      'status.availableReplicas: Invalid value: 2: cannot be greater than readyReplicas',
    ]);
  });

  it('prints desired, current and ready', () => {
    const obj = rs({ replicas: 3 });
    obj.status = { replicas: 3, readyReplicas: 1 };
    expect(replicaSet.table.columns.map((c) => c.name)).toEqual(['Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers', 'Images', 'Selector']);
    expect(replicaSet.table.cells(obj, new Date('2024-01-11T00:00:00Z'))).toEqual(['web-5d4f', 3, 3, 1, '10d', 'web', 'nginx:1.27', 'app=web']);
  });
});
