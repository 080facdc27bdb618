/**
 * Crash reliability: `kill -9` the server during a burst of concurrent creates, restart it on the
 * same data directory, and check that every acknowledged create survived with its exact content,
 * that no partial object exists (through the API and in the store itself), and that
 * resourceVersions keep increasing.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startGantry, type Gantry } from '../support/index.js';
import { defaultDatastore } from '../../src/server/run-server.js';
import { openBackend } from '../../src/storage/index.js';
import { ApiClient } from './lib/api-client.js';
import { createBurst, type BurstResult } from './lib/burst.js';
import { configMap, ensureNamespace, listAll, revisionOf, type ConfigMap } from './lib/objects.js';

const NAMESPACE = 'crash';
const CONCURRENCY = 32;
/** Acknowledged creates before the kill. */
const KILL_AFTER_ACKS = 150;
const CM_PATH = `/api/v1/namespaces/${NAMESPACE}/configmaps`;

describe('kill -9 during a burst of concurrent creates', () => {
  let g: Gantry;
  let burst: BurstResult;
  let maxRevisionBeforeCrash = 0;
  let client: ApiClient;
  /** The acknowledged object the revision test updates after the restart. */
  let updatedName = '';

  beforeAll(async () => {
    g = await startGantry();
    const before = ApiClient.fromKubeconfig(g.kubeconfig);
    try {
      await ensureNamespace(before, NAMESPACE);
      let killing: Promise<unknown> | undefined;
      const stop = new AbortController();
      burst = await createBurst(before, stop.signal, {
        namespace: NAMESPACE,
        concurrency: CONCURRENCY,
        keys: 8,
        bytesPerKey: 2048,
        maxPerWorker: 200,
        onAck: (acked) => {
          if (acked >= KILL_AFTER_ACKS && !killing) killing = g.kill9();
        },
        serverGone: () => killing !== undefined,
      });
      stop.abort();
      await killing;
    } finally {
      before.close();
    }
    maxRevisionBeforeCrash = Math.max(0, ...burst.acked.values());
    await g.restart();
    client = ApiClient.fromKubeconfig(g.kubeconfig);
  }, 120_000);

  afterAll(async () => {
    client?.close();
    await g?.dispose();
  });

  it('killed the server with creates in flight', () => {
    expect(burst.unexpectedErrors, 'network errors before the kill').toEqual([]);
    expect(burst.acked.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(burst.networkErrors).toBeGreaterThan(0);
    expect(burst.sent.size).toBeGreaterThan(burst.acked.size);
  });

  it('keeps every create that got a 201, with the exact content and resourceVersion', async () => {
    const { items } = await listAll<ConfigMap>(client, CM_PATH);
    const byName = new Map(items.map((cm) => [cm.metadata.name, cm]));
    const missing = [...burst.acked.keys()].filter((name) => !byName.has(name));
    expect(missing).toEqual([]);
    for (const [name, rv] of burst.acked) {
      const stored = byName.get(name)!;
      expect(stored.data, name).toEqual(burst.sent.get(name)!.data);
      expect(stored.metadata.labels, name).toEqual({ burst: 'yes' });
      expect(revisionOf(stored), name).toBe(rv);
    }
  });

  it('has no partial or unexpected object: each one is exactly what some create sent', async () => {
    const { items } = await listAll<ConfigMap>(client, CM_PATH);
    for (const cm of items) {
      const sent = burst.sent.get(cm.metadata.name);
      expect(sent, `unexpected object ${cm.metadata.name}`).toBeDefined();
      expect(cm.data, cm.metadata.name).toEqual(sent!.data);
      expect(cm.metadata.uid, cm.metadata.name).toMatch(/^[0-9a-f-]{36}$/);
      expect(cm.metadata.creationTimestamp, cm.metadata.name).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    const storedRejected = items.filter((cm) => burst.rejected.has(cm.metadata.name)).map((cm) => cm.metadata.name);
    expect(storedRejected, 'objects whose create failed must not be stored').toEqual([]);
    // Every object reads back one by one as well (not only from the list).
    for (const cm of items.slice(0, 20)) {
      const one = await client.json<ConfigMap>('GET', `${CM_PATH}/${cm.metadata.name}`, { expect: [200] });
      expect(one.data).toEqual(cm.data);
    }
  });

  it('gives new writes resourceVersions above every one acknowledged before the crash', async () => {
    const { items } = await listAll<ConfigMap>(client, CM_PATH);
    const maxStored = Math.max(...items.map(revisionOf));
    expect(maxStored).toBeGreaterThanOrEqual(maxRevisionBeforeCrash);
    const created = await client.json<ConfigMap>('POST', CM_PATH, { body: configMap('after-restart', NAMESPACE, { data: { a: '1' } }), expect: [201] });
    expect(revisionOf(created)).toBeGreaterThan(maxStored);
    [updatedName] = burst.acked.keys();
    const current = await client.json<ConfigMap>('GET', `${CM_PATH}/${updatedName}`, { expect: [200] });
    const updated = await client.json<ConfigMap>('PUT', `${CM_PATH}/${updatedName}`, { body: { ...current, data: { changed: 'yes' } }, expect: [200] });
    expect(revisionOf(updated)).toBeGreaterThan(revisionOf(created));
    const list = await client.json<{ metadata: { resourceVersion: string } }>('GET', CM_PATH, { expect: [200] });
    expect(revisionOf(list)).toBeGreaterThanOrEqual(revisionOf(updated));
  });

  it('stores only complete, parseable objects (checked in the store itself)', async () => {
    await g.stop();
    const backend = await openBackend(defaultDatastore(g.dataDir), { autoCompact: false });
    try {
      const all = await backend.list('/registry/');
      const configMaps: ConfigMap[] = [];
      for (const kv of all.items) {
        let obj: { kind?: string; metadata?: { namespace?: string } };
        try {
          obj = JSON.parse(kv.value) as typeof obj;
        } catch {
          throw new Error(`stored value of ${kv.key} is not JSON (${kv.value.length} bytes): ${kv.value.slice(0, 80)}`);
        }
        if (obj.kind === 'ConfigMap' && obj.metadata?.namespace === NAMESPACE) configMaps.push(obj as ConfigMap);
      }
      const burstNames = configMaps.map((cm) => cm.metadata.name).filter((name) => burst.sent.has(name));
      expect(burstNames.length).toBeGreaterThanOrEqual(burst.acked.size);
      for (const cm of configMaps) {
        const sent = burst.sent.get(cm.metadata.name);
        if (sent) expect(cm.data, cm.metadata.name).toEqual(cm.metadata.name === updatedName ? { changed: 'yes' } : sent.data);
      }
    } finally {
      await backend.close();
    }
  });
});
