import { describe, it, expect } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { controllerRef, isControlledBy, isOwnedBy, newControllerRef } from './owner-refs.js';

const rs: KubeObject = { metadata: { name: 'web-abc', uid: 'u-rs' } };
const other: KubeObject = { metadata: { name: 'x', uid: 'u-x' } };

describe('owner references', () => {
  it('newControllerRef builds a blocking controller reference', () => {
    expect(newControllerRef(rs, { group: 'apps', version: 'v1', kind: 'ReplicaSet' })).toEqual({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      name: 'web-abc',
      uid: 'u-rs',
      controller: true,
      blockOwnerDeletion: true,
    });
    expect(newControllerRef(rs, { group: '', version: 'v1', kind: 'ReplicationController' }).apiVersion).toBe('v1');
    expect(() => newControllerRef({ metadata: { name: 'n' } }, { group: 'apps', version: 'v1', kind: 'ReplicaSet' })).toThrow(
      'without metadata.name and metadata.uid',
    );
  });

  it('controllerRef and isControlledBy', () => {
    const pod: KubeObject = {
      metadata: {
        name: 'p',
        ownerReferences: [
          { apiVersion: 'v1', kind: 'Node', name: 'x', uid: 'u-x' },
          newControllerRef(rs, { group: 'apps', version: 'v1', kind: 'ReplicaSet' }),
        ],
      },
    };
    expect(controllerRef(pod)?.uid).toBe('u-rs');
    expect(isControlledBy(pod, rs)).toBe(true);
    expect(isControlledBy(pod, other)).toBe(false);
    expect(isOwnedBy(pod, other)).toBe(true);
    expect(isControlledBy(pod, { metadata: {} })).toBe(false);
    expect(controllerRef({ metadata: {} })).toBeUndefined();
  });
});
