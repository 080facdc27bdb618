import { describe, expect, it } from 'vitest';
import { type PersistentVolumeClaim, persistentVolumeClaim } from './persistentvolumeclaim.js';
import { created, problems, row, updateProblems } from './test-support.js';

function pvc(spec: PersistentVolumeClaim['spec']): PersistentVolumeClaim {
  return { metadata: { name: 'data', namespace: 'default' }, spec };
}

const good = (): PersistentVolumeClaim['spec'] => ({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } });

describe('PersistentVolumeClaim', () => {
  it('defaults volume mode and starts Pending', () => {
    const c = created(persistentVolumeClaim, pvc(good()));
    expect(c.spec!.volumeMode).toBe('Filesystem');
    expect(c.status).toEqual({ phase: 'Pending' });
    expect(problems(persistentVolumeClaim, c)).toEqual([]);
  });

  it.each<[string, PersistentVolumeClaim['spec'], string[]]>([
    ['no storage request', { accessModes: ['ReadWriteOnce'] }, ['spec.resources[storage]: Required value']],
    ['zero storage', { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '0' } } }, ['spec.resources[storage]: Invalid value: "0": must be greater than zero']],
    ['no access modes', { resources: { requests: { storage: '1Gi' } } }, ['spec.accessModes: Required value: at least 1 access mode is required']],
    [
      'RWOP with others',
      { accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      ['spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes'],
    ],
  ])('%s', (_n, spec, want) => {
    expect(problems(persistentVolumeClaim, pvc(spec))).toEqual(want);
  });

  it('keeps the spec immutable except binding and bound expansion', () => {
    const old = created(persistentVolumeClaim, pvc(good()));
    const bind = structuredClone(old);
    bind.spec!.volumeName = 'pv1';
    expect(updateProblems(persistentVolumeClaim, bind, old)).toEqual([]);
    const grow = structuredClone(old);
    grow.spec!.resources!.requests!.storage = '2Gi';
    expect(updateProblems(persistentVolumeClaim, grow, old)).toEqual([
      'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    ]);
    old.status = { phase: 'Bound', capacity: { storage: '1Gi' } };
    grow.status = old.status;
    expect(updateProblems(persistentVolumeClaim, grow, old)).toEqual([]);
  });

  it('prints capacity and access modes only once bound', () => {
    const c = created(persistentVolumeClaim, pvc({ ...good(), storageClassName: 'standard' }));
    expect(row(persistentVolumeClaim, c)).toEqual({
      Name: 'data', Status: 'Pending', Volume: '', Capacity: '', 'Access Modes': '', StorageClass: 'standard',
      VolumeAttributesClass: '<unset>', Age: '60m', VolumeMode: 'Filesystem',
    });
    c.spec!.volumeName = 'pv1';
    c.status = { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } };
    expect(row(persistentVolumeClaim, c)).toMatchObject({ Status: 'Bound', Volume: 'pv1', Capacity: '1Gi', 'Access Modes': 'RWO' });
  });
});
