import { beforeAll, describe, expect, it } from 'vitest';
import { configMap, pod, type ConfigMap, type Pod } from '../api/core/v1/index.js';
import { isAlreadyExists, isConflict, isNotFound, isApiError, isInvalid } from '../machinery/index.js';
import { uniqueName, useTestCluster } from './testing/cluster.js';
import type { ResourceClient } from './resource-client.js';
import type { WatchEvent } from './types.js';

const ns = uniqueName('rc');
const cluster = useTestCluster({ namespace: ns });
let cms: ResourceClient<ConfigMap>;
beforeAll(() => {
  cms = cluster().client.resource<ConfigMap>(configMap);
});

describe('RestClient CRUD', () => {
  it('creates, gets, updates, patches and deletes a ConfigMap', async () => {
    const created = await cms.create({ metadata: { name: 'a', namespace: ns, labels: { app: 'x' } }, data: { k: 'v' } });
    expect(created.metadata.uid).toBeTruthy();
    expect(created.apiVersion).toBe('v1');
    const got = await cms.get(ns, 'a');
    expect(got.data).toEqual({ k: 'v' });

    const updated = await cms.update({ ...got, data: { k: 'v2' } });
    expect(updated.data).toEqual({ k: 'v2' });
    // A stale resourceVersion is a Conflict.
    await expect(cms.update({ ...got, data: { k: 'stale' } })).rejects.toSatisfy(isConflict);

    const merged = await cms.patch(ns, 'a', { type: 'merge', body: { data: { m: '1' } } });
    expect(merged.data).toEqual({ k: 'v2', m: '1' });
    const jp = await cms.patch(ns, 'a', { type: 'json', body: [{ op: 'remove', path: '/data/m' }] });
    expect(jp.data).toEqual({ k: 'v2' });
    const smp = await cms.patch(ns, 'a', { type: 'strategic', body: { metadata: { labels: { tier: 'web' } } } });
    expect(smp.metadata.labels).toEqual({ app: 'x', tier: 'web' });
    const applied = await cms.patch(ns, 'a', {
      type: 'apply',
      fieldManager: 'tester',
      force: true,
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: ns }, data: { applied: 'yes' } },
    });
    expect(applied.data?.applied).toBe('yes');
    expect(applied.metadata.managedFields?.some((m) => m.manager === 'tester' && m.operation === 'Apply')).toBe(true);

    await cms.delete(ns, 'a');
    await expect(cms.get(ns, 'a')).rejects.toSatisfy(isNotFound);
  });

  it('maps server errors to ApiError with reason and code', async () => {
    await cms.create({ metadata: { name: 'dup', namespace: ns } });
    const err = await cms.create({ metadata: { name: 'dup', namespace: ns } }).catch((e: unknown) => e);
    expect(isAlreadyExists(err)).toBe(true);
    expect(isApiError(err) && err.code).toBe(409);
    const bad = await cms.create({ metadata: { name: 'Not_Valid', namespace: ns } }).catch((e: unknown) => e);
    expect(isInvalid(bad)).toBe(true);
  });

  it('rejects bad input before sending', async () => {
    await expect(cms.get(ns, '')).rejects.toThrow(/name is required/);
    await expect(cms.get('', 'x')).rejects.toThrow(/namespace is required/);
    await expect(cms.create({ metadata: { name: 'nons' } })).rejects.toThrow(/namespace/);
    await expect(cms.patch(ns, 'x', { type: 'bogus' as 'merge', body: {} })).rejects.toThrow(/unknown patch type/);
  });

  it('lists with selectors and pages, and deletes a collection', async () => {
    for (let i = 0; i < 7; i++) await cms.create({ metadata: { name: `p${i}`, namespace: ns, labels: { page: 'yes', odd: String(i % 2) } } });
    const all = await cms.list(ns, { labelSelector: 'page=yes' });
    expect(all.items).toHaveLength(7);
    expect(Number(all.resourceVersion)).toBeGreaterThan(0);
    const first = await cms.list(ns, { labelSelector: 'page=yes', limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.continue).not.toBe('');
    const paged = await cms.listAll(ns, { labelSelector: 'page=yes', limit: 2 });
    expect(paged.items.map((c) => c.metadata.name).sort()).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
    const odd = await cms.list(ns, { labelSelector: 'odd=1' });
    expect(odd.items).toHaveLength(3);
    const byName = await cms.list(ns, { fieldSelector: 'metadata.name=p4' });
    expect(byName.items.map((c) => c.metadata.name)).toEqual(['p4']);
    // all namespaces
    const everywhere = await cms.list(undefined, { labelSelector: 'page=yes' });
    expect(everywhere.items).toHaveLength(7);

    await cms.deleteCollection(ns, { labelSelector: 'odd=1' });
    expect((await cms.list(ns, { labelSelector: 'page=yes' })).items).toHaveLength(4);
  });

  // The apiserver's binding handler currently runs the pod update validation, which refuses a
  // nodeName change (server bug, reported); the client side is covered by the eviction below.
  it('creates a pods/binding subresource', async () => {
    const pods = cluster().client.resource<Pod>(pod);
    await pods.create({ metadata: { name: 'bindme', namespace: ns }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    await pods.createSubresource(ns, 'bindme', {
      subresource: 'binding',
      body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'bindme', namespace: ns }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-1' } },
    });
    expect((await pods.get(ns, 'bindme')).spec.nodeName).toBe('node-1');
  });

  it('creates a pods/eviction subresource', async () => {
    const pods = cluster().client.resource<Pod>(pod);
    await pods.create({ metadata: { name: 'evictme', namespace: ns }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    await pods.createSubresource(ns, 'evictme', {
      subresource: 'eviction',
      body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'evictme', namespace: ns }, deleteOptions: { gracePeriodSeconds: 0 } },
    });
    await expect(pods.get(ns, 'evictme')).rejects.toSatisfy(isNotFound);
  });
});

