import { describe, expect, it } from 'vitest';
import { childController, isAbortError, sleep } from './abort.js';
import { FakeClock } from './clock.js';

describe('sleep', () => {
  it('resolves true after the delay and false when aborted', async () => {
    const clock = new FakeClock();
    const p = sleep(100, { clock });
    clock.advance(100);
    expect(await p).toBe(true);
    const ac = new AbortController();
    const q = sleep(100, { clock, signal: ac.signal });
    ac.abort();
    expect(await q).toBe(false);
    expect(clock.pending()).toBe(0);
    expect(await sleep(5, { signal: ac.signal })).toBe(false);
  });
});

describe('childController', () => {
  it('follows its parent and detaches on dispose', () => {
    const parent = new AbortController();
    const child = childController(parent.signal);
    parent.abort('why');
    expect(child.signal.aborted).toBe(true);
    expect(child.signal.reason).toBe('why');
    const p2 = new AbortController();
    const c2 = childController(p2.signal);
    c2.dispose();
    p2.abort();
    expect(c2.signal.aborted).toBe(false);
    expect(childController().signal.aborted).toBe(false);
  });

  it('isAbortError recognises abort errors', () => {
    const e = new Error('x');
    e.name = 'AbortError';
    expect(isAbortError(e)).toBe(true);
    expect(isAbortError(new Error('y'))).toBe(false);
  });
});
