/**
 * Test support only (not exported from index.ts): builds a cache over a FakeBackend and reads
 * watch streams with a time bound.
 */
import type { Backend } from '../../storage/backend.js';
import type { WatchItem } from './event.js';
import { decodeTestObj, FakeBackend, type TestObj } from './fake-backend.js';
import { WatchCache, type WatchCacheOptions } from './watch-cache.js';

export interface TestCache {
  backend: FakeBackend;
  cache: WatchCache<TestObj>;
  errors: Error[];
  /** Writes `/r/<name>` with the given labels; returns its revision. */
  put(name: string, labels?: Record<string, string>): number;
  /** Deletes `/r/<name>`; returns the revision. */
  del(name: string): number;
}

const running: WatchCache<TestObj>[] = [];

/** A cache of `/r/` over `backend` with fast retries, collecting its errors. Stop it with `stopAll`. */
export function newTestCache(
  backend: Backend,
  opts: Partial<WatchCacheOptions<TestObj>> = {},
): { cache: WatchCache<TestObj>; errors: Error[] } {
  const errors: Error[] = [];
  const cache = new WatchCache<TestObj>({
    backend,
    prefix: '/r/',
    decode: decodeTestObj,
    onError: (err) => errors.push(err),
    retry: { initialDelayMs: 1, maxDelayMs: 20, maxWatchRetries: 3 },
    ...opts,
  });
  running.push(cache);
  return { cache, errors };
}

/** A (not yet started) test cache over a FakeBackend, with write helpers. */
export function testCache(opts: Partial<WatchCacheOptions<TestObj>> = {}, backend = new FakeBackend()): TestCache {
  return {
    ...newTestCache(backend, opts),
    backend,
    put: (name, labels) => backend.put(`/r/${name}`, JSON.stringify({ name, labels })).modRevision,
    del: (name) => backend.del(`/r/${name}`).modRevision,
  };
}

export function stopAll(): void {
  for (const cache of running.splice(0)) cache.stop();
}

/** Reads `count` items, failing after `timeoutMs`. Ends early (short) if the stream ends. */
export async function take<T>(
  stream: AsyncIterator<WatchItem<T>>,
  count: number,
  timeoutMs = 2_000,
): Promise<WatchItem<T>[]> {
  const out: WatchItem<T>[] = [];
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < count; i++) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${out.length} of ${count} items`)), deadline - Date.now());
    });
    try {
      const r = await Promise.race([stream.next(), timeout]);
      if (r.done) break;
      out.push(r.value);
    } finally {
      clearTimeout(timer);
    }
  }
  return out;
}

/** `TYPE name@revision` (or `BOOKMARK@revision`) for compact assertions. */
export function brief(items: WatchItem<TestObj>[]): string[] {
  return items.map((i) => (i.type === 'BOOKMARK' ? `BOOKMARK@${i.revision}` : `${i.type} ${i.object.name}@${i.revision}`));
}

/** Waits until `check` is true, polling, failing after `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
