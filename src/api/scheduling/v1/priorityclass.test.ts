import { describe, expect, it } from 'vitest';
import { priorityClass, type PriorityClass } from './priorityclass.js';

function pc(name: string, value: number, extra: Partial<PriorityClass> = {}): PriorityClass {
  const obj: PriorityClass = { metadata: { name, creationTimestamp: '2024-01-01T00:00:00Z' }, value, ...extra };
  priorityClass.defaults!(obj);
  return obj;
}

describe('PriorityClass', () => {
  it('defaults preemptionPolicy', () => {
    expect(pc('high', 1000).preemptionPolicy).toBe('PreemptLowerPriority');
    expect(pc('high', 1000, { preemptionPolicy: 'Never' }).preemptionPolicy).toBe('Never');
  });

  it.each([
    [pc('high', 1000), []],
    [pc('system-node-critical', 2000001000), []],
    [
      pc('system-foo', 10),
      ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-foo is not a known system priority class"],
    ],
    [
      pc('system-cluster-critical', 10),
      ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-cluster-critical PriorityClass must be 2000000000"],
    ],
    [pc('huge', 2000000000), ['value: Forbidden: maximum allowed value of a user defined priority is 1000000000']],
    [
      pc('p', 1, { preemptionPolicy: 'Sometimes' as never }),
      ['preemptionPolicy: Unsupported value: "Sometimes": supported values: "Never", "PreemptLowerPriority"'],
    ],
    [{ metadata: { name: 'novalue' } } as PriorityClass, ['value: Required value']],
  ])('validates %#', (obj, want) => {
    expect(priorityClass.validate!(obj).map((e) => `${e.field}: ${e.message}`)).toEqual(want);
  });

  it('keeps value and preemptionPolicy immutable', () => {
    const old = pc('high', 1000);
    const errs = priorityClass.validateUpdate!(pc('high', 2000, { preemptionPolicy: 'Never' }), old);
    expect(errs.map((e) => `${e.field}: ${e.message}`)).toEqual([
      'value: Forbidden: may not be changed in an update.',
      'preemptionPolicy: Invalid value: "Never": field is immutable',
    ]);
  });

  it('prints the table row', () => {
    const row = priorityClass.table.cells(pc('high', 1000, { globalDefault: true }), new Date('2024-01-01T00:05:00Z'));
    expect(row).toEqual(['high', 1000, true, '5m', 'PreemptLowerPriority']);
    expect(priorityClass.table.columns.map((c) => c.name)).toEqual(['Name', 'Value', 'Global-Default', 'Age', 'PreemptionPolicy']);
  });
});
