import { describe, expect, it } from 'vitest';
import { AutoCompactor, type Compactable } from './auto-compact.js';

function fakeStore(): Compactable & { current: number; compacted: number; calls: number[] } {
  const store = {
    current: 0,
    compacted: 0,
    calls: [] as number[],
    currentRevision: async () => store.current,
    compactedRevision: async () => store.compacted,
    compact: async (revision: number) => {
      store.calls.push(revision);
      store.compacted = revision;
    },
  };
  return store;
}

describe('AutoCompactor', () => {
  it('keeps at most keepRevisions of history', async () => {
    const store = fakeStore();
    let now = 0;
    const auto = new AutoCompactor(store, { keepRevisions: 100, keepMs: 1e12, now: () => now });
    store.current = 50;
    await auto.tick();
    expect(store.calls).toEqual([]);
    store.current = 1000;
    now += 1000;
    await auto.tick();
    expect(store.calls).toEqual([900]);
    await auto.tick();
    expect(store.calls).toEqual([900]);
  });

  it('keeps at most keepMs of history', async () => {
    const store = fakeStore();
    let now = 0;
    const auto = new AutoCompactor(store, { keepRevisions: 1e12, keepMs: 60_000, now: () => now });
    for (const [at, rev] of [[0, 10], [30_000, 20], [60_000, 30], [90_000, 40], [120_000, 50]] as const) {
      now = at;
      store.current = rev;
      await auto.tick();
    }
    // At 120 s the newest revision older than 60 s is the one sampled at 60 s.
    expect(store.calls).toEqual([10, 20, 30]);
  });

  it('reports failures and keeps going', async () => {
    const store = fakeStore();
    const errors: unknown[] = [];
    store.compact = async () => {
      throw new Error('disk on fire');
    };
    const auto = new AutoCompactor(store, { keepRevisions: 1, onError: (e) => errors.push(e) });
    store.current = 10;
    await auto.tick();
    await auto.tick();
    expect(errors).toHaveLength(2);
    await auto.stop();
  });

  it('runs on its timer until stopped', async () => {
    const store = fakeStore();
    store.current = 500;
    const auto = new AutoCompactor(store, { intervalMs: 5, keepRevisions: 100 });
    auto.start();
    for (let i = 0; i < 100 && store.calls.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    await auto.stop();
    expect(store.calls).toEqual([400]);
  });
});
