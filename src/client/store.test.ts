import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { NAMESPACE_INDEX, NODE_NAME_INDEX, OWNER_UID_INDEX, Store, objectKey, splitKey } from './store.js';

type PodLike = KubeObject & { spec?: { nodeName?: string } };

function pod(ns: string, name: string, opts: { node?: string; owner?: string; controller?: boolean; labels?: Record<string, string> } = {}): PodLike {
  const ownerReferences = opts.owner ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: opts.owner, controller: opts.controller ?? true }] : undefined;
  return { metadata: { namespace: ns, name, ownerReferences, labels: opts.labels }, spec: opts.node ? { nodeName: opts.node } : {} };
}

describe('keys', () => {
  it('are namespace/name, or name for cluster-scoped objects, and split back', () => {
    expect(objectKey(pod('ns', 'a'))).toBe('ns/a');
    expect(objectKey({ metadata: { name: 'node-1' } })).toBe('node-1');
    expect(splitKey('ns/a')).toEqual({ namespace: 'ns', name: 'a' });
    expect(splitKey('node-1')).toEqual({ namespace: '', name: 'node-1' });
  });
});

describe('Store', () => {
  it('indexes by namespace, controller owner UID and node name, and keeps indexes on update and delete', () => {
    const s = new Store<PodLike>();
    s.set(pod('a', 'p1', { node: 'n1', owner: 'u1' }));
    s.set(pod('a', 'p2', { node: 'n2', owner: 'u1' }));
    s.set(pod('b', 'p3', { owner: 'u2', controller: false }));
    expect(s.byIndex(NAMESPACE_INDEX, 'a').map((p) => p.metadata.name).sort()).toEqual(['p1', 'p2']);
    expect(s.indexKeys(OWNER_UID_INDEX, 'u1').sort()).toEqual(['a/p1', 'a/p2']);
    expect(s.byIndex(OWNER_UID_INDEX, 'u2')).toEqual([]); // not a controller reference
    expect(s.byIndex(NODE_NAME_INDEX, 'n1').map((p) => p.metadata.name)).toEqual(['p1']);

    const old = s.set(pod('a', 'p1', { node: 'n2', owner: 'u1' }));
    expect(old?.spec?.nodeName).toBe('n1');
    expect(s.byIndex(NODE_NAME_INDEX, 'n1')).toEqual([]);
    expect(s.indexKeys(NODE_NAME_INDEX, 'n2').sort()).toEqual(['a/p1', 'a/p2']);

    expect(s.delete('a/p2')?.metadata.name).toBe('p2');
    expect(s.delete('a/p2')).toBeUndefined();
    expect(s.indexKeys(NODE_NAME_INDEX, 'n2')).toEqual(['a/p1']);
    expect(s.size).toBe(2);
    expect(s.getByName('b', 'p3')?.metadata.name).toBe('p3');
  });

  it('adds custom indexes over existing objects; bad index functions index nothing', () => {
    const s = new Store<PodLike>();
    s.set(pod('a', 'p1', { labels: { app: 'web' } }));
    s.set(pod('a', 'p2', { labels: { app: 'db' } }));
    s.addIndexer('app', (o) => (o.metadata.labels?.app ? [o.metadata.labels.app] : []));
    expect(s.indexKeys('app', 'web')).toEqual(['a/p1']);
    s.set(pod('a', 'p3', { labels: { app: 'web' } }));
    expect(s.indexKeys('app', 'web').sort()).toEqual(['a/p1', 'a/p3']);
    s.addIndexer('broken', () => {
      throw new Error('bad');
    });
    s.set(pod('a', 'p4'));
    expect(s.indexKeys('broken', 'x')).toEqual([]);
    expect(s.hasIndex('app')).toBe(true);
    expect(() => s.byIndex('missing', 'x')).toThrow(/no index named "missing"/);
    expect(() => s.addIndexer('nofn', undefined as unknown as () => string[])).toThrow(/needs a function/);
  });
});
