import { describe, expect, it } from 'vitest';
import type { StatefulSet } from '../../api/apps/v1/index.js';
import type { PersistentVolumeClaim } from '../../api/core/v1/index.js';
import { claimOwnerRefs, endOrdinal, identityMatches, newStatefulSetPod, parseOrdinal, storageMatches } from './identity.js';

function set(policy?: StatefulSet['spec']['persistentVolumeClaimRetentionPolicy'], start?: number): StatefulSet {
  return {
    metadata: { name: 'db', namespace: 'ns', uid: 'set' },
    spec: {
      replicas: 2,
      ordinals: start === undefined ? undefined : { start },
      selector: { matchLabels: { app: 'db' } },
      serviceName: 'db',
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: {} }],
      persistentVolumeClaimRetentionPolicy: policy,
    },
  };
}

const claim: PersistentVolumeClaim = { metadata: { name: 'data-db-0', namespace: 'ns' }, spec: {} };

describe('identity', () => {
  it('parses ordinals', () => {
    expect(parseOrdinal('web-12')).toEqual({ parent: 'web', ordinal: 12 });
    expect(parseOrdinal('my-web-0')).toEqual({ parent: 'my-web', ordinal: 0 });
    expect(parseOrdinal('web')).toEqual({ parent: '', ordinal: -1 });
  });

  it('honours ordinals.start', () => {
    const s = set(undefined, 5);
    expect(endOrdinal(s)).toBe(6);
    const p = newStatefulSetPod(s, s.spec.template, { ordinal: 5, revision: 'db-x' });
    expect(p.metadata.name).toBe('db-5');
    expect(identityMatches(s, p)).toBe(true);
    expect(storageMatches(s, p)).toBe(true);
    p.spec.hostname = 'other';
    expect(identityMatches(s, p)).toBe(false);
  });

  it('owns claims as the retention policy says', () => {
    const inRange = { name: 'db-0', uid: 'p0', ordinal: 0 };
    const gone = { name: 'db-3', uid: 'p3', ordinal: 3 };
    expect(claimOwnerRefs(claim, set(), inRange)).toEqual([]);
    expect(claimOwnerRefs(claim, set({ whenDeleted: 'Delete' }), gone).map((r) => r.kind)).toEqual(['StatefulSet']);
    expect(claimOwnerRefs(claim, set({ whenScaled: 'Delete' }), inRange)).toEqual([]);
    expect(claimOwnerRefs(claim, set({ whenScaled: 'Delete' }), gone).map((r) => r.kind)).toEqual(['Pod']);
    expect(claimOwnerRefs(claim, set({ whenScaled: 'Delete', whenDeleted: 'Delete' }), inRange).map((r) => r.kind)).toEqual(['StatefulSet']);
    expect(claimOwnerRefs(claim, set({ whenScaled: 'Delete', whenDeleted: 'Delete' }), gone).map((r) => r.kind)).toEqual(['Pod']);
  });
});
