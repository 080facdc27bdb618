import { afterEach, describe, expect, it } from 'vitest';
import {
  CacheNotReadyError,
  InvalidCacheRequestError,
  InvalidContinueTokenError,
  SnapshotNotCachedError,
  TooLargeResourceVersionError,
  TooOldResourceVersionError,
} from './errors.js';
import type { TestObj } from './fake-backend.js';
import { brief, stopAll, take, testCache } from './testing.js';

afterEach(stopAll);

const names = (items: TestObj[]) => items.map((o) => o.name);
const app = (value: string) => (o: TestObj) => o.labels?.app === value;

describe('WatchCache list', () => {
  it('serves the backend state, sorted by key, at the backend revision', async () => {
    const t = testCache({ listPageSize: 2 });
    for (const n of ['ns2/b', 'ns1/b', 'ns1/a', 'ns2/a', 'ns1/c']) t.put(n);
    t.backend.put('/other/x', '{}');
    await t.cache.start();
    expect(t.backend.listCalls).toBe(3);
    const all = t.cache.list();
    expect(names(all.items)).toEqual(['ns1/a', 'ns1/b', 'ns1/c', 'ns2/a', 'ns2/b']);
    expect(all.revision).toBe(6);
    expect(all.continue).toBeUndefined();
    t.put('ns1/d');
    t.del('ns1/a');
    await t.cache.waitForRevision(await t.backend.currentRevision(), 1_000);
    const ns1 = t.cache.list({ namespacePrefix: '/r/ns1/' });
    expect(names(ns1.items)).toEqual(['ns1/b', 'ns1/c', 'ns1/d']);
    expect(ns1.revision).toBe(8);
    expect(ns1.items[2]?.rv).toBe(7);
    expect(t.cache.get('/r/ns1/b')?.object.name).toBe('ns1/b');
    expect(t.cache.get('/r/ns1/a')).toBeUndefined();
  });

  it('pages with continue tokens pinned to the first page revision', async () => {
    const t = testCache();
    for (const n of ['a', 'b', 'c', 'd', 'e']) t.put(n, { app: n === 'c' ? 'no' : 'yes' });
    await t.cache.start();
    const first = t.cache.list({ limit: 2 });
    expect(names(first.items)).toEqual(['a', 'b']);
    expect(first.remaining).toBe(3);
    t.put('a', { app: 'yes' }); // before the next page's start: the rest is unchanged
    await t.cache.waitForRevision(6, 1_000);
    const second = t.cache.list({ limit: 2, continueFrom: first.continue });
    expect(names(second.items)).toEqual(['c', 'd']);
    expect(second.revision).toBe(5);
    const filtered = t.cache.list({ limit: 2, continueFrom: first.continue, filter: app('yes') });
    expect(names(filtered.items)).toEqual(['d', 'e']);
    expect(filtered.continue).toBeUndefined();
    t.put('e');
    await t.cache.waitForRevision(7, 1_000);
    // Now a key in the rest of the list changed since revision 5: the lead reads the backend.
    const err = (() => {
      try {
        t.cache.list({ limit: 2, continueFrom: second.continue });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(SnapshotNotCachedError);
    expect(err).toMatchObject({ revision: 5, startKey: '/r/d\u0000' });
    expect(() => t.cache.list({ continueFrom: 'garbage!' })).toThrow(InvalidContinueTokenError);
  });

  it('rejects bad requests clearly and lists only once ready', async () => {
    const t = testCache();
    expect(() => t.cache.list()).toThrow(CacheNotReadyError);
    await t.cache.start();
    expect(() => t.cache.list({ limit: -1 })).toThrow(InvalidCacheRequestError);
    expect(() => t.cache.list({ namespacePrefix: '/elsewhere/' })).toThrow(InvalidCacheRequestError);
    await expect(t.cache.watch({ fromRevision: -1 })).rejects.toThrow(InvalidCacheRequestError);
    await expect(t.cache.watch({ fromRevision: Number.NaN })).rejects.toThrow(InvalidCacheRequestError);
    await expect(t.cache.waitForRevision(1.5, 10)).rejects.toThrow(InvalidCacheRequestError);
    expect(() => testCache({ historySize: 0 })).toThrow(InvalidCacheRequestError);
    expect(() => testCache({ watchPrefix: '/s/' })).toThrow(InvalidCacheRequestError);
  });

  it('skips undecodable values and reports them', async () => {
    const t = testCache();
    t.put('a');
    t.backend.put('/r/bad', 'not json');
    await t.cache.start();
    expect(names(t.cache.list().items)).toEqual(['a']);
    const w = await t.cache.watch({ fromRevision: t.cache.revision });
    t.backend.put('/r/a', '{broken');
    t.put('b');
    expect(brief(await take(w, 2))).toEqual(['DELETED a@3', 'ADDED b@4']);
    expect(t.errors.map((e) => e.message).join('\n')).toMatch(/cannot decode \/r\/bad at revision 2/);
  });
});

describe('WatchCache watch', () => {
  it('replays buffered events after a revision, then live events, without gaps', async () => {
    const t = testCache();
    t.put('a');
    t.put('b');
    await t.cache.start();
    const from = t.put('c');
    t.put('a', { app: 'x' });
    t.del('b');
    await t.cache.waitForRevision(5, 1_000);
    const w = await t.cache.watch({ fromRevision: from });
    t.put('d');
    expect(brief(await take(w, 3))).toEqual(['MODIFIED a@4', 'DELETED b@5', 'ADDED d@6']);
    const live = await t.cache.watch({ fromRevision: t.cache.revision });
    t.put('e');
    expect(brief(await take(live, 1))).toEqual(['ADDED e@7']);
    expect(brief(await take(w, 1))).toEqual(['ADDED e@7']);
  });

  it('refuses a revision older than its history with TooOldResourceVersionError', async () => {
    const t = testCache({ historySize: 3 });
    t.put('seed');
    await t.cache.start();
    await expect(t.cache.watch({ fromRevision: 0 + 1 })).resolves.toBeDefined();
    for (let i = 1; i <= 6; i++) t.put(`o${i}`); // revisions 2..7; the ring keeps 5, 6, 7
    await t.cache.waitForRevision(7, 1_000);
    const err = await t.cache.watch({ fromRevision: 3 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TooOldResourceVersionError);
    expect(err).toMatchObject({ requested: 3, oldest: 4, message: 'too old resource version: 3 (4)' });
    const w = await t.cache.watch({ fromRevision: 4 });
    expect(brief(await take(w, 3))).toEqual(['ADDED o4@5', 'ADDED o5@6', 'ADDED o6@7']);
    expect(t.cache.stats).toMatchObject({ bufferedEvents: 3, oldestRevision: 4, objects: 7 });
  });

  it('from revision 0 sends a synthetic ADDED per object, then live events', async () => {
    const t = testCache();
    t.put('ns1/b', { app: 'x' });
    t.put('ns1/a', { app: 'x' });
    t.put('ns1/c', { app: 'y' });
    t.put('ns2/a', { app: 'x' });
    await t.cache.start();
    const w = await t.cache.watch({
      fromRevision: 0,
      namespacePrefix: '/r/ns1/',
      filter: app('x'),
      initialEventsEndBookmark: true,
    });
    t.put('ns1/d', { app: 'x' });
    const items = await take(w, 4);
    expect(brief(items)).toEqual(['ADDED ns1/a@2', 'ADDED ns1/b@1', 'BOOKMARK@4', 'ADDED ns1/d@5']);
    expect(items[2]).toMatchObject({ initialEventsEnd: true });
    // The synthetic event of an unchanged object is built once and shared.
    const again = await t.cache.watch({ fromRevision: 0, namespacePrefix: '/r/ns1/' });
    const [firstAgain] = await take(again, 1);
    expect(firstAgain).toBe(items[0]);
  });

  it('shows a filtered watcher objects entering and leaving its selector', async () => {
    const t = testCache();
    await t.cache.start();
    const w = await t.cache.watch({ fromRevision: t.cache.revision, filter: app('web') });
    t.put('p', { app: 'db' });
    t.put('p', { app: 'web' });
    t.put('p', { app: 'web', tier: 'front' });
    t.put('p', { app: 'db' });
    t.put('q', { app: 'web' });
    t.del('q');
    const items = await take(w, 5);
    expect(brief(items)).toEqual(['ADDED p@2', 'MODIFIED p@3', 'DELETED p@4', 'ADDED q@5', 'DELETED q@6']);
    const leaving = items[2];
    expect(leaving?.type === 'DELETED' && leaving.object.labels).toEqual({ app: 'web', tier: 'front' });
  });

  it('encodes each event once for many watchers', async () => {
    let encodes = 0;
    const t = testCache({
      encode: (e) => {
        encodes++;
        return JSON.stringify({ type: e.type, object: { ...e.object, rv: e.revision } });
      },
    });
    await t.cache.start();
    const watchers = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        t.cache.watch({ fromRevision: t.cache.revision, filter: i % 2 ? app('a') : undefined }),
      ),
    );
    t.put('x', { app: 'a' });
    t.put('x', { app: 'b' });
    const frames = new Set<string>();
    for (const w of watchers) for (const item of await take(w, 2)) if (item.type !== 'BOOKMARK') frames.add(item.encoded());
    // ADDED@1, MODIFIED@2 (unfiltered) and DELETED@2 (filtered: x left the selector).
    expect(frames.size).toBe(3);
    expect(encodes).toBe(3);
  });

  it('from a revision the cache has not reached, sends only later events', async () => {
    const t = testCache();
    t.put('a');
    await t.cache.start();
    const w = await t.cache.watch({ fromRevision: 3 });
    t.put('b');
    t.put('c');
    t.put('d');
    expect(brief(await take(w, 1))).toEqual(['ADDED d@4']);
  });

  it('ends a watch when its signal aborts', async () => {
    const t = testCache();
    await t.cache.start();
    const ac = new AbortController();
    const w = await t.cache.watch({ fromRevision: 0, signal: ac.signal });
    expect(t.cache.stats.watchers).toBe(1);
    const next = w.next();
    ac.abort();
    expect((await next).done).toBe(true);
    expect(t.cache.stats.watchers).toBe(0);
  });
});

describe('WatchCache waitForRevision', () => {
  it('resolves once the cache catches up and times out with TooLargeResourceVersionError', async () => {
    const t = testCache();
    const empty = t.cache.waitForRevision(0, 2_000);
    await expect(t.cache.waitForRevision(0, 0)).rejects.toMatchObject({ requested: 0, current: 0 });
    void t.cache.start();
    await empty;
    const waiting = t.cache.waitForRevision(2, 2_000);
    t.put('a');
    t.put('b');
    await waiting;
    expect(t.cache.revision).toBe(2);
    const err = await t.cache.waitForRevision(50, 20).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TooLargeResourceVersionError);
    expect(err).toMatchObject({ requested: 50, current: 2 });
  });

  it('reaches the store revision through other resources writes when watching a wider prefix', async () => {
    const narrow = testCache();
    const wide = testCache({ watchPrefix: '/' }, narrow.backend);
    await Promise.all([narrow.cache.start(), wide.cache.start()]);
    narrow.backend.put('/s/other', '{}');
    const rev = await narrow.backend.currentRevision();
    await wide.cache.waitForRevision(rev, 1_000);
    expect(wide.cache.list().revision).toBe(rev);
    await expect(narrow.cache.waitForRevision(rev, 30)).rejects.toThrow(TooLargeResourceVersionError);
    const w = await wide.cache.watch({ fromRevision: 0, bookmarkIntervalMs: 5 });
    narrow.backend.put('/s/other', '{"x":1}');
    expect(brief(await take(w, 1))).toEqual(['BOOKMARK@2']);
  });
});
