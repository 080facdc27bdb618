/** @kubernetes/client-node 1.4 against `gantry server`: ConfigMap create, read, replace, patch, delete and list. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { PatchStrategy, setHeaderOptions, type CoreV1Api, type V1ConfigMap } from '@kubernetes/client-node';
import { startGantry, type Gantry } from '../support/index.js';
import { apiFailure, createNamespace, nodeClient } from './lib/cluster.js';

const NS = 'client-crud';

function cm(name: string, data: Record<string, string>, labels?: Record<string, string>): V1ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: NS, labels }, data };
}

describe('client-node CRUD of ConfigMaps', () => {
  let g: Gantry;
  let core: CoreV1Api;

  beforeAll(async () => {
    g = await startGantry();
    core = nodeClient(g).core;
    await createNamespace(core, NS);
  });
  afterAll(async () => {
    await g?.dispose();
  });

  it('creates and reads back a ConfigMap with server-set metadata', async () => {
    const created = await core.createNamespacedConfigMap({ namespace: NS, body: cm('alpha', { k: 'v' }, { app: 'a' }) });
    expect(created.kind).toBe('ConfigMap');
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.resourceVersion).toMatch(/^\d+$/);
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(created.data).toEqual({ k: 'v' });

    const read = await core.readNamespacedConfigMap({ name: 'alpha', namespace: NS });
    expect(read.metadata?.uid).toBe(created.metadata?.uid);
    expect(read.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);
    expect(read.metadata?.labels).toEqual({ app: 'a' });
    expect(read.data).toEqual({ k: 'v' });
  });

  it('answers AlreadyExists (409) for a second create of the same name', async () => {
    await core.createNamespacedConfigMap({ namespace: NS, body: cm('dup', {}) });
    const failure = await apiFailure(core.createNamespacedConfigMap({ namespace: NS, body: cm('dup', {}) }));
    expect(failure.code).toBe(409);
    expect(failure.status).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'AlreadyExists', code: 409 });
    expect(failure.status?.message).toBe('configmaps "dup" already exists');
  });

  it('answers NotFound (404) with a Status for a missing object', async () => {
    const failure = await apiFailure(core.readNamespacedConfigMap({ name: 'nope', namespace: NS }));
    expect(failure.code).toBe(404);
    expect(failure.status).toMatchObject({ reason: 'NotFound', code: 404, message: 'configmaps "nope" not found' });
    expect(failure.status?.details).toMatchObject({ name: 'nope', kind: 'configmaps' });
  });

  it('replaces with the current resourceVersion and rejects a stale one with 409 Conflict', async () => {
    const created = await core.createNamespacedConfigMap({ namespace: NS, body: cm('beta', { v: '1' }) });
    const replaced = await core.replaceNamespacedConfigMap({
      name: 'beta',
      namespace: NS,
      body: { ...created, data: { v: '2' } },
    });
    expect(replaced.data).toEqual({ v: '2' });
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(Number(created.metadata?.resourceVersion));

    const stale = await apiFailure(
      core.replaceNamespacedConfigMap({ name: 'beta', namespace: NS, body: { ...created, data: { v: 'stale' } } }),
    );
    expect(stale.code).toBe(409);
    expect(stale.status).toMatchObject({ reason: 'Conflict', code: 409 });
    expect(stale.status?.message).toBe(
      'Operation cannot be fulfilled on configmaps "beta": the object has been modified; please apply your changes to the latest version and try again',
    );
    const after = await core.readNamespacedConfigMap({ name: 'beta', namespace: NS });
    expect(after.data).toEqual({ v: '2' });
  });

  it('applies a merge patch (RFC 7386): adds, changes and removes keys', async () => {
    await core.createNamespacedConfigMap({ namespace: NS, body: cm('gamma', { keep: 'k', change: 'old', drop: 'x' }, { a: '1' }) });
    const patched = await core.patchNamespacedConfigMap(
      { name: 'gamma', namespace: NS, body: { metadata: { labels: { b: '2' } }, data: { change: 'new', drop: null, added: 'y' } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(patched.data).toEqual({ keep: 'k', change: 'new', added: 'y' });
    expect(patched.metadata?.labels).toEqual({ a: '1', b: '2' });
  });

  it('applies a JSON patch (RFC 6902), the client default', async () => {
    await core.createNamespacedConfigMap({ namespace: NS, body: cm('delta', { a: '1' }) });
    const patched = await core.patchNamespacedConfigMap({
      name: 'delta',
      namespace: NS,
      body: [
        { op: 'replace', path: '/data/a', value: '2' },
        { op: 'add', path: '/data/b', value: '3' },
      ],
    });
    expect(patched.data).toEqual({ a: '2', b: '3' });
    const failedTest = await apiFailure(
      core.patchNamespacedConfigMap({ name: 'delta', namespace: NS, body: [{ op: 'test', path: '/data/a', value: 'wrong' }] }),
    );
    expect(failedTest.code).toBe(422);
  });

  it('lists with a label selector', async () => {
    for (const [name, tier] of [['l1', 'web'], ['l2', 'web'], ['l3', 'db']] as const) {
      await core.createNamespacedConfigMap({ namespace: NS, body: cm(name, {}, { tier, group: 'list' }) });
    }
    const web = await core.listNamespacedConfigMap({ namespace: NS, labelSelector: 'group=list,tier=web' });
    expect(web.items.map((i) => i.metadata?.name).sort()).toEqual(['l1', 'l2']);
    expect(web.metadata?.resourceVersion).toMatch(/^\d+$/);
    const notWeb = await core.listNamespacedConfigMap({ namespace: NS, labelSelector: 'group=list,tier notin (web)' });
    expect(notWeb.items.map((i) => i.metadata?.name)).toEqual(['l3']);
    const exists = await core.listNamespacedConfigMap({ namespace: NS, labelSelector: 'tier' });
    expect(exists.items).toHaveLength(3);
    const bad = await apiFailure(core.listNamespacedConfigMap({ namespace: NS, labelSelector: 'tier in (web' }));
    expect(bad.code).toBe(400);
  });

  it('pages a list with limit and continue', async () => {
    const first = await core.listNamespacedConfigMap({ namespace: NS, labelSelector: 'group=list', limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.metadata?._continue).toBeTruthy();
    const rest = await core.listNamespacedConfigMap({ namespace: NS, labelSelector: 'group=list', limit: 2, _continue: first.metadata?._continue });
    expect(rest.items.map((i) => i.metadata?.name)).toEqual(['l3']);
    expect(rest.metadata?._continue ?? '').toBe('');
  });

  it('deletes, after which a read answers 404', async () => {
    await core.createNamespacedConfigMap({ namespace: NS, body: cm('gone', {}) });
    await core.deleteNamespacedConfigMap({ name: 'gone', namespace: NS });
    expect((await apiFailure(core.readNamespacedConfigMap({ name: 'gone', namespace: NS }))).code).toBe(404);
    expect((await apiFailure(core.deleteNamespacedConfigMap({ name: 'gone', namespace: NS }))).code).toBe(404);
  });
});
