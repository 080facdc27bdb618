import { describe, expect, it } from 'vitest';
import { type PersistentVolume, persistentVolume } from './persistentvolume.js';
import { created, problems, row, updateProblems } from './test-support.js';

function pv(spec: PersistentVolume['spec']): PersistentVolume {
  return { metadata: { name: 'pv1' }, spec };
}

const good = (): PersistentVolume['spec'] => ({ capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } });

describe('PersistentVolume', () => {
  it('defaults reclaim policy, volume mode and phase', () => {
    const v = created(persistentVolume, pv(good()));
    expect(v.spec).toMatchObject({ persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem', hostPath: { path: '/data', type: '' } });
    expect(v.status!.phase).toBe('Pending');
    expect(problems(persistentVolume, v)).toEqual([]);
  });

  it.each<[string, PersistentVolume['spec'], string[]]>([
    ['no access modes', { capacity: { storage: '1Gi' }, hostPath: { path: '/d' } }, ['spec.accessModes: Required value: at least 1 access mode is required']],
    ['no capacity', { accessModes: ['ReadWriteOnce'], hostPath: { path: '/d' } }, ['spec.capacity: Required value']],
    ['no source', { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } }, ['spec: Required value: must specify a volume type']],
    [
      'bad access mode',
      { accessModes: ['ReadMostly' as never], capacity: { storage: '1Gi' }, hostPath: { path: '/d' } },
      ['spec.accessModes: Unsupported value: "ReadMostly": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"'],
    ],
    ['local without affinity', { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' }, local: { path: '/mnt' } }, ['metadata.annotations: Required value: Local volume requires node affinity']],
  ])('%s', (_n, spec, want) => {
    expect(problems(persistentVolume, pv(spec))).toEqual(want);
  });

  it('keeps the volume source immutable', () => {
    const old = created(persistentVolume, pv(good()));
    const v = structuredClone(old);
    v.spec!.hostPath = { path: '/other', type: '' };
    expect(updateProblems(persistentVolume, v, old)).toEqual(['spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation']);
  });

  it('prints upstream columns', () => {
    expect(persistentVolume.table.columns.map((c) => c.name)).toEqual([
      'Name', 'Capacity', 'Access Modes', 'Reclaim Policy', 'Status', 'Claim', 'StorageClass', 'VolumeAttributesClass', 'Reason', 'Age', 'VolumeMode',
    ]);
    const v = created(persistentVolume, pv({ ...good(), accessModes: ['ReadWriteMany', 'ReadWriteOnce'], storageClassName: 'local', claimRef: { namespace: 'default', name: 'data' } }));
    v.status = { phase: 'Bound' };
    expect(row(persistentVolume, v)).toEqual({
      Name: 'pv1', Capacity: '10Gi', 'Access Modes': 'RWO,RWX', 'Reclaim Policy': 'Retain', Status: 'Bound', Claim: 'default/data',
      StorageClass: 'local', VolumeAttributesClass: '<unset>', Reason: '', Age: '60m', VolumeMode: 'Filesystem',
    });
  });
});