describe('RestClient watch', () => {
  it('streams ADDED, MODIFIED and DELETED from a resourceVersion', async () => {
    const start = await cms.list(ns, { limit: 1 });
    const ac = new AbortController();
    const seen: WatchEvent<ConfigMap>[] = [];
    const done = (async () => {
      for await (const ev of cms.watch(ns, { resourceVersion: start.resourceVersion, fieldSelector: 'metadata.name=w', signal: ac.signal })) {
        if (ev.type === 'BOOKMARK') continue;
        seen.push(ev);
        if (ev.type === 'DELETED') break;
      }
    })();
    await cms.create({ metadata: { name: 'w', namespace: ns }, data: { a: '1' } });
    await cms.patch(ns, 'w', { type: 'merge', body: { data: { a: '2' } } });
    await cms.delete(ns, 'w');
    await done;
    ac.abort();
    expect(seen.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(seen[1]!.object.data).toEqual({ a: '2' });
  });

  it('ends quietly when the signal aborts and when close() is called', async () => {
    const ac = new AbortController();
    const stream = cms.watch(ns, { signal: ac.signal });
    const it = stream[Symbol.asyncIterator]();
    const pending = it.next();
    setTimeout(() => ac.abort(), 200);
    // Either the initial state arrives first or the iterator ends on abort; drain until done.
    let r = await pending;
    while (!r.done) r = await it.next();
    expect(r.done).toBe(true);

    const s2 = cms.watch(ns, { resourceVersion: (await cms.list(ns, { limit: 1 })).resourceVersion });
    setTimeout(() => s2.close(), 100);
    const events: unknown[] = [];
    for await (const ev of s2) events.push(ev);
    expect(events.filter((e) => (e as WatchEvent<ConfigMap>).type !== 'BOOKMARK')).toEqual([]);
  });
});
