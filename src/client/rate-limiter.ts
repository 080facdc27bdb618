/**
 * Per-item requeue rate limiters, as client-go's workqueue: per-item exponential backoff, an
 * overall token bucket, and the maximum of several (the default controller rate limiter).
 */
import { exponentialDelay, realClock, type Clock } from '../util/index.js';

export interface RateLimiter<K> {
  /** How long `item` should wait before it is processed again (each call counts a failure). */
  when(item: K): number;
  /** Stops tracking `item` (after a success). */
  forget(item: K): void;
  /** How many times `item` was rate-limited since the last forget. */
  numRequeues(item: K): number;
}

/** base·2ⁿ for the n-th failure of an item, capped at max (client-go ItemExponentialFailureRateLimiter). */
export class ItemExponentialRateLimiter<K> implements RateLimiter<K> {
  private readonly failures = new Map<K, number>();

  constructor(private readonly opts: { baseMs: number; maxMs: number }) {
    if (!(opts.baseMs >= 0) || !(opts.maxMs >= opts.baseMs)) throw new Error('rate limiter: need 0 <= baseMs <= maxMs');
  }

  when(item: K): number {
    const n = this.failures.get(item) ?? 0;
    this.failures.set(item, n + 1);
    return exponentialDelay(n, this.opts);
  }

  forget(item: K): void {
    this.failures.delete(item);
  }

  numRequeues(item: K): number {
    return this.failures.get(item) ?? 0;
  }
}

/** An overall token bucket: `qps` tokens a second, up to `burst` saved (client-go BucketRateLimiter). */
export class BucketRateLimiter<K> implements RateLimiter<K> {
  private tokens: number;
  private last: number;
  private readonly clock: Clock;

  constructor(private readonly opts: { qps: number; burst: number; clock?: Clock }) {
    if (!(opts.qps > 0) || !(opts.burst >= 1)) throw new Error('rate limiter: need qps > 0 and burst >= 1');
    this.clock = opts.clock ?? realClock;
    this.tokens = opts.burst;
    this.last = this.clock.now();
  }

  when(_item: K): number {
    const now = this.clock.now();
    this.tokens = Math.min(this.opts.burst, this.tokens + ((now - this.last) / 1000) * this.opts.qps);
    this.last = now;
    this.tokens -= 1; // reserve one token, possibly in the future
    return this.tokens >= 0 ? 0 : (-this.tokens / this.opts.qps) * 1000;
  }

  forget(_item: K): void {}

  numRequeues(_item: K): number {
    return 0;
  }
}

/** The longest delay of several limiters (client-go MaxOfRateLimiter). */
export class MaxOfRateLimiter<K> implements RateLimiter<K> {
  private readonly limiters: RateLimiter<K>[];

  constructor(...limiters: RateLimiter<K>[]) {
    this.limiters = limiters;
  }

  when(item: K): number {
    let max = 0;
    for (const l of this.limiters) max = Math.max(max, l.when(item));
    return max;
  }

  forget(item: K): void {
    for (const l of this.limiters) l.forget(item);
  }

  numRequeues(item: K): number {
    let max = 0;
    for (const l of this.limiters) max = Math.max(max, l.numRequeues(item));
    return max;
  }
}

/** client-go's DefaultControllerRateLimiter: max(5 ms·2ⁿ up to 1000 s, 10 qps with a burst of 100). */
export function defaultControllerRateLimiter<K>(opts: { clock?: Clock } = {}): RateLimiter<K> {
  return new MaxOfRateLimiter<K>(
    new ItemExponentialRateLimiter<K>({ baseMs: 5, maxMs: 1_000_000 }),
    new BucketRateLimiter<K>({ qps: 10, burst: 100, clock: opts.clock }),
  );
}
