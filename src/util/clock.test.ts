import { describe, expect, it } from 'vitest';
import { FakeClock, realClock, safeDelay } from './clock.js';

describe('FakeClock', () => {
  it('fires due timers in time order, including ones set by callbacks inside the window', () => {
    const c = new FakeClock(1000);
    const fired: string[] = [];
    c.setTimeout(() => fired.push('b@30'), 30);
    c.setTimeout(() => {
      fired.push('a@10');
      c.setTimeout(() => fired.push('c@15'), 5);
    }, 10);
    const cancelled = c.setTimeout(() => fired.push('never'), 20);
    c.clearTimeout(cancelled);
    c.advance(25);
    expect(fired).toEqual(['a@10', 'c@15']);
    expect(c.now()).toBe(1025);
    c.advance(5);
    expect(fired).toEqual(['a@10', 'c@15', 'b@30']);
    expect(c.pending()).toBe(0);
  });
});

describe('realClock', () => {
  it('runs and cancels timers; delays are clamped', async () => {
    let ran = false;
    const h = realClock.setTimeout(() => (ran = true), 1);
    const h2 = realClock.setTimeout(() => {
      throw new Error('cancelled timer ran');
    }, 1);
    realClock.clearTimeout(h2);
    await new Promise((r) => setTimeout(r, 20));
    expect(ran).toBe(true);
    realClock.clearTimeout(h);
    expect([safeDelay(-5), safeDelay(NaN), safeDelay(10), safeDelay(Infinity), safeDelay(2 ** 40)]).toEqual([0, 0, 10, 2 ** 31 - 1, 2 ** 31 - 1]);
  });
});
