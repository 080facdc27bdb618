import type { Backend, KeyValue, WatchEvent } from '../../storage/backend.js';
import { decodeContinueToken, encodeContinueToken } from './continue-token.js';
import {
  CacheNotReadyError,
  InvalidCacheRequestError,
  SnapshotNotCachedError,
  TooOldResourceVersionError,
  WatchCacheStoppedError,
  WatchExpiredError,
} from './errors.js';
import { defaultEncoder, StoredEvent, type EventEncoder, type WatchItem } from './event.js';
import { runReflector, type RetryOptions } from './reflector.js';
import { RevisionWaiters } from './revision-waiters.js';
import { EventRing } from './ring.js';
import { CacheStore, type Entry } from './store.js';
import { CacheWatcher } from './watcher.js';

export interface WatchCacheOptions<T> {
  backend: Backend;
  /** The resource's key prefix, e.g. `/registry/core/pods/`. */
  prefix: string;
  /** Turns a stored key-value into the cached object. May throw on bad data (see onError). */
  decode: (kv: KeyValue) => T;
  /** Serialises an event for `event.encoded()`. Default: JSON of `{type, object}`. */
  encode?: EventEncoder<T>;
  /** How many recent events are kept for watches that resume. Default 10 000. */
  historySize?: number;
  /** Live events a watcher may have waiting before it is dropped as too slow. Default 1 024. */
  watcherQueueSize?: number;
  /**
   * The prefix watched in the backend: `prefix` (the default) or a prefix of it such as
   * `/registry/`. Events outside `prefix` then only advance the cache's revision, acting as
   * progress notifications: a quiet resource still reaches the store's current revision, so
   * `waitForRevision(await backend.currentRevision())` resolves promptly. The cost is that
   * every such cache receives every write.
   */
  watchPrefix?: string;
  /** Items per backend page when listing. Default 1 000. */
  listPageSize?: number;
  retry?: RetryOptions;
  /** Told about recoverable failures: lost watches, relists, undecodable values. */
  onError?: (err: Error) => void;
  /**
   * Aborting it stops the cache. The cache adds one listener to it: a signal shared by many
   * caches needs `events.setMaxListeners` raised to avoid Node's leak warning.
   */
  signal?: AbortSignal;
}

export interface CacheListOptions<T> {
  /** Only keys that start with this full key prefix, e.g. `/registry/core/pods/default/`. */
  namespacePrefix?: string;
  filter?: (obj: T) => boolean;
  /** At most this many items per page; 0 or absent: all. */
  limit?: number;
  /** The `continue` token of the previous page. */
  continueFrom?: string;
}

export interface CacheListResult<T> {
  /** In key order. Shared with the cache: read-only. */
  items: T[];
  /** The snapshot revision (the list's resourceVersion). */
  revision: number;
  continue?: string;
  /** Items after this page, when known (only for lists without a filter). */
  remaining?: number;
}

export interface CacheWatchOptions<T> {
  /**
   * Deliver events after this revision. 0: a synthetic ADDED for every current object (in key
   * order), then live events.
   */
  fromRevision: number;
  filter?: (obj: T) => boolean;
  /** Ends the watch (the iterator then finishes). */
  signal?: AbortSignal;
  /** Only keys that start with this full key prefix. */
  namespacePrefix?: string;
  /** Yield a BOOKMARK this often when the cache's revision moved but this watcher got nothing. */
  bookmarkIntervalMs?: number;
  /** With fromRevision 0: a BOOKMARK with `initialEventsEnd` after the synthetic ADDED events. */
  initialEventsEndBookmark?: boolean;
}

export interface WatchCacheStats {
  objects: number;
  watchers: number;
  bufferedEvents: number;
  /** Lists after the first (each one ended every watcher). */
  relists: number;
  /** The oldest `fromRevision` a watch may still use. */
  oldestRevision: number;
}

/**
 * The apiserver's in-memory cache of one resource (kube-apiserver's "cacher"): the current
 * objects, the current revision, and a ring of recent events that serves watches.
 *
 * When the cache must re-list (the backend compacted past its revision, or the watch kept
 * failing), it rebuilds and ends every live watcher with WatchExpiredError, as kube-apiserver
 * terminates its watchers when its reflector restarts; the ring restarts at the new list's
 * revision, so watches resuming from before it get TooOldResourceVersionError (410) and re-list.
 */
