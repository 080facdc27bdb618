/**
 * WorkQueue: the controller work queue of client-go (workqueue.TypedRateLimitingInterface).
 * - A key added while it waits in the queue is queued once (dedup).
 * - A key is handed to one worker at a time: added while being processed, it is queued again
 *   only after `done(key)`.
 * - `addAfter` delays a key (the earliest pending time wins); `addRateLimited` delays it by the
 *   rate limiter (per-key exponential backoff plus an overall token bucket by default).
 * Keys are compared with Map semantics (use strings such as `namespace/name`).
 */
import { realClock, type Clock, type TimerHandle } from '../util/index.js';
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limiter.js';

export interface WorkQueueOptions<K> {
  /** Default: defaultControllerRateLimiter(). */
  rateLimiter?: RateLimiter<K>;
  clock?: Clock;
  /** For logs and metrics. */
  name?: string;
}

export class WorkQueue<K> {
  readonly name: string;
  private readonly clock: Clock;
  private readonly limiter: RateLimiter<K>;
  private queue: K[] = [];
  private head = 0;
  private readonly dirty = new Set<K>();
  private readonly processing = new Set<K>();
  private readonly waiting = new Map<K, { at: number; timer: TimerHandle }>();
  private readonly getters: ((k: K | undefined) => void)[] = [];
  private shutting = false;

  constructor(opts: WorkQueueOptions<K> = {}) {
    this.clock = opts.clock ?? realClock;
    this.limiter = opts.rateLimiter ?? defaultControllerRateLimiter<K>({ clock: this.clock });
    this.name = opts.name ?? '';
  }

  /** Queues `key` unless it is already queued; if a worker holds it, it is queued after done(). */
  add(key: K): void {
    if (this.shutting || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    this.push(key);
  }

  /** Adds `key` after `ms` (at once if ms <= 0). If it already waits, the earlier time wins. */
  addAfter(key: K, ms: number): void {
    if (this.shutting) return;
    if (!(ms > 0)) return this.add(key);
    const at = this.clock.now() + ms;
    const prev = this.waiting.get(key);
    if (prev) {
      if (prev.at <= at) return;
      this.clock.clearTimeout(prev.timer);
    }
    const timer = this.clock.setTimeout(() => {
      this.waiting.delete(key);
      this.add(key);
    }, ms);
    this.waiting.set(key, { at, timer });
  }

  /** Adds `key` after the rate limiter's delay for it (counts one more requeue). */
  addRateLimited(key: K): void {
    this.addAfter(key, this.limiter.when(key));
  }

  /** Clears `key`'s rate-limit history (call after it was processed successfully). */
  forget(key: K): void {
    this.limiter.forget(key);
  }

  numRequeues(key: K): number {
    return this.limiter.numRequeues(key);
  }

  /**
   * The next key to process; waits while the queue is empty. Resolves undefined once the
   * queue is shut down (keys still queued then are dropped). Call done(key) when finished.
   */
  get(): Promise<K | undefined> {
    if (this.shutting) return Promise.resolve(undefined);
    if (this.len() > 0) return Promise.resolve(this.take());
    return new Promise((resolve) => this.getters.push(resolve));
  }

  /** Marks `key` as processed; if it was added meanwhile, it is queued again. */
  done(key: K): void {
    if (!this.processing.delete(key)) return;
    if (this.dirty.has(key) && !this.shutting) this.push(key);
  }

  /** Keys waiting in the queue (not counting delayed or in-process ones). */
  len(): number {
    return this.queue.length - this.head;
  }

  /** Stops the queue: waiting get() calls resolve undefined, adds are ignored, timers cleared. */
  shutDown(): void {
    if (this.shutting) return;
    this.shutting = true;
    for (const w of this.waiting.values()) this.clock.clearTimeout(w.timer);
    this.waiting.clear();
    for (const g of this.getters.splice(0)) g(undefined);
  }

  shuttingDown(): boolean {
    return this.shutting;
  }

  private push(key: K): void {
    const getter = this.getters.shift();
    if (getter) {
      this.dirty.delete(key);
      this.processing.add(key);
      getter(key);
      return;
    }
    this.queue.push(key);
  }

  private take(): K {
    const key = this.queue[this.head++]!;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.dirty.delete(key);
    this.processing.add(key);
    return key;
  }
}
