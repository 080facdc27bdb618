/**
 * Informer: keeps a Store in step with the server for one resource (and selector) and tells
 * handlers about changes. It lists (pages of `pageSize`), then watches from the list's
 * resourceVersion with bookmarks; after a dropped or timed-out watch it resumes from the last
 * resourceVersion it saw; on 410 Expired/Gone (or any other API error) it relists and
 * reconciles the cache: updates for changed objects, deletes for vanished ones.
 */
import type { KubeObject } from '../api/meta.js';
import { isApiError } from '../machinery/index.js';
import { Backoff, realClock, sleep, type Clock } from '../util/index.js';
import type { ResourceClient } from './resource-client.js';

/** What an informer needs of a client (a ResourceClient; tests may pass a fake). */
export type ListWatcher<T extends KubeObject> = Pick<ResourceClient<T>, 'kind' | 'listAll' | 'watch'>;
import { Store, objectKey, type ReadonlyStore } from './store.js';

export interface InformerOptions {
  /** Only this namespace (default: all namespaces). */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** List page size (default 500; 0 lists in one request). */
  pageSize?: number;
  /** Watch request lifetime; a random 5–10 min by default, as client-go. */
  watchTimeoutSeconds?: number;
  /** First retry delay after a failed list or watch (default 200 ms, doubling to 30 s). */
  retryInitialMs?: number;
  /** Where errors are reported (default: stderr). */
  log?: (line: string) => void;
  clock?: Clock;
}

/**
 * Change callbacks. They run synchronously, one at a time, after the store was updated; a
 * throwing handler is logged and does not affect the others. Objects are shared with the
 * cache: do not mutate them.
 */
export interface EventHandler<T extends KubeObject> {
  /** `isInInitialList`: delivered by a list (the first sync, or a late-added handler catching up). */
  onAdd?(obj: T, isInInitialList: boolean): void;
  onUpdate?(oldObj: T, newObj: T): void;
  /**
   * `obj` is the last state known: the watch's DELETED object, or for an object that vanished
   * while the watch was down, its last cached state (then `finalStateUnknown` is true).
   */
  onDelete?(obj: T, finalStateUnknown: boolean): void;
}

/** Counters, for tests and metrics. */
export interface InformerStats {
  lists: number;
  watches: number;
  events: number;
  /** Relists caused by 410 Expired/Gone. */
  expired: number;
}

export class Informer<T extends KubeObject> {
  private readonly cache = new Store<T>();
  private readonly handlers = new Set<EventHandler<T>>();
  private readonly syncWaiters = new Set<() => void>();
  private readonly log: (line: string) => void;
  private readonly clock: Clock;
  private synced = false;
  private started = false;
  private rv = '';
  readonly stats: InformerStats = { lists: 0, watches: 0, events: 0, expired: 0 };

  constructor(
    readonly client: ListWatcher<T>,
    private readonly opts: InformerOptions = {},
  ) {
    this.log = opts.log ?? ((l) => process.stderr.write(`${l}\n`));
    this.clock = opts.clock ?? realClock;
  }

  /** The cache (read-only: the informer writes it). */
  get store(): ReadonlyStore<T> {
    return this.cache;
  }

  /** The resourceVersion of the last list, event or bookmark seen ('' before the first list). */
  get lastResourceVersion(): string {
    return this.rv;
  }

  /**
   * Registers handlers; returns a function that unregisters them. A handler added after
   * objects are cached first gets an onAdd (isInInitialList true) for each of them.
   */
  addEventHandler(handler: EventHandler<T>): () => void {
    this.handlers.add(handler);
    for (const obj of this.cache.list()) this.call(handler, 'onAdd', () => handler.onAdd?.(obj, true));
    return () => this.handlers.delete(handler);
  }

  /** Adds an index to the cache (see Store.addIndexer). */
  addIndexer(name: string, fn: (obj: T) => string[]): void {
    this.cache.addIndexer(name, fn);
  }

  /** True once the first list is in the cache. */
  hasSynced(): boolean {
    return this.synced;
  }

