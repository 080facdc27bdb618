import { describe, expect, it } from 'vitest';
import type { KeyValue, WatchEvent } from '../../storage/backend.js';
import { CompactedError } from '../../storage/errors.js';
import { FakeBackend } from './fake-backend.js';
import { backoffDelay, runReflector, type ReflectorSink } from './reflector.js';
import { eventually } from './testing.js';

class RecordingSink implements ReflectorSink {
  rev = 0;
  lists: number[] = [];
  events: number[] = [];
  revision(): number {
    return this.rev;
  }
  replace(items: KeyValue[], revision: number): void {
    this.lists.push(items.length);
    this.rev = revision;
  }
  apply(event: WatchEvent): void {
    this.events.push(event.revision);
    this.rev = event.revision;
  }
}

describe('runReflector', () => {
  it('lists, watches, and re-lists when the backend compacted past it', async () => {
    const backend = new FakeBackend();
    backend.put('/r/a', '1');
    const sink = new RecordingSink();
    const ac = new AbortController();
    const errors: Error[] = [];
    const done = runReflector(sink, {
      backend,
      listPrefix: '/r/',
      watchPrefix: '/r/',
      pageSize: 10,
      retry: { initialDelayMs: 1, maxDelayMs: 2 },
      signal: ac.signal,
      onError: (err) => errors.push(err),
    });
    await eventually(() => sink.lists.length === 1 && backend.activeWatches === 1);
    backend.put('/r/b', '2');
    await eventually(() => sink.events.length === 1);
    backend.interceptWatch = () => new Error('down');
    backend.dropWatches();
    backend.put('/r/c', '3');
    await backend.compact(3);
    backend.interceptWatch = undefined;
    await eventually(() => sink.lists.length === 2);
    expect(sink.lists).toEqual([1, 3]);
    expect(sink.rev).toBe(3);
    expect(errors.some((e) => e instanceof CompactedError)).toBe(true);
    ac.abort();
    await done;
    expect(backend.activeWatches).toBe(0);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially within 80-100% of the step, and is capped', () => {
    for (let i = 0; i < 50; i++) {
      const first = backoffDelay(1, 100, 5_000);
      expect(first).toBeGreaterThanOrEqual(80);
      expect(first).toBeLessThanOrEqual(100);
      const third = backoffDelay(3, 100, 5_000);
      expect(third).toBeGreaterThanOrEqual(320);
      expect(third).toBeLessThanOrEqual(400);
      expect(backoffDelay(1_000, 100, 5_000)).toBeLessThanOrEqual(5_000);
    }
  });
});
