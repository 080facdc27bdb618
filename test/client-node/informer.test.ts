/**
 * A client-node informer (`makeInformer`) against `gantry server`, across a server restart.
 *
 * After a restart the server's watch cache starts at the store's current revision, so an informer
 * that resumes from a resourceVersion older than that is answered 410 Expired; it must relist and
 * keep delivering, and its cache must converge to the real set of objects.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeInformer, type CoreV1Api, type Informer, type KubeConfig, type ObjectCache, type V1ConfigMap } from '@kubernetes/client-node';
import { startGantry, waitFor, type Gantry } from '../support/index.js';
import { createNamespace, nodeClient } from './lib/cluster.js';
import { WatchRecorder } from './lib/recorder.js';

const NS = 'client-informer';
const OTHER_NS = 'client-informer-other';
const PATH = `/api/v1/namespaces/${NS}/configmaps`;

function cm(name: string, namespace = NS, data: Record<string, string> = {}): V1ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data };
}

type ConfigMapInformer = Informer<V1ConfigMap> & ObjectCache<V1ConfigMap>;

describe('client-node informer across a server restart (410 Expired → relist)', () => {
  let g: Gantry;
  let kc: KubeConfig;
  let core: CoreV1Api;
  let informer: ConfigMapInformer;
  const added: string[] = [];
  const updated: string[] = [];
  const deleted: string[] = [];
  const errors: unknown[] = [];
  /** Reconnect on errors, as client-node's documentation shows; off while the test controls timing. */
  let reconnect = true;

  /** "name=data" for each object, sorted: comparable as text. */
  function summarize(objects: readonly V1ConfigMap[]): string {
    return objects.map((obj) => `${obj.metadata!.name}=${JSON.stringify(obj.data ?? {})}`).sort().join(' ');
  }

  /** Waits until the informer's cache equals the server's list. */
  async function converged(description: string): Promise<void> {
    await waitFor(
      async () => {
        const server = summarize((await core.listNamespacedConfigMap({ namespace: NS })).items);
        const cache = summarize(informer.list(NS));
        if (cache !== server) throw new Error(`cache [${cache}] != server [${server}]`);
        return true;
      },
      { timeoutMs: 15_000, intervalMs: 100, description: `the informer cache to converge ${description}` },
    );
  }

  beforeAll(async () => {
    g = await startGantry();
    ({ kc, core } = nodeClient(g));
    await createNamespace(core, NS);
    await createNamespace(core, OTHER_NS);
    for (const name of ['keep', 'change', 'remove']) await core.createNamespacedConfigMap({ namespace: NS, body: cm(name, NS, { v: '1' }) });
    informer = makeInformer(kc, PATH, () => core.listNamespacedConfigMap({ namespace: NS }));
    informer.on('add', (obj) => added.push(obj.metadata!.name!));
    informer.on('update', (obj) => updated.push(obj.metadata!.name!));
    informer.on('delete', (obj) => deleted.push(obj.metadata!.name!));
    informer.on('error', (err) => {
      errors.push(err);
      if (reconnect) setTimeout(() => void informer.start(), 300);
    });
    await informer.start();
  });
  afterAll(async () => {
    reconnect = false;
    await informer?.stop();
    await g?.dispose();
  });

  it('lists, then delivers live changes', async () => {
    await converged('after the first list');
    expect(added.sort()).toEqual(['change', 'keep', 'remove']);
    await core.createNamespacedConfigMap({ namespace: NS, body: cm('live', NS, { v: '1' }) });
    await waitFor(() => informer.get('live', NS), { description: 'the informer to see "live"' });
    expect(added).toContain('live');
  });

  it('answers a watch from before the restarted cache with 410 Expired', async () => {
    const staleRevision = (await core.listNamespacedConfigMap({ namespace: NS })).metadata!.resourceVersion!;
    // A write the informer does not watch moves the store's revision past staleRevision.
    await core.createNamespacedConfigMap({ namespace: OTHER_NS, body: cm('elsewhere', OTHER_NS) });
    reconnect = false;
    await g.restart();
    await waitFor(() => errors.length > 0, { description: 'the informer to report the lost connection' });

    const rec = await WatchRecorder.start(kc, PATH, { resourceVersion: staleRevision });
    const end = await rec.waitForEnd();
    rec.stop();
    const errorEvent = rec.events.find((e) => e.type === 'ERROR');
    if (errorEvent) {
      expect(errorEvent.object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
    } else {
      expect((end as { statusCode?: number }).statusCode).toBe(410);
    }
  });

  it('relists after the 410 and converges to the real set of objects', async () => {
    // Changes while the informer is away: it can only learn them by relisting.
    const change = await core.readNamespacedConfigMap({ name: 'change', namespace: NS });
    await core.replaceNamespacedConfigMap({ name: 'change', namespace: NS, body: { ...change, data: { v: '2' } } });
    await core.deleteNamespacedConfigMap({ name: 'remove', namespace: NS });
    await core.createNamespacedConfigMap({ namespace: NS, body: cm('while-away', NS, { v: '1' }) });

    reconnect = true;
    const errorsBefore = errors.length;
    void informer.start();
    await converged('after the relist');
    expect(deleted).toContain('remove');
    expect(added).toContain('while-away');
    expect(updated).toContain('change');
    expect(errors.length, `errors after reconnecting: ${errors.slice(errorsBefore).map(String).join('; ')}`).toBe(errorsBefore);
  });

  it('keeps delivering live events after the relist', async () => {
    await core.createNamespacedConfigMap({ namespace: NS, body: cm('after-relist', NS, { v: '1' }) });
    const keep = await core.readNamespacedConfigMap({ name: 'keep', namespace: NS });
    await core.replaceNamespacedConfigMap({ name: 'keep', namespace: NS, body: { ...keep, data: { v: '3' } } });
    await core.deleteNamespacedConfigMap({ name: 'live', namespace: NS });
    await converged('after more writes');
    expect(informer.get('after-relist', NS)?.data).toEqual({ v: '1' });
    expect(informer.get('keep', NS)?.data).toEqual({ v: '3' });
    expect(informer.get('live', NS)).toBeUndefined();
  });
});
