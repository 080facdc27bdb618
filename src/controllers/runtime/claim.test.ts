import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/meta.js';
import { ApiError, selectorFromSet } from '../../machinery/index.js';
import { claimObjects, recheckOwner } from './claim.js';

const owner: KubeObject = { kind: 'ReplicaSet', metadata: { name: 'rs', namespace: 'ns', uid: 'u1' } };
const ref = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u1', controller: true, blockOwnerDeletion: true };
function pod(name: string, labels: Record<string, string>, ownerUid?: string): KubeObject {
  const md: KubeObject['metadata'] = { name, namespace: 'ns', labels, resourceVersion: '5' };
  if (ownerUid) md.ownerReferences = [{ ...ref, uid: ownerUid }];
  return { metadata: md };
}

describe('claimObjects', () => {
  it('keeps its own matching objects, adopts orphans, releases non-matching, ignores others', async () => {
    const patches: { name: string; body: unknown }[] = [];
    const res = await claimObjects([pod('mine', { a: '1' }, 'u1'), pod('orphan', { a: '1' }), pod('stray', { a: '2' }, 'u1'), pod('theirs', { a: '1' }, 'u2'), pod('nomatch', { a: '2' })], {
      owner,
      controllerRef: ref,
      selector: selectorFromSet({ a: '1' }),
      patch: async (o, body) => {
        patches.push({ name: o.metadata.name!, body });
        return { ...o, metadata: { ...o.metadata, ownerReferences: [ref] } };
      },
    });
    expect(res.claimed.map((o) => o.metadata.name)).toEqual(['mine', 'orphan']);
    expect(res).toMatchObject({ adopted: 1, released: 1, errors: [] });
    expect(patches).toEqual([
      { name: 'orphan', body: { metadata: { resourceVersion: '5', ownerReferences: [ref] } } },
      { name: 'stray', body: { metadata: { resourceVersion: '5', ownerReferences: [] } } },
    ]);
  });
  it('does not adopt when the owner is being deleted or the recheck fails', async () => {
    const deleting = { ...owner, metadata: { ...owner.metadata, deletionTimestamp: '2024-01-01T00:00:00Z' } };
    const none = await claimObjects([pod('orphan', { a: '1' })], { owner: deleting, controllerRef: ref, selector: selectorFromSet({ a: '1' }), patch: async () => ({}) });
    expect(none.claimed).toEqual([]);
    const replaced = recheckOwner(async () => ({ metadata: { name: 'rs', uid: 'other' } }), owner);
    const res = await claimObjects([pod('orphan', { a: '1' })], { owner, controllerRef: ref, selector: selectorFromSet({ a: '1' }), patch: async () => ({}), canAdopt: replaced });
    expect(res.claimed).toEqual([]);
    expect(String(res.errors[0])).toMatch(/original ReplicaSet ns\/rs is gone/);
  });
  it('ignores objects that vanished meanwhile', async () => {
    const res = await claimObjects([pod('orphan', { a: '1' })], {
      owner,
      controllerRef: ref,
      selector: selectorFromSet({ a: '1' }),
      patch: async () => {
        throw ApiError.notFound({ group: '', resource: 'pods' }, 'orphan');
      },
    });
    expect(res).toMatchObject({ claimed: [], errors: [] });
  });
});
