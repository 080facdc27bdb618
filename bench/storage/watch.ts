/** Watch delivery: how fast committed events reach 1 or many watchers. */
import type { Backend } from '../../src/storage/index.js';
import { runLoad } from './measure.js';

export interface WatchResult {
  /** Events per second reaching each watcher (events / time until the last watcher had all). */
  perWatcher: number;
  /** perWatcher x watchers. */
  total: number;
  events: number;
}

async function consume(b: Backend, prefix: string, from: number, count: number, signal: AbortSignal): Promise<void> {
  let n = 0;
  for await (const _ of b.watch(prefix, from, signal)) {
    if (++n >= count) return;
  }
  throw new Error(`watch ended after ${n} of ${count} events`);
}

/**
 * Live delivery: `watchers` watch a fresh prefix while `events` creates are written with
 * `inFlight` outstanding; the clock runs from the first write until every watcher has all.
 */
export async function liveWatch(
  b: Backend,
  prefix: string,
  opts: { watchers: number; events: number; inFlight: number; value: string },
): Promise<WatchResult> {
  const from = await b.currentRevision();
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), 60_000);
  const began = performance.now();
  const all = Promise.all(
    Array.from({ length: opts.watchers }, () => consume(b, prefix, from, opts.events, controller.signal)),
  );
  await runLoad(opts.inFlight, (i) => b.create(`${prefix}${i}`, opts.value), { maxOps: opts.events, maxMs: 60_000 });
  await all;
  clearTimeout(timeout);
  controller.abort();
  const perWatcher = (opts.events / (performance.now() - began)) * 1000;
  return { perWatcher, total: perWatcher * opts.watchers, events: opts.events };
}

/** Catch-up delivery: one watcher replays `events` already-stored events from the log. */
export async function catchUpWatch(b: Backend, prefix: string, from: number, events: number): Promise<WatchResult> {
  const controller = new AbortController();
  const began = performance.now();
  await consume(b, prefix, from, events, controller.signal);
  controller.abort();
  const perWatcher = (events / (performance.now() - began)) * 1000;
  return { perWatcher, total: perWatcher, events };
}
