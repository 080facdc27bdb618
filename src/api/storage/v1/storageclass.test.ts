import { describe, expect, it } from 'vitest';
import { storageClass, type StorageClass } from './storageclass.js';

function sc(extra: Partial<StorageClass> = {}, annotations?: Record<string, string>): StorageClass {
  const obj: StorageClass = {
    metadata: { name: 'standard', creationTimestamp: '2024-01-01T00:00:00Z', annotations },
    provisioner: 'rancher.io/local-path',
    ...extra,
  };
  storageClass.defaults!(obj);
  return obj;
}
const msgs = (errs: { field: string; message: string }[]) => errs.map((e) => `${e.field}: ${e.message}`);

describe('StorageClass', () => {
  it('defaults reclaimPolicy and volumeBindingMode', () => {
    const obj = sc();
    expect([obj.reclaimPolicy, obj.volumeBindingMode]).toEqual(['Delete', 'Immediate']);
    expect(storageClass.validate!(obj)).toEqual([]);
  });

  it.each([
    [{ provisioner: '' }, 'provisioner: Required value'],
    [{ reclaimPolicy: 'Recycle' as never }, 'reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"'],
    [
      { volumeBindingMode: 'Later' as never },
      'volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"',
    ],
    [
      { allowedTopologies: [{ matchLabelExpressions: [{ key: 'zone', values: [] }] }] },
      'allowedTopologies[0].matchLabelExpressions[0].values: Required value: must specify as least one value',
    ],
  ])('refuses %o', (extra, want) => {
    expect(msgs(storageClass.validate!(sc(extra)))).toEqual([want]);
  });

  it('forbids changing provisioner, parameters, reclaimPolicy and binding mode', () => {
    const old = sc({ parameters: { type: 'ssd' } });
    const next = sc({ provisioner: 'other', parameters: { type: 'hdd' }, reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer' });
    expect(msgs(storageClass.validateUpdate!(next, old))).toEqual([
      'parameters: Forbidden: updates to parameters are forbidden.',
      'provisioner: Forbidden: updates to provisioner are forbidden.',
      'reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.',
      'volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable',
    ]);
    expect(storageClass.validateUpdate!(sc({ parameters: { type: 'ssd' }, allowVolumeExpansion: true }), old)).toEqual([]);
  });

  it('marks the default class in the Name cell', () => {
    const now = new Date('2024-01-02T00:00:00Z');
    const obj = sc({ volumeBindingMode: 'WaitForFirstConsumer' }, { 'storageclass.kubernetes.io/is-default-class': 'true' });
    expect(storageClass.table.cells(obj, now)).toEqual([
      'standard (default)',
      'rancher.io/local-path',
      'Delete',
      'WaitForFirstConsumer',
      false,
      '24h',
    ]);
    expect(storageClass.table.cells(sc(), now)[0]).toBe('standard');
  });
});
