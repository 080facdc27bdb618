/** Informers against a real server: list+watch, watch resumption, relist after a restart (410). */
import { describe, expect, it, vi } from 'vitest';
import { configMap, type ConfigMap } from '../api/core/v1/index.js';
import { SharedInformerFactory } from './informer-factory.js';
import { NAMESPACE_INDEX } from './store.js';
import { uniqueName, useTestCluster } from './testing/cluster.js';

const ns = uniqueName('inf');
const cluster = useTestCluster({ namespace: ns });

describe('SharedInformerFactory against a server', () => {
  it('shares one informer per kind and filter, syncs, and follows changes', async () => {
    const cms = cluster().client.resource<ConfigMap>(configMap);
    for (let i = 0; i < 5; i++) await cms.create({ metadata: { name: `pre-${i}`, namespace: ns, labels: { set: 'a' } } });
    const factory = new SharedInformerFactory(cluster().client, { pageSize: 2, log: () => {} });
    const inf = factory.informerFor<ConfigMap>(configMap, { namespace: ns });
    expect(factory.informerFor(configMap, { namespace: ns })).toBe(inf);
    const other = factory.informerFor<ConfigMap>(configMap, { namespace: ns, labelSelector: 'set=b' });
    expect(other).not.toBe(inf);

    const ac = new AbortController();
    try {
      factory.start(ac.signal);
      expect(await factory.waitForSync(ac.signal)).toBe(true);
      expect(inf.store.size).toBe(5);
      expect(other.store.size).toBe(0);
      expect(inf.store.byIndex(NAMESPACE_INDEX, ns)).toHaveLength(5);

      const deleted: string[] = [];
      inf.addEventHandler({ onDelete: (o) => deleted.push(`${o.metadata.name}:${o.data?.k ?? ''}`) });
      await cms.create({ metadata: { name: 'live', namespace: ns, labels: { set: 'b' } } });
      await cms.patch(ns, 'live', { type: 'merge', body: { data: { k: 'v' } } });
      await vi.waitFor(() => expect(inf.store.getByName(ns, 'live')?.data).toEqual({ k: 'v' }), { timeout: 5000 });
      await vi.waitFor(() => expect(other.store.keys()).toEqual([`${ns}/live`]), { timeout: 5000 });
      await cms.delete(ns, 'live');
      await vi.waitFor(() => expect(deleted).toEqual(['live:v']), { timeout: 5000 });
      expect(inf.stats.lists).toBe(1);

      // An informer made after start() starts at once.
      const late = factory.informerFor<ConfigMap>(configMap, { namespace: ns, labelSelector: 'set=a' });
      expect(await late.waitForSync(ac.signal)).toBe(true);
      expect(late.store.size).toBe(5);
    } finally {
      ac.abort();
    }
  });

  it('resumes after the server ends the watch, without relisting', async () => {
    const cms = cluster().client.resource<ConfigMap>(configMap);
    const factory = new SharedInformerFactory(cluster().client, { watchTimeoutSeconds: 1, log: () => {} });
    const inf = factory.informerFor<ConfigMap>(configMap, { namespace: ns, labelSelector: 'resume=yes' });
    const ac = new AbortController();
    try {
      factory.start(ac.signal);
      await factory.waitForSync(ac.signal);
      await vi.waitFor(() => expect(inf.stats.watches).toBeGreaterThanOrEqual(2), { timeout: 6000 });
      await cms.create({ metadata: { name: 'after-resume', namespace: ns, labels: { resume: 'yes' } } });
      await vi.waitFor(() => expect(inf.store.keys()).toEqual([`${ns}/after-resume`]), { timeout: 5000 });
      expect(inf.stats.lists).toBe(1);
    } finally {
      ac.abort();
    }
  });

  it('relists after a server restart and catches up', async () => {
    const cms = cluster().client.resource<ConfigMap>(configMap);
    await cms.create({ metadata: { name: 'r-keep', namespace: ns, labels: { restart: 'yes' } } });
    const factory = new SharedInformerFactory(cluster().client, { log: () => {}, retryInitialMs: 50 });
    const inf = factory.informerFor<ConfigMap>(configMap, { namespace: ns, labelSelector: 'restart=yes' });
    const ac = new AbortController();
    try {
      factory.start(ac.signal);
      await factory.waitForSync(ac.signal);
      expect(inf.store.keys()).toEqual([`${ns}/r-keep`]);
      await cluster().gantry.restart();
      await cms.create({ metadata: { name: 'r-new', namespace: ns, labels: { restart: 'yes' } } });
      await vi.waitFor(() => expect(inf.store.keys().sort()).toEqual([`${ns}/r-keep`, `${ns}/r-new`]), { timeout: 15_000 });
      // The fresh server's watch cache no longer serves the old resourceVersion: a relist (410).
      await vi.waitFor(() => expect(inf.stats.lists).toBeGreaterThanOrEqual(2), { timeout: 15_000 });
      expect(inf.stats.expired).toBeGreaterThanOrEqual(1);
    } finally {
      ac.abort();
    }
  }, 60_000);
});
