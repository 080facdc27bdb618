/** Watch delivery: how fast committed events reach 1 or many watchers. */
import type { Backend } from '../../src/storage/index.js';
import { runLoadSamples } from './measure.js';

export interface WatchResult {
  /** Events per second reaching each watcher (events / time until the last watcher had all). */
  perWatcher: number;
  /** perWatcher x watchers. */
  total: number;
  events: number;
}

/** Reads a watch until the event for key `last` arrives; returns how many events it saw. */
async function consume(b: Backend, prefix: string, from: number, last: string): Promise<number> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 120_000);
  let n = 0;
  try {
    for await (const event of b.watch(prefix, from, controller.signal)) {
      n++;
      if (event.kv.key === last) return n;
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  throw new Error(`watch ended after ${n} events without reaching ${last}`);
}

/**
 * Live delivery: `watchers` watch a fresh prefix while creates are written with `inFlight`
 * outstanding for up to `maxEvents` / `maxMs`, then one last marker key; the clock runs from the
 * first write until every watcher has seen the marker.
 */
export async function liveWatch(
  b: Backend,
  prefix: string,
  opts: { watchers: number; maxEvents: number; maxMs: number; inFlight: number; value: string },
): Promise<WatchResult> {
  const from = await b.currentRevision();
  const marker = `${prefix}~marker`;
  const began = performance.now();
  const all = Promise.all(Array.from({ length: opts.watchers }, () => consume(b, prefix, from, marker)));
  await runLoadSamples(opts.inFlight, (i) => b.create(`${prefix}${i}`, opts.value), {
    maxOps: opts.maxEvents,
    maxMs: opts.maxMs,
  });
  await b.create(marker, 'done');
  const counts = await all;
  const perWatcher = (counts[0]! / (performance.now() - began)) * 1000;
  return { perWatcher, total: perWatcher * opts.watchers, events: counts[0]! };
}

/** Catch-up delivery: one watcher replays a prefix's stored history (written by liveWatch). */
export async function catchUpWatch(b: Backend, prefix: string, from: number): Promise<WatchResult> {
  const began = performance.now();
  const events = await consume(b, prefix, from, `${prefix}~marker`);
  const perWatcher = (events / (performance.now() - began)) * 1000;
  return { perWatcher, total: perWatcher, events };
}
