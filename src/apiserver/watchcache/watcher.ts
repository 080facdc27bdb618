import type { BookmarkEvent, StoredEvent, WatchItem } from './event.js';
import { WatcherTooSlowError } from './errors.js';

export interface CacheWatcherOptions<T> {
  /** Events at or below this revision are already accounted for and are skipped. */
  fromRevision: number;
  /** Only keys that start with this. */
  keyPrefix: string;
  filter?: (obj: T) => boolean;
  /** The most live events that may wait for the consumer before the watcher is dropped. */
  queueSize: number;
  /** Events (and bookmarks) delivered before any live event: a replay or a synthetic list. */
  initial: WatchItem<T>[];
  /** Send a BOOKMARK this often when the cache advanced but this watcher got nothing. */
  bookmarkIntervalMs?: number;
  /** The cache's current revision (read when a bookmark is due). */
  currentRevision: () => number;
  /** Called once when the watcher ends, for any reason. */
  onClose: () => void;
}

type Waiter<T> = {
  resolve: (r: IteratorResult<WatchItem<T>>) => void;
  reject: (e: unknown) => void;
};

/**
 * One client's view of the cache's event stream: an async iterator over a lazily filtered
 * replay followed by a bounded queue of live events. The cache pushes with `offer`, which
 * never blocks: a watcher whose queue is full is ended with WatcherTooSlowError.
 */
export class CacheWatcher<T> implements AsyncIterableIterator<WatchItem<T>> {
  readonly #opts: CacheWatcherOptions<T>;
  #initial: WatchItem<T>[];
  #initialIndex = 0;
  #queue: WatchItem<T>[] = [];
  #queueHead = 0;
  /** Every event at or below this revision has been queued, delivered or filtered out. */
  #progress: number;
  #closed = false;
  #error: unknown = undefined;
  #waiters: Waiter<T>[] = [];
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(opts: CacheWatcherOptions<T>) {
    this.#opts = opts;
    this.#initial = opts.initial;
    this.#progress = opts.fromRevision;
    const interval = opts.bookmarkIntervalMs;
    if (interval !== undefined && interval > 0) {
      this.#timer = setInterval(() => this.#maybeBookmark(), interval);
      this.#timer.unref?.();
    }
  }

  /** Whether the watcher has ended (its iterator may still hold an error to throw). */
  get closed(): boolean {
    return this.#closed;
  }

  /** Hands a live event to the watcher. Never throws and never blocks. */
  offer(event: StoredEvent<T>): void {
    if (this.#closed || event.revision <= this.#opts.fromRevision) return;
    let item: StoredEvent<T> | null;
    try {
      item = this.#transform(event);
    } catch (err) {
      this.end(err);
      return;
    }
    if (item === null) return;
    if (this.#pending() >= this.#opts.queueSize) {
      this.end(new WatcherTooSlowError(this.#progress, this.#opts.queueSize));
      return;
    }
    this.#progress = event.revision;
    this.#push(item);
  }

  /**
   * Ends the watcher. Without an error the iterator finishes after the events already queued;
   * with one, queued events are discarded and the next `next()` throws it.
   */
  end(error?: unknown): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    if (error !== undefined) {
      this.#error = error;
      this.#initial = [];
      this.#queue = [];
      this.#queueHead = 0;
    }
    this.#opts.onClose();
    this.#flushWaiters();
  }

  next(): Promise<IteratorResult<WatchItem<T>>> {
    try {
      const item = this.#take();
      if (item !== undefined) return Promise.resolve({ value: item, done: false });
    } catch (err) {
      this.end(err);
    }
    if (this.#closed) return this.#finish();
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  return(): Promise<IteratorResult<WatchItem<T>>> {
    this.end();
    this.#error = undefined;
    this.#initial = [];
    this.#queue = [];
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** The filtered view of an event for this watcher, or null if it should not see it. */
  #transform(event: StoredEvent<T>): StoredEvent<T> | null {
    if (!event.key.startsWith(this.#opts.keyPrefix)) return null;
    const filter = this.#opts.filter;
    if (filter === undefined) return event;
    const wasMatch = event.prevObject !== undefined && filter(event.prevObject);
    if (event.type === 'DELETED') return wasMatch || filter(event.object) ? event : null;
    const isMatch = filter(event.object);
    if (isMatch) return wasMatch || event.type === 'ADDED' ? event : event.asAdded();
    return wasMatch ? event.asDeletedPrevious() : null;
  }

  /** The next deliverable item, skipping filtered-out replay events. */
  #take(): WatchItem<T> | undefined {
    while (this.#initialIndex < this.#initial.length) {
      const item = this.#initial[this.#initialIndex++] as WatchItem<T>;
      if (this.#initialIndex === this.#initial.length) this.#initial = [];
      if (item.type === 'BOOKMARK') return item;
      const seen = this.#transform(item as StoredEvent<T>);
      if (seen !== null) return seen;
    }
    if (this.#queueHead < this.#queue.length) {
      const item = this.#queue[this.#queueHead++] as WatchItem<T>;
      if (this.#queueHead === this.#queue.length) {
        this.#queue = [];
        this.#queueHead = 0;
      }
      return item;
    }
    return undefined;
  }

  #pending(): number {
    return this.#queue.length - this.#queueHead;
  }

  #push(item: WatchItem<T>): void {
    // A waiting consumer has already drained the replay and the queue: hand the item over.
    const waiter = this.#waiters.shift();
    if (waiter !== undefined) waiter.resolve({ value: item, done: false });
    else this.#queue.push(item);
  }

  #maybeBookmark(): void {
    if (this.#closed || this.#initialIndex < this.#initial.length || this.#pending() > 0) return;
    const revision = this.#opts.currentRevision();
    if (revision <= this.#progress) return;
    this.#progress = revision;
    const bookmark: BookmarkEvent = { type: 'BOOKMARK', revision };
    this.#push(bookmark);
  }

  #finish(): Promise<IteratorResult<WatchItem<T>>> {
    if (this.#error !== undefined) {
      const error = this.#error;
      this.#error = undefined;
      return Promise.reject(error);
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  #flushWaiters(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) {
      const item = this.#error === undefined ? this.#take() : undefined;
      if (item !== undefined) waiter.resolve({ value: item, done: false });
      else this.#finish().then(waiter.resolve, waiter.reject);
    }
  }
}
