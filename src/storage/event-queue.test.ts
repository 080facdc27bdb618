import { describe, expect, it } from 'vitest';
import type { WatchEvent } from './backend.js';
import { StorageError, WatchDroppedError } from './errors.js';
import { drainQueue, EventQueue } from './event-queue.js';

function event(revision: number): WatchEvent {
  return { type: 'create', kv: { key: `/k${revision}`, value: '', createRevision: revision, modRevision: revision }, revision };
}

async function drained(queue: EventQueue, after: number, signal = new AbortController().signal) {
  const out: number[] = [];
  try {
    for await (const e of drainQueue(queue, after, signal)) out.push(e.revision);
  } catch (error) {
    return { out, error };
  }
  return { out, error: null };
}

describe('EventQueue', () => {
  it('delivers in order, skips revisions already seen, and ends', async () => {
    const q = new EventQueue(10);
    for (const r of [3, 4, 4, 5, 2, 6]) q.push(event(r));
    q.end();
    expect(await drained(q, 3)).toEqual({ out: [4, 5, 6], error: null });
  });

  it('overflows instead of growing, reporting the last revision consumed', async () => {
    const q = new EventQueue(3);
    expect([1, 2, 3].map((r) => q.push(event(r)))).toEqual([true, true, true]);
    expect(q.push(event(4))).toBe(false);
    expect(q.open).toBe(false);
    expect(q.push(event(5))).toBe(false);
    const { out, error } = await drained(q, 0);
    expect(out).toEqual([]);
    expect(error).toBeInstanceOf(WatchDroppedError);
    expect((error as WatchDroppedError).lastRevision).toBe(0);
  });

  it('accepts a whole batch unless the backlog is already full', () => {
    const q = new EventQueue(2);
    expect(q.pushBatch([event(1), event(2), event(3)])).toBe(true);
    expect(q.pushBatch([event(4)])).toBe(false);
    expect(q.open).toBe(false);
  });

  it('fails after the buffered events, and waits for new ones', async () => {
    const q = new EventQueue(10);
    const pending = drained(q, 0);
    q.push(event(1));
    await new Promise((r) => setTimeout(r, 5));
    q.push(event(2));
    q.fail(new StorageError('boom'));
    const { out, error } = await pending;
    expect(out).toEqual([1, 2]);
    expect((error as Error).message).toBe('boom');
  });

  it('stops waiting when the signal aborts', async () => {
    const q = new EventQueue(10);
    const controller = new AbortController();
    const pending = drained(q, 0, controller.signal);
    setTimeout(() => controller.abort(), 5);
    expect(await pending).toEqual({ out: [], error: null });
  });
});