export class WatchCache<T> {
  readonly prefix: string;
  /** Resolves after the first complete list; rejects if the cache stops before that. */
  readonly ready: Promise<void>;
  readonly #opts: WatchCacheOptions<T>;
  readonly #encoder: EventEncoder<T>;
  readonly #store = new CacheStore<T>();
  readonly #ring: EventRing<StoredEvent<T>>;
  readonly #watchers = new Set<CacheWatcher<T>>();
  readonly #waiters = new RevisionWaiters();
  readonly #abort = new AbortController();
  readonly #watcherQueueSize: number;
  readonly #onError: (err: Error) => void;
  #revision = 0;
  /** Every event after this revision is in the ring. */
  #oldest = 0;
  #relists = -1;
  #isReady = false;
  #started = false;
  #stopped = false;
  readonly #onAbort = (): void => this.stop();
  #resolveReady: () => void = () => {};
  #rejectReady: (err: unknown) => void = () => {};

  constructor(opts: WatchCacheOptions<T>) {
    if (typeof opts.prefix !== 'string' || opts.prefix.length === 0) {
      throw new InvalidCacheRequestError('a watch cache needs a non-empty key prefix');
    }
    const watchPrefix = opts.watchPrefix ?? opts.prefix;
    if (!opts.prefix.startsWith(watchPrefix)) {
      throw new InvalidCacheRequestError(`watchPrefix ${watchPrefix} is not a prefix of ${opts.prefix}`);
    }
    this.prefix = opts.prefix;
    this.#opts = opts;
    this.#encoder = opts.encode ?? defaultEncoder;
    this.#onError = opts.onError ?? ((err) => console.warn(`watch cache ${opts.prefix}: ${err.message}`));
    this.#ring = new EventRing(positiveInt(opts.historySize, 10_000, 'historySize'));
    this.#watcherQueueSize = positiveInt(opts.watcherQueueSize, 1_024, 'watcherQueueSize');
    this.ready = new Promise<void>((resolve, reject) => {
      this.#resolveReady = resolve;
      this.#rejectReady = reject;
    });
    // Callers that never await `ready` must not see an unhandled rejection.
    this.ready.catch(() => {});
    if (opts.signal?.aborted) this.stop();
    else opts.signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** The revision the cache reflects: its list's revision, then each event's. */
  get revision(): number {
    return this.#revision;
  }

  get stats(): WatchCacheStats {
    return {
      objects: this.#store.size,
      watchers: this.#watchers.size,
      bufferedEvents: this.#ring.size,
      relists: Math.max(0, this.#relists),
      oldestRevision: this.#oldest,
    };
  }

  /** Lists, then watches, in the background. Returns `ready`. */
  start(): Promise<void> {
    if (this.#started || this.#stopped) return this.ready;
    this.#started = true;
    const onError = this.#onError;
    const sink = {
      revision: () => this.#revision,
      replace: (items: KeyValue[], revision: number) => this.#replace(items, revision),
      apply: (event: WatchEvent) => this.#apply(event),
    };
    runReflector(sink, {
      backend: this.#opts.backend,
      listPrefix: this.prefix,
      watchPrefix: this.#opts.watchPrefix ?? this.prefix,
      pageSize: positiveInt(this.#opts.listPageSize, 1_000, 'listPageSize'),
      retry: this.#opts.retry,
      signal: this.#abort.signal,
      onError: (err, phase) => onError(new Error(`${phase} failed: ${err.message}`, { cause: err })),
    }).catch((err: unknown) => onError(err instanceof Error ? err : new Error(String(err))));
    return this.ready;
  }

  /** Stops the feed; live watchers finish, pending waits fail with WatchCacheStoppedError. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#opts.signal?.removeEventListener('abort', this.#onAbort);
    this.#abort.abort();
    const stopped = new WatchCacheStoppedError(this.prefix);
    for (const watcher of [...this.#watchers]) watcher.end();
    this.#waiters.rejectAll(stopped);
    if (!this.#isReady) this.#rejectReady(stopped);
  }

  /**
   * Resolves once the cache reflects `revision` (for consistent reads: pass the backend's
   * current revision). Rejects with TooLargeResourceVersionError after `timeoutMs`.
   */
  waitForRevision(revision: number, timeoutMs: number, opts: { signal?: AbortSignal } = {}): Promise<void> {
    if (!Number.isSafeInteger(revision) || revision < 0) {
      return Promise.reject(new InvalidCacheRequestError(`invalid revision ${String(revision)}`));
    }
    if (this.#stopped) return Promise.reject(new WatchCacheStoppedError(this.prefix));
    // Before the first list the cache reflects nothing, not even revision 0 of an empty store.
    const current = (): number => (this.#isReady ? this.#revision : -1);
    return this.#waiters.wait(revision, timeoutMs, { current, signal: opts.signal });
  }

  /** The cached object at `key`, with its key-value, or undefined. */
  get(key: string): { object: T; kv: KeyValue } | undefined {
    this.#assertReady();
    const entry = this.#store.get(key);
    return entry && { object: entry.value, kv: entry.kv };
  }

  /** Lists from the cache at its current revision (or at the snapshot of a continue token). */
  list(opts: CacheListOptions<T> = {}): CacheListResult<T> {
    this.#assertReady();
    const keyPrefix = this.#keyPrefix(opts.namespacePrefix);
    const limit = opts.limit ?? 0;
    if (!Number.isSafeInteger(limit) || limit < 0) throw new InvalidCacheRequestError(`invalid limit ${String(limit)}`);
    let revision = this.#revision;
    let startKey: string | undefined;
    if (opts.continueFrom !== undefined && opts.continueFrom !== '') {
      const position = decodeContinueToken(this.prefix, opts.continueFrom);
      this.#assertUnchangedSince(position.revision, position.startKey, keyPrefix);
      revision = position.revision;
      startKey = position.startKey;
    }
    const page = this.#store.page({ keyPrefix, startKey, filter: opts.filter, limit });
    const result: CacheListResult<T> = { items: page.items, revision };
    if (page.lastKey !== undefined) {
      result.continue = encodeContinueToken(this.prefix, { revision, lastKey: page.lastKey });
      if (page.remaining !== undefined) result.remaining = page.remaining;
    }
    return result;
  }

  /**
   * Starts a watch. Rejects with TooOldResourceVersionError when `fromRevision` is older than
   * the cache's history. The iterator yields events in revision order with no gaps or
   * duplicates; it ends when `signal` aborts or the cache stops, and throws
   * WatcherTooSlowError or WatchExpiredError when the cache ends it.
   */
  async watch(opts: CacheWatchOptions<T>): Promise<AsyncIterableIterator<WatchItem<T>>> {
    const from = opts.fromRevision;
    if (!Number.isSafeInteger(from) || from < 0) throw new InvalidCacheRequestError(`invalid revision ${String(from)}`);
    const keyPrefix = this.#keyPrefix(opts.namespacePrefix);
    if (!this.#isReady) await this.ready;
    if (this.#stopped) throw new WatchCacheStoppedError(this.prefix);
    // From here to registration nothing awaits, so no event can slip between replay and live.
    let initial: WatchItem<T>[];
    if (from === 0) {
      initial = this.#store.entriesUnder(keyPrefix).map((entry) => this.#syntheticAdded(entry));
      if (opts.initialEventsEndBookmark) {
        initial.push({ type: 'BOOKMARK', revision: this.#revision, initialEventsEnd: true });
      }
    } else {
      if (from < this.#oldest) throw new TooOldResourceVersionError(from, this.#oldest);
      initial = this.#ring.since(from);
    }
    const signal = opts.signal;
    const onAbort = (): void => watcher.end();
    const watcher: CacheWatcher<T> = new CacheWatcher<T>({
      fromRevision: from === 0 ? this.#revision : from,
      keyPrefix,
      filter: opts.filter,
      queueSize: this.#watcherQueueSize,
      initial,
      bookmarkIntervalMs: opts.bookmarkIntervalMs,
      currentRevision: () => this.#revision,
      onClose: () => {
        this.#watchers.delete(watcher);
        signal?.removeEventListener('abort', onAbort);
      },
    });
    this.#watchers.add(watcher);
    if (signal?.aborted) watcher.end();
    else signal?.addEventListener('abort', onAbort, { once: true });
    return watcher;
  }

  /** Installs a fresh list (the first, or a relist that ends every watcher). */
  #replace(items: KeyValue[], revision: number): void {
    const entries = new Map<string, Entry<T>>();
    for (const kv of items) {
      const value = this.#decode(kv);
      if (value !== undefined) entries.set(kv.key, { value: value.object, kv });
    }
    this.#store.replace(entries);
    this.#ring.clear();
    this.#revision = revision;
    this.#oldest = revision;
    this.#relists++;
    if (this.#relists > 0) {
      const expired = new WatchExpiredError(revision);
      for (const watcher of [...this.#watchers]) watcher.end(expired);
    }
    this.#isReady = true;
    this.#resolveReady();
    this.#waiters.notify(revision);
  }

  /** Applies one backend event: updates the state, records the event and fans it out. */
  #apply(event: WatchEvent): void {
    if (event.revision <= this.#revision) return;
    const key = event.kv.key;
    const event_ = key.startsWith(this.prefix) ? this.#toCacheEvent(event) : undefined;
    if (event_ !== undefined) {
      const evicted = this.#ring.push(event_);
      if (evicted !== undefined) this.#oldest = evicted.revision;
    }
    this.#revision = event.revision;
    if (event_ !== undefined) for (const watcher of this.#watchers) watcher.offer(event_);
    this.#waiters.notify(event.revision);
  }

  /** Updates the state for one event and returns the cache event, or undefined if none. */
  #toCacheEvent(event: WatchEvent): StoredEvent<T> | undefined {
    const { kv, revision } = event;
    const prev = this.#store.get(kv.key);
    const previous = prev && { prevObject: prev.value, prevKv: prev.kv };
    if (event.type === 'delete') {
      if (prev === undefined) return undefined;
      this.#store.delete(kv.key);
      const object = this.#decode(kv)?.object ?? prev.value;
      return new StoredEvent({ type: 'DELETED', key: kv.key, object, kv, revision, ...previous }, this.#encoder);
    }
    const decoded = this.#decode(kv);
    if (decoded === undefined) {
      // An undecodable value: the object drops out of the cache, as if deleted.
      if (prev === undefined) return undefined;
      this.#store.delete(kv.key);
      return new StoredEvent({ type: 'DELETED', key: kv.key, object: prev.value, kv, revision, ...previous }, this.#encoder);
    }
    this.#store.set(kv.key, { value: decoded.object, kv });
    const type = prev === undefined ? 'ADDED' : 'MODIFIED';
    return new StoredEvent({ type, key: kv.key, object: decoded.object, kv, revision, ...previous }, this.#encoder);
  }

  #syntheticAdded(entry: Entry<T>): StoredEvent<T> {
    const { kv } = entry;
    entry.added ??= new StoredEvent(
      { type: 'ADDED', key: kv.key, object: entry.value, kv, revision: kv.modRevision },
      this.#encoder,
    );
    return entry.added;
  }

  #decode(kv: KeyValue): { object: T } | undefined {
    try {
      return { object: this.#opts.decode(kv) };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.#onError(new Error(`cannot decode ${kv.key} at revision ${kv.modRevision}: ${reason}`));
      return undefined;
    }
  }

  /** Throws SnapshotNotCachedError unless no key >= startKey in range changed after `revision`. */
  #assertUnchangedSince(revision: number, startKey: string, keyPrefix: string): void {
    const changed =
      revision > this.#revision ||
      revision < this.#oldest ||
      this.#ring.since(revision).some((e) => e.key >= startKey && e.key.startsWith(keyPrefix));
    if (changed) throw new SnapshotNotCachedError(revision, startKey);
  }

  #keyPrefix(namespacePrefix: string | undefined): string {
    if (namespacePrefix === undefined || namespacePrefix === '') return this.prefix;
    if (typeof namespacePrefix !== 'string' || !namespacePrefix.startsWith(this.prefix)) {
      throw new InvalidCacheRequestError(`namespacePrefix ${String(namespacePrefix)} is not under ${this.prefix}`);
    }
    return namespacePrefix;
  }

  #assertReady(): void {
    if (this.#stopped) throw new WatchCacheStoppedError(this.prefix);
    if (!this.#isReady) throw new CacheNotReadyError(this.prefix);
  }
}

function positiveInt(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new InvalidCacheRequestError(`${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}
