import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KubeObject } from '../api/meta.js';
import { ApiError } from '../machinery/index.js';
import { Informer, type EventHandler } from './informer.js';
import { NAMESPACE_INDEX } from './store.js';
import { FakeListWatcher, FakeWatch, expired } from './testing/fake-list-watcher.js';

type Obj = KubeObject & { data?: Record<string, string> };

function obj(name: string, rv: number, data?: Record<string, string>): Obj {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns', resourceVersion: String(rv) }, data };
}

function recorder(): { log: string[]; handler: EventHandler<Obj> } {
  const log: string[] = [];
  return {
    log,
    handler: {
      onAdd: (o, initial) => log.push(`add ${o.metadata.name}${initial ? ' (list)' : ''}`),
      onUpdate: (a, b) => log.push(`update ${b.metadata.name} ${a.metadata.resourceVersion}->${b.metadata.resourceVersion}`),
      onDelete: (o, unknown) => log.push(`delete ${o.metadata.name}@${o.metadata.resourceVersion}${unknown ? ' (unknown)' : ''}`),
    },
  };
}

const stops: AbortController[] = [];
afterEach(() => {
  for (const s of stops.splice(0)) s.abort();
});
function started(inf: Informer<Obj>): AbortController {
  const ac = new AbortController();
  stops.push(ac);
  inf.start(ac.signal);
  return ac;
}
const quiet = { log: () => {}, retryInitialMs: 1 };

describe('Informer', () => {
  it('lists, syncs, then applies watch events from the list resourceVersion', async () => {
    const lw = new FakeListWatcher<Obj>();
    lw.lists.push({ items: [obj('a', 1), obj('b', 2)], resourceVersion: '10', continue: '' });
    const w = new FakeWatch<Obj>();
    lw.watches.push(w);
    const inf = new Informer(lw, { ...quiet, pageSize: 7 });
    const { log, handler } = recorder();
    inf.addEventHandler(handler);
    expect(inf.hasSynced()).toBe(false);
    started(inf);
    expect(await inf.waitForSync()).toBe(true);
    expect(lw.listCalls[0]!.limit).toBe(7);
    expect(inf.store.keys().sort()).toEqual(['ns/a', 'ns/b']);
    await vi.waitFor(() => expect(lw.watchCalls).toHaveLength(1));
    expect(lw.watchCalls[0]).toMatchObject({ resourceVersion: '10', allowWatchBookmarks: true });

    w.push('ADDED', obj('c', 11));
    w.push('MODIFIED', obj('a', 12, { x: '1' }));
    w.push('DELETED', obj('b', 13));
    w.push('BOOKMARK', { metadata: { resourceVersion: '20' } } as Obj);
    await vi.waitFor(() => expect(inf.lastResourceVersion).toBe('20'));
    expect(log).toEqual(['add a (list)', 'add b (list)', 'add c', 'update a 1->12', 'delete b@13']);
    expect(inf.store.get('ns/a')!.data).toEqual({ x: '1' });
    expect(inf.store.get('ns/b')).toBeUndefined();
    expect(inf.store.byIndex(NAMESPACE_INDEX, 'ns').map((o) => o.metadata.name).sort()).toEqual(['a', 'c']);
  });

  it('resumes a dropped watch from the last resourceVersion without relisting', async () => {
    const lw = new FakeListWatcher<Obj>();
    lw.lists.push({ items: [], resourceVersion: '5', continue: '' });
    const w1 = new FakeWatch<Obj>();
    const w2 = new FakeWatch<Obj>();
    lw.watches.push(w1, w2);
    const inf = new Informer(lw, quiet);
    started(inf);
    await inf.waitForSync();
    w1.push('ADDED', obj('a', 6));
    w1.end(); // server closed the stream (timeout or dropped connection)
    await vi.waitFor(() => expect(lw.watchCalls).toHaveLength(2));
    expect(lw.watchCalls[1]!.resourceVersion).toBe('6');
    // A connection error also resumes without a list.
    w2.fail(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    await vi.waitFor(() => expect(lw.watchCalls).toHaveLength(3));
    expect(lw.watchCalls[2]!.resourceVersion).toBe('6');
    expect(inf.stats.lists).toBe(1);
  });

  it('relists on 410 and reconciles: updates changed objects, deletes vanished ones with their last state', async () => {
    const lw = new FakeListWatcher<Obj>();
    lw.lists.push({ items: [obj('keep', 1), obj('change', 2), obj('gone', 3)], resourceVersion: '3', continue: '' });
    lw.lists.push({ items: [obj('keep', 1), obj('change', 40), obj('new', 41)], resourceVersion: '50', continue: '' });
    const w1 = new FakeWatch<Obj>();
    lw.watches.push(w1);
    const inf = new Informer(lw, quiet);
    const { log, handler } = recorder();
    inf.addEventHandler(handler);
    started(inf);
    await inf.waitForSync();
    log.length = 0;
    w1.fail(expired());
    await vi.waitFor(() => expect(inf.stats.lists).toBe(2));
    expect(inf.stats.expired).toBe(1);
    expect(log.sort()).toEqual(['add new', 'delete gone@3 (unknown)', 'update change 2->40'].sort());
    expect(inf.store.keys().sort()).toEqual(['ns/change', 'ns/keep', 'ns/new']);
    await vi.waitFor(() => expect(lw.watchCalls.at(-1)!.resourceVersion).toBe('50'));
  });

  it('retries a failed list with backoff and tells waiters when the signal aborts', async () => {
    const lw = new FakeListWatcher<Obj>();
    lw.lists.push(new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 500, reason: 'InternalError' }));
    lw.lists.push({ items: [obj('a', 1)], resourceVersion: '2', continue: '' });
    const inf = new Informer(lw, quiet);
    started(inf);
    expect(await inf.waitForSync()).toBe(true);
    expect(lw.listCalls).toHaveLength(2);

    const never = new Informer(new FakeListWatcher<Obj>(), quiet);
    const ac = new AbortController();
    const p = never.waitForSync(ac.signal);
    ac.abort();
    expect(await p).toBe(false);
  });

  it('replays the cache to late handlers, isolates throwing handlers, and unregisters', async () => {
    const lw = new FakeListWatcher<Obj>();
    lw.lists.push({ items: [obj('a', 1)], resourceVersion: '1', continue: '' });
    const w = new FakeWatch<Obj>();
    lw.watches.push(w);
    const logged: string[] = [];
    const inf = new Informer(lw, { ...quiet, log: (l) => logged.push(l) });
    started(inf);
    await inf.waitForSync();
    inf.addEventHandler({ onAdd: () => { throw new Error('boom'); } });
    const { log, handler } = recorder();
    const off = inf.addEventHandler(handler);
    expect(log).toEqual(['add a (list)']);
    expect(logged.some((l) => l.includes('boom'))).toBe(true);
    off();
    w.push('ADDED', obj('b', 2));
    await vi.waitFor(() => expect(inf.store.size).toBe(2));
    expect(log).toEqual(['add a (list)']);
  });
});
