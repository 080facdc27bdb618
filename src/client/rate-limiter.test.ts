import { describe, expect, it } from 'vitest';
import { FakeClock } from '../util/index.js';
import { BucketRateLimiter, ItemExponentialRateLimiter, MaxOfRateLimiter, defaultControllerRateLimiter } from './rate-limiter.js';

describe('rate limiters', () => {
  it('per-item exponential: 5 ms doubling to 1000 s, independent per item', () => {
    const l = new ItemExponentialRateLimiter<string>({ baseMs: 5, maxMs: 1_000_000 });
    expect([l.when('a'), l.when('a'), l.when('a'), l.when('b')]).toEqual([5, 10, 20, 5]);
    for (let i = 0; i < 100; i++) l.when('a');
    expect(l.when('a')).toBe(1_000_000);
    expect(l.numRequeues('a')).toBe(104);
    l.forget('a');
    expect(l.when('a')).toBe(5);
  });

  it('token bucket: burst at once, then 1/qps apart, refilled over time', () => {
    const clock = new FakeClock();
    const l = new BucketRateLimiter<string>({ qps: 10, burst: 2, clock });
    expect([l.when('x'), l.when('y'), l.when('z'), l.when('w')]).toEqual([0, 0, 100, 200]);
    clock.advance(1000);
    expect(l.when('x')).toBe(0);
    expect(l.numRequeues('x')).toBe(0);
  });

  it('max-of takes the longest delay; bad settings are refused', () => {
    const clock = new FakeClock();
    const l = new MaxOfRateLimiter<string>(new ItemExponentialRateLimiter({ baseMs: 1, maxMs: 10 }), new BucketRateLimiter({ qps: 1, burst: 1, clock }));
    expect(l.when('a')).toBe(1);
    expect(l.when('a')).toBe(1000);
    expect(l.numRequeues('a')).toBe(2);
    expect(defaultControllerRateLimiter<string>({ clock }).when('q')).toBe(5);
    expect(() => new BucketRateLimiter({ qps: 0, burst: 1 })).toThrow(/qps/);
    expect(() => new ItemExponentialRateLimiter({ baseMs: 10, maxMs: 1 })).toThrow(/baseMs/);
  });
});
