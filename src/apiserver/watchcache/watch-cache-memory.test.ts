/**
 * The cache over the real `memory://` storage driver (the LogBackend code shared with sqlite),
 * rather than the fault-injecting fake.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../storage/backend.js';
import { openBackend } from '../../storage/index.js';
import { WatchDroppedError } from '../../storage/errors.js';
import type { CacheEvent } from './event.js';
import type { TestObj } from './fake-backend.js';
import { brief, newTestCache, stopAll, take } from './testing.js';

const opened: Backend[] = [];

async function memory(watchBufferSize?: number): Promise<Backend> {
  const backend = await openBackend('memory://', { watchBufferSize, autoCompact: false });
  opened.push(backend);
  return backend;
}

afterEach(async () => {
  stopAll();
  for (const backend of opened.splice(0)) await backend.close();
});

const obj = (name: string, app = 'x') => JSON.stringify({ name, labels: { app } });

describe('WatchCache over memory://', () => {
  it('stays consistent with the store through a burst that drops its backend watch', async () => {
    const backend = await memory(4);
    await backend.create('/r/seed', obj('seed'));
    const t = newTestCache(backend);
    await t.cache.start();
    const start = t.cache.revision;
    const w = await t.cache.watch({ fromRevision: start });
    const writes = Array.from({ length: 200 }, (_, i) => backend.create(`/r/o${String(i).padStart(3, '0')}`, obj(`o${i}`)));
    await Promise.all(writes);
    await backend.delete('/r/seed');
    const rev = await backend.currentRevision();
    await t.cache.waitForRevision(rev, 5_000);
    const fromStore = await backend.list('/r/');
    const cached = t.cache.list();
    expect(cached.revision).toBe(rev);
    expect(cached.items.map((o) => o.rv)).toEqual(fromStore.items.map((kv) => kv.modRevision));
    const events = (await take(w, 201, 5_000)) as CacheEvent<TestObj>[];
    const revisions = events.map((e) => e.revision);
    expect(revisions).toEqual(Array.from({ length: 201 }, (_, i) => start + 1 + i));
    expect(brief(events.slice(-1))).toEqual([`DELETED seed@${rev}`]);
    expect(t.errors.some((e) => e.cause instanceof WatchDroppedError)).toBe(true);
  });

  it('serves consistent reads at the store revision when watching the whole keyspace', async () => {
    const backend = await memory();
    const t = newTestCache(backend, { watchPrefix: '/' });
    await t.cache.start();
    await backend.create('/r/a', obj('a'));
    await backend.create('/s/unrelated', '{}');
    const rev = await backend.currentRevision();
    await t.cache.waitForRevision(rev, 2_000);
    const listed = t.cache.list();
    expect(listed.revision).toBe(rev);
    expect(listed.items.map((o) => o.name)).toEqual(['a']);
    const w = await t.cache.watch({ fromRevision: 0, filter: (o) => o.labels?.app === 'x' });
    const a = await backend.get('/r/a');
    await backend.update('/r/a', obj('a', 'y'), a?.modRevision ?? 0);
    expect(brief(await take(w, 2))).toEqual(['ADDED a@1', `DELETED a@${rev + 1}`]);
  });

  it('re-lists after the store compacted past it', async () => {
    const backend = await memory(2);
    const t = newTestCache(backend, { retry: { initialDelayMs: 1_000, maxDelayMs: 1_000 } });
    await t.cache.start();
    const w = await t.cache.watch({ fromRevision: t.cache.revision });
    // A burst overflows the 2-event watch buffer; the cache resumes only after ~1 s, and by
    // then the history it needs is compacted.
    await Promise.all(Array.from({ length: 50 }, (_, i) => backend.create(`/r/k${i}`, obj(`k${i}`))));
    const rev = await backend.currentRevision();
    await backend.compact(rev);
    await t.cache.waitForRevision(rev, 5_000);
    expect(t.cache.stats.relists).toBe(1);
    expect(t.cache.list().items.length).toBe(50);
    await expect(take(w, 100)).rejects.toMatchObject({ name: 'WatchExpiredError', relistRevision: rev });
  });
});
