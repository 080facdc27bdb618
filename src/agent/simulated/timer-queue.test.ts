import { describe, it, expect } from 'vitest';
import { FakeClock } from '../../util/index.js';
import { Limiter } from './limiter.js';
import { TimerQueue } from './timer-queue.js';

describe('TimerQueue', () => {
  it('delivers keys in time order, batching those within the slack, with one clock timer', () => {
    const clock = new FakeClock(0);
    const batches: string[][] = [];
    const q = new TimerQueue<string>({ clock, slackMs: 10, onDue: (keys) => batches.push(keys) });
    q.schedule('c', 300);
    q.schedule('a', 100);
    q.schedule('b', 105);
    expect(clock.pending()).toBe(1);
    clock.advance(99);
    expect(batches).toEqual([]);
    clock.advance(1);
    expect(batches).toEqual([['a', 'b']]);
    clock.advance(200);
    expect(batches).toEqual([['a', 'b'], ['c']]);
    expect(q.size).toBe(0);
    expect(clock.pending()).toBe(0);
  });

  it('reschedules and cancels keys', () => {
    const clock = new FakeClock(0);
    const seen: string[] = [];
    const q = new TimerQueue<string>({ clock, slackMs: 0, onDue: (keys) => seen.push(...keys) });
    q.schedule('a', 100);
    q.schedule('a', 50);
    q.schedule('b', 60);
    q.cancel('b');
    q.scheduleEarliest('c', 70);
    q.scheduleEarliest('c', 500);
    expect(q.dueAt('c')).toBe(70);
    clock.advance(1000);
    expect(seen).toEqual(['a', 'c']);
  });

  it('lets handlers schedule again and survives a throwing handler', () => {
    const clock = new FakeClock(0);
    const logs: string[] = [];
    let n = 0;
    const q = new TimerQueue<string>({
      clock,
      slackMs: 0,
      log: (l) => logs.push(l),
      onDue: () => {
        n++;
        if (n < 3) q.schedule('tick', clock.now() + 10);
        else throw new Error('boom');
      },
    });
    q.schedule('tick', 10);
    clock.advance(100);
    expect(n).toBe(3);
    expect(logs).toEqual(['timer queue: handler failed: Error: boom']);
    q.stop();
    q.schedule('late', 200);
    clock.advance(500);
    expect(n).toBe(3);
  });
});

describe('Limiter', () => {
  it('bounds concurrency and serves high priority first', async () => {
    const lim = new Limiter(1);
    const order: string[] = [];
    let release!: () => void;
    const first = lim.run(() => new Promise<void>((r) => (release = r)).then(() => void order.push('first')));
    const normal = lim.run(async () => void order.push('normal'));
    const high = lim.run(async () => void order.push('high'), 'high');
    expect(lim.running).toBe(1);
    expect(lim.waiting).toBe(2);
    release();
    await Promise.all([first, normal, high]);
    expect(order).toEqual(['first', 'high', 'normal']);
  });

  it('passes results and errors through', async () => {
    const lim = new Limiter(2);
    await expect(lim.run(async () => 7)).resolves.toBe(7);
    await expect(lim.run(async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await expect(lim.run(() => { throw new Error('sync'); })).rejects.toThrow('sync');
    expect(lim.running).toBe(0);
    expect(() => new Limiter(0)).toThrow('positive integer');
  });
});