  /** Resolves true once synced, or false if `signal` aborts first. */
  waitForSync(signal?: AbortSignal): Promise<boolean> {
    if (this.synced) return Promise.resolve(true);
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (): void => {
        this.syncWaiters.delete(done);
        signal?.removeEventListener('abort', aborted);
        resolve(true);
      };
      const aborted = (): void => {
        this.syncWaiters.delete(done);
        resolve(false);
      };
      this.syncWaiters.add(done);
      signal?.addEventListener('abort', aborted, { once: true });
    });
  }

  /** Starts listing and watching until `signal` aborts. A second call does nothing. */
  start(signal: AbortSignal): void {
    if (this.started) return;
    this.started = true;
    void this.run(signal).catch((err: unknown) => this.log(`informer ${this.name}: stopped: ${String(err)}`));
  }

  private get name(): string {
    return this.client.kind.group ? `${this.client.kind.plural}.${this.client.kind.group}` : this.client.kind.plural;
  }

  private async run(signal: AbortSignal): Promise<void> {
    const backoff = new Backoff({ initialMs: this.opts.retryInitialMs ?? 200, maxMs: 30_000, jitter: 0.2 });
    let needList = true;
    while (!signal.aborted) {
      try {
        if (needList) {
          await this.listAndReplace(signal);
          needList = false;
        }
        const sawEvents = await this.watchOnce(signal);
        if (sawEvents) backoff.reset();
        else if (!signal.aborted) await sleep(Math.min(backoff.next(), 1000), { signal, clock: this.clock });
      } catch (err) {
        if (signal.aborted) return;
        if (isApiError(err)) {
          needList = true;
          if (err.code === 410) {
            this.stats.expired++;
            backoff.reset();
            continue; // relist at once, as client-go does
          }
        }
        if (!needList && !isNetworkError(err)) needList = true;
        this.log(`informer ${this.name}: ${needList ? 'list/watch' : 'watch'} failed: ${(err as Error)?.message ?? String(err)}; retrying`);
        await sleep(backoff.next(), { signal, clock: this.clock });
      }
    }
  }

  private async listAndReplace(signal: AbortSignal): Promise<void> {
    const o = this.opts;
    const list = await this.client.listAll(o.namespace, {
      labelSelector: o.labelSelector,
      fieldSelector: o.fieldSelector,
      limit: o.pageSize ?? 500,
      signal,
    });
    if (signal.aborted) return;
    this.stats.lists++;
    this.replace(list.items);
    this.rv = list.resourceVersion;
    if (!this.synced) {
      this.synced = true;
      for (const w of [...this.syncWaiters]) w();
    }
  }

  /** Reconciles the cache with a full list: adds, updates for changed objects, deletes for vanished ones. */
  private replace(items: T[]): void {
    const initial = !this.synced;
    const seen = new Set<string>();
    for (const obj of items) {
      const key = objectKey(obj);
      seen.add(key);
      const old = this.cache.get(key);
      if (old && old.metadata.resourceVersion === obj.metadata.resourceVersion) continue;
      this.cache.set(obj);
      if (old) this.emitUpdate(old, obj);
      else this.emitAdd(obj, initial);
    }
    for (const key of this.cache.keys()) {
      if (seen.has(key)) continue;
      const old = this.cache.delete(key)!;
      this.emitDelete(old, true);
    }
  }

  /** One watch request; true if it delivered anything. Throws ApiError (410 → relist) or network errors. */
  private async watchOnce(signal: AbortSignal): Promise<boolean> {
    const o = this.opts;
    this.stats.watches++;
    const stream = this.client.watch(o.namespace, {
      resourceVersion: this.rv,
      labelSelector: o.labelSelector,
      fieldSelector: o.fieldSelector,
      allowWatchBookmarks: true,
      timeoutSeconds: o.watchTimeoutSeconds ?? Math.floor(300 + Math.random() * 300),
      signal,
    });
    let any = false;
    for await (const ev of stream) {
      any = true;
      this.stats.events++;
      const rv = ev.object.metadata.resourceVersion;
      if (ev.type === 'BOOKMARK') {
        if (rv) this.rv = rv;
        continue;
      }
      const key = objectKey(ev.object);
      if (ev.type === 'DELETED') {
        const old = this.cache.delete(key);
        if (rv) this.rv = rv;
        this.emitDelete(ev.object ?? old, false);
        continue;
      }
      const old = this.cache.set(ev.object);
      if (rv) this.rv = rv;
      if (old) this.emitUpdate(old, ev.object);
      else this.emitAdd(ev.object, false);
    }
    return any;
  }

  private emitAdd(obj: T, initial: boolean): void {
    for (const h of this.handlers) if (h.onAdd) this.call(h, 'onAdd', () => h.onAdd!(obj, initial));
  }

  private emitUpdate(oldObj: T, newObj: T): void {
    for (const h of this.handlers) if (h.onUpdate) this.call(h, 'onUpdate', () => h.onUpdate!(oldObj, newObj));
  }

  private emitDelete(obj: T, finalStateUnknown: boolean): void {
    for (const h of this.handlers) if (h.onDelete) this.call(h, 'onDelete', () => h.onDelete!(obj, finalStateUnknown));
  }

  private call(_h: EventHandler<T>, what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.log(`informer ${this.name}: ${what} handler threw: ${(err as Error)?.stack ?? String(err)}`);
    }
  }
}

function isNetworkError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && /^E[A-Z_]+$/.test(code);
}
