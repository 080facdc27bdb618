import { afterEach, describe, expect, it, vi } from 'vitest';
import { WatcherTooSlowError } from './errors.js';
import { defaultEncoder, StoredEvent, type CacheEventType, type WatchItem } from './event.js';
import { testKv, type TestObj } from './fake-backend.js';
import { brief } from './testing.js';
import { CacheWatcher, type CacheWatcherOptions } from './watcher.js';

function event(type: CacheEventType, name: string, revision: number, app?: string, prevApp?: string) {
  const key = `/r/ns/${name}`;
  const object: TestObj = { name, labels: app ? { app } : {} };
  const prev: TestObj | undefined = prevApp === undefined ? undefined : { name, labels: { app: prevApp } };
  return new StoredEvent<TestObj>(
    {
      type,
      key,
      object,
      kv: testKv(key, object, revision),
      revision,
      ...(prev && { prevObject: prev, prevKv: testKv(key, prev, revision - 1) }),
    },
    defaultEncoder,
  );
}

function watcher(opts: Partial<CacheWatcherOptions<TestObj>> = {}) {
  const closed = { count: 0 };
  const w = new CacheWatcher<TestObj>({
    fromRevision: 0,
    keyPrefix: '/r/',
    queueSize: 100,
    initial: [],
    currentRevision: () => 0,
    onClose: () => closed.count++,
    ...opts,
  });
  return { w, closed };
}

/** Takes what is ready now: stops at the first next() that does not settle at once. */
async function drain(w: CacheWatcher<TestObj>): Promise<WatchItem<TestObj>[]> {
  const out: WatchItem<TestObj>[] = [];
  for (let i = 0; i < 1_000; i++) {
    const pending = Symbol('pending');
    const r = await Promise.race([w.next(), new Promise<symbol>((res) => setImmediate(() => res(pending)))]);
    if (r === pending || (r as IteratorResult<WatchItem<TestObj>>).done) break;
    out.push((r as IteratorResult<WatchItem<TestObj>>).value);
  }
  return out;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('CacheWatcher', () => {
  it('turns label changes into ADDED and DELETED for a filtered watcher', async () => {
    const { w } = watcher({ filter: (o) => o.labels?.app === 'x' });
    w.offer(event('ADDED', 'a', 1, 'x'));
    w.offer(event('ADDED', 'b', 2, 'y'));
    w.offer(event('MODIFIED', 'a', 3, 'y', 'x'));
    w.offer(event('MODIFIED', 'b', 4, 'x', 'y'));
    w.offer(event('MODIFIED', 'b', 5, 'x', 'x'));
    w.offer(event('MODIFIED', 'a', 6, 'z', 'y'));
    w.offer(event('DELETED', 'a', 7, 'z', 'z'));
    w.offer(event('DELETED', 'b', 8, 'x', 'x'));
    const items = await drain(w);
    expect(brief(items)).toEqual(['ADDED a@1', 'DELETED a@3', 'ADDED b@4', 'MODIFIED b@5', 'DELETED b@8']);
    // The DELETED for "stopped matching" carries the previous state (which matched).
    const deleted = items[1];
    expect(deleted?.type === 'DELETED' && deleted.object.labels).toEqual({ app: 'x' });
  });

  it('scopes to its key prefix and skips events at or below its start', async () => {
    const { w } = watcher({ keyPrefix: '/r/ns/a', fromRevision: 2 });
    w.offer(event('ADDED', 'a', 2));
    w.offer(event('ADDED', 'b', 3));
    w.offer(event('ADDED', 'a2', 4));
    expect(brief(await drain(w))).toEqual(['ADDED a2@4']);
  });

  it('delivers the replay, lazily filtered, before live events', async () => {
    const initial = [event('ADDED', 'a', 1, 'x'), event('ADDED', 'b', 2, 'y'), event('MODIFIED', 'b', 3, 'x', 'y')];
    const { w } = watcher({ initial, fromRevision: 0, filter: (o) => o.labels?.app === 'x' });
    w.offer(event('MODIFIED', 'a', 4, 'y', 'x'));
    expect(brief(await drain(w))).toEqual(['ADDED a@1', 'ADDED b@3', 'DELETED a@4']);
  });

  it('hands a live event to a consumer that is already waiting', async () => {
    const { w } = watcher();
    const next = w.next();
    w.offer(event('ADDED', 'a', 1));
    expect(brief([(await next).value as WatchItem<TestObj>])).toEqual(['ADDED a@1']);
  });

  it('drops a watcher whose queue overflows, without blocking the producer', async () => {
    const { w, closed } = watcher({ queueSize: 3 });
    for (let r = 1; r <= 10; r++) w.offer(event('ADDED', `o${r}`, r));
    expect(w.closed).toBe(true);
    expect(closed.count).toBe(1);
    const err = await w.next().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WatcherTooSlowError);
    expect(err).toMatchObject({ lastRevision: 3, queueSize: 3 });
    expect((await w.next()).done).toBe(true);
  });

  it('ends with the error of a throwing filter', async () => {
    const { w } = watcher({
      filter: () => {
        throw new Error('bad selector');
      },
    });
    w.offer(event('ADDED', 'a', 1));
    await expect(w.next()).rejects.toThrow('bad selector');
  });

  it('finishes queued events after a plain end, and nothing after return()', async () => {
    const { w, closed } = watcher();
    w.offer(event('ADDED', 'a', 1));
    w.end();
    w.offer(event('ADDED', 'b', 2));
    expect(brief(await drain(w))).toEqual(['ADDED a@1']);
    const second = watcher();
    const pending = second.w.next();
    await second.w.return();
    expect((await pending).done).toBe(true);
    expect(closed.count + second.closed.count).toBe(2);
  });

  it('sends bookmarks only when idle and the cache moved on', async () => {
    vi.useFakeTimers();
    let current = 5;
    const { w } = watcher({ fromRevision: 5, bookmarkIntervalMs: 1_000, currentRevision: () => current });
    vi.advanceTimersByTime(1_000);
    current = 9;
    w.offer(event('ADDED', 'a', 7));
    vi.advanceTimersByTime(1_000); // not idle: the event is still queued
    const got: WatchItem<TestObj>[] = [(await w.next()).value as WatchItem<TestObj>];
    vi.advanceTimersByTime(1_000);
    got.push((await w.next()).value as WatchItem<TestObj>);
    vi.advanceTimersByTime(1_000); // nothing new
    current = 12;
    const next = w.next();
    vi.advanceTimersByTime(1_000);
    got.push((await next).value as WatchItem<TestObj>);
    expect(brief(got)).toEqual(['ADDED a@7', 'BOOKMARK@9', 'BOOKMARK@12']);
    w.end();
  });
});
