import { describe, expect, it } from 'vitest';
import { configMap, secret } from '../../api/core/v1/index.js';
import type { KubeObject } from '../../api/meta.js';
import { OwnerGraph } from './graph.js';

const graph = () => new OwnerGraph((_v, kind) => (kind === 'ConfigMap' ? configMap : undefined));
const owned = (name: string, uid: string, owners: { uid: string; kind?: string }[], extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'v1',
  metadata: { name, namespace: 'ns', uid, ownerReferences: owners.map((o) => ({ apiVersion: 'v1', kind: o.kind ?? 'ConfigMap', name: `owner-${o.uid}`, uid: o.uid })), ...extra },
});

describe('OwnerGraph', () => {
  it('makes virtual owners for unseen owners, to be verified, and real ones once observed', () => {
    const g = graph();
    const w = g.observe(secret, owned('s', 'S', [{ uid: 'O' }]));
    expect(w.attemptToDelete).toEqual(['O']);
    expect(g.get('O')).toMatchObject({ virtual: true, dependents: new Set(['S']), identity: { kind: configMap, namespace: 'ns', name: 'owner-O' } });
    g.observe(configMap, { apiVersion: 'v1', metadata: { name: 'owner-O', namespace: 'ns', uid: 'O' } });
    expect(g.get('O')!.virtual).toBe(false);
    expect(g.forgetVirtual('O')).toEqual([]);
  });
  it('queues dependents when an owner goes, and foreground owners when a dependent goes', () => {
    const g = graph();
    g.observe(configMap, { metadata: { name: 'o', namespace: 'ns', uid: 'O', deletionTimestamp: 'x', finalizers: ['foregroundDeletion'] } });
    const w = g.observe(secret, owned('s', 'S', [{ uid: 'O' }]));
    expect(w.attemptToDelete).toContain('O');
    expect(g.forget(owned('s', 'S', [{ uid: 'O' }])).attemptToDelete).toEqual(['O']);
    g.observe(secret, owned('t', 'T', [{ uid: 'O' }]));
    expect(g.forget({ metadata: { uid: 'O' } }).attemptToDelete).toEqual(['T']);
  });
  it('asks to orphan an owner deleted with the orphan finalizer', () => {
    const g = graph();
    expect(g.observe(configMap, { metadata: { name: 'o', uid: 'O', deletionTimestamp: 'x', finalizers: ['orphan'] } }).attemptToOrphan).toEqual(['O']);
  });
});
