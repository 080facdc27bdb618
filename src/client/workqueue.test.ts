import { describe, expect, it } from 'vitest';
import { FakeClock } from '../util/index.js';
import { ItemExponentialRateLimiter } from './rate-limiter.js';
import { WorkQueue } from './workqueue.js';

describe('WorkQueue', () => {
  it('dedups keys that wait in the queue and keeps FIFO order', async () => {
    const q = new WorkQueue<string>();
    q.add('a');
    q.add('b');
    q.add('a');
    expect(q.len()).toBe(2);
    expect(await q.get()).toBe('a');
    expect(await q.get()).toBe('b');
    expect(q.len()).toBe(0);
  });

  it('hands a key to one worker at a time and requeues it after done when re-added', async () => {
    const q = new WorkQueue<string>();
    q.add('k');
    const k = await q.get();
    q.add('k'); // while processing
    q.add('k');
    expect(q.len()).toBe(0); // not handed to a second worker
    let second: string | undefined;
    void q.get().then((v) => (second = v));
    await Promise.resolve();
    expect(second).toBeUndefined();
    q.done(k!);
    await Promise.resolve();
    expect(second).toBe('k');
    q.done('k');
    expect(q.len()).toBe(0);
    q.done('never-got'); // harmless
  });

  it('wakes waiting getters in order, and shutDown resolves them undefined', async () => {
    const q = new WorkQueue<string>();
    const g1 = q.get();
    const g2 = q.get();
    q.add('x');
    expect(await g1).toBe('x');
    q.shutDown();
    expect(await g2).toBeUndefined();
    expect(await q.get()).toBeUndefined();
    q.add('y');
    expect(q.len()).toBe(0);
    expect(q.shuttingDown()).toBe(true);
  });

  it('addAfter delays a key; the earliest pending time wins', async () => {
    const clock = new FakeClock();
    const q = new WorkQueue<string>({ clock });
    q.addAfter('a', 100);
    q.addAfter('a', 50);
    q.addAfter('a', 500);
    q.addAfter('now', 0);
    expect(q.len()).toBe(1);
    expect(await q.get()).toBe('now');
    clock.advance(49);
    expect(q.len()).toBe(0);
    clock.advance(1);
    expect(q.len()).toBe(1);
    expect(await q.get()).toBe('a');
    clock.advance(1000);
    expect(q.len()).toBe(0); // the later timers were replaced, not added
    q.addAfter('late', 10);
    q.shutDown();
    expect(clock.pending()).toBe(0);
  });

  it('addRateLimited backs off exponentially per key until forget', async () => {
    const clock = new FakeClock();
    const q = new WorkQueue<string>({ clock, rateLimiter: new ItemExponentialRateLimiter({ baseMs: 5, maxMs: 1000 }) });
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      const before = clock.now();
      q.addRateLimited('k');
      let waited = 0;
      while (q.len() === 0 && waited < 5000) {
        clock.advance(1);
        waited++;
      }
      delays.push(clock.now() - before);
      q.done((await q.get())!);
    }
    expect(delays).toEqual([5, 10, 20, 40, 80, 160, 320, 640, 1000, 1000]);
    expect(q.numRequeues('k')).toBe(10);
    q.forget('k');
    expect(q.numRequeues('k')).toBe(0);
  });

  it('the default limiter combines per-key backoff with an overall token bucket', () => {
    const clock = new FakeClock();
    const q = new WorkQueue<number>({ clock });
    // 100 distinct keys fit in the burst and are ready after 5 ms; the next ones wait for tokens (10/s).
    for (let i = 0; i < 110; i++) q.addRateLimited(i);
    clock.advance(5);
    expect(q.len()).toBe(100);
    clock.advance(95);
    expect(q.len()).toBe(101);
    clock.advance(900);
    expect(q.len()).toBe(110);
  });
});
