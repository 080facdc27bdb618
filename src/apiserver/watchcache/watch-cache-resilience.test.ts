import { afterEach, describe, expect, it } from 'vitest';
import { WatchDroppedError } from '../../storage/errors.js';
import {
  TooOldResourceVersionError,
  WatchCacheStoppedError,
  WatcherTooSlowError,
  WatchExpiredError,
} from './errors.js';
import { brief, eventually, stopAll, take, testCache } from './testing.js';

afterEach(stopAll);

describe('WatchCache resilience', () => {
  it('drops a slow watcher without holding back the others', async () => {
    const t = testCache({ watcherQueueSize: 5 });
    await t.cache.start();
    const slow = await t.cache.watch({ fromRevision: t.cache.revision });
    const fast = await t.cache.watch({ fromRevision: t.cache.revision });
    const received: string[] = [];
    const reader = (async () => {
      for await (const item of fast) {
        received.push(brief([item])[0] as string);
        if (received.length === 20) return;
      }
    })();
    for (let i = 1; i <= 20; i++) {
      t.put(`o${i}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await reader;
    expect(received[19]).toBe('ADDED o20@20');
    const err = await take(slow, 10).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WatcherTooSlowError);
    // The fast reader's loop ended its watch too (break calls return()).
    expect(t.cache.stats.watchers).toBe(0);
  });

  it('resumes from its last revision after the backend drops its watch', async () => {
    const t = testCache();
    await t.cache.start();
    const w = await t.cache.watch({ fromRevision: t.cache.revision });
    t.put('a');
    await t.cache.waitForRevision(1, 1_000);
    t.backend.dropWatches();
    t.put('b');
    t.put('a', { app: 'x' });
    expect(brief(await take(w, 3))).toEqual(['ADDED a@1', 'ADDED b@2', 'MODIFIED a@3']);
    expect(t.backend.watchCalls).toBe(2);
    expect(t.backend.listCalls).toBe(1);
    expect(t.errors.some((e) => e.cause instanceof WatchDroppedError)).toBe(true);
  });

  it('retries a failing watch with backoff, then re-lists', async () => {
    const t = testCache({ retry: { initialDelayMs: 1, maxDelayMs: 5, maxWatchRetries: 2 } });
    await t.cache.start();
    t.backend.interceptWatch = () => new Error('connection refused');
    t.backend.dropWatches();
    const refused = () => t.errors.filter((e) => /connection refused/.test(e.message)).length;
    await eventually(() => refused() >= 5);
    // Two failed watches in a row (after the drop) exceed maxWatchRetries: it re-listed.
    expect(t.backend.listCalls).toBeGreaterThanOrEqual(2);
    t.backend.interceptWatch = undefined;
    t.put('a');
    await t.cache.waitForRevision(1, 2_000);
    expect(t.cache.get('/r/a')?.object.name).toBe('a');
  });

  it('re-lists after compaction, ending live watchers as expired', async () => {
    const t = testCache();
    t.put('a');
    t.put('b');
    await t.cache.start();
    const w = await t.cache.watch({ fromRevision: 2 });
    t.backend.interceptWatch = () => new Error('backend unavailable');
    t.backend.dropWatches();
    t.put('c');
    t.del('a');
    t.put('b', { app: 'x' });
    await t.backend.compact(5);
    t.backend.interceptWatch = undefined;
    await t.cache.waitForRevision(5, 2_000);
    const err = await take(w, 5).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WatchExpiredError);
    expect(err).toMatchObject({ relistRevision: 5 });
    expect(t.cache.list().items.map((o) => `${o.name}:${o.labels?.app ?? ''}`)).toEqual(['b:x', 'c:']);
    expect(t.cache.stats).toMatchObject({ relists: 1, watchers: 0, oldestRevision: 5 });
    await expect(t.cache.watch({ fromRevision: 2 })).rejects.toBeInstanceOf(TooOldResourceVersionError);
    const fresh = await t.cache.watch({ fromRevision: 5 });
    t.put('d');
    expect(brief(await take(fresh, 1))).toEqual(['ADDED d@6']);
  });

  it('stops: watchers finish, waits fail, reads refuse', async () => {
    const t = testCache();
    await t.cache.start();
    const w = await t.cache.watch({ fromRevision: 0 });
    const waiting = t.cache.waitForRevision(10, 5_000);
    t.cache.stop();
    expect((await w.next()).done).toBe(true);
    await expect(waiting).rejects.toBeInstanceOf(WatchCacheStoppedError);
    expect(() => t.cache.list()).toThrow(WatchCacheStoppedError);
    await expect(t.cache.watch({ fromRevision: 0 })).rejects.toBeInstanceOf(WatchCacheStoppedError);
    await eventually(() => t.backend.activeWatches === 0);
  });

  it('rejects ready when stopped by its signal before the first list', async () => {
    const ac = new AbortController();
    const t = testCache({ signal: ac.signal });
    ac.abort();
    await expect(t.cache.start()).rejects.toBeInstanceOf(WatchCacheStoppedError);
    expect(t.backend.listCalls).toBe(0);
  });
});
