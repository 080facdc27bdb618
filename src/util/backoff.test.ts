import { describe, expect, it } from 'vitest';
import { Backoff, exponentialDelay } from './backoff.js';

describe('Backoff', () => {
  it('doubles up to the cap, adds bounded jitter, and resets', () => {
    const b = new Backoff({ initialMs: 100, maxMs: 1000, jitter: 0 });
    expect([b.next(), b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([100, 200, 400, 800, 1000, 1000]);
    b.reset();
    expect(b.next()).toBe(100);
    const j = new Backoff({ initialMs: 100, jitter: 0.5, random: () => 0.999 });
    const d = j.next();
    expect(d).toBeGreaterThan(100);
    expect(d).toBeLessThan(150);
  });

  it('exponentialDelay caps large exponents', () => {
    expect(exponentialDelay(0, { baseMs: 5, maxMs: 1000 })).toBe(5);
    expect(exponentialDelay(3, { baseMs: 5, maxMs: 1000 })).toBe(40);
    expect(exponentialDelay(10_000, { baseMs: 5, maxMs: 1000 })).toBe(1000);
  });
});
