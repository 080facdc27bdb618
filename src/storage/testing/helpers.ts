/** Helpers shared by the storage conformance suite, driver tests and the benchmark. */
import type { Backend, WatchEvent } from '../backend.js';

/** Opens a fresh backend for one test; `watchBufferSize` is passed through. */
export type BackendFactory = (opts?: { watchBufferSize?: number }) => Promise<Backend>;

/** What each part of the conformance suite gets. */
export interface ConformanceContext {
  /** Opens a backend that is closed after the test. */
  open: BackendFactory;
}

export interface CollectOptions {
  /** Stop once an event at or above this revision arrived. */
  until?: number;
  /** Stop after this many events. */
  count?: number;
  /** Give up after this long (default 5 s) and return what arrived. */
  timeoutMs?: number;
}

/** Reads a watch until `until`/`count` is reached or time runs out. Rethrows watch errors. */
export async function collect(
  backend: Backend,
  prefix: string,
  from: number,
  opts: CollectOptions = {},
): Promise<WatchEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? 5000);
  const events: WatchEvent[] = [];
  try {
    for await (const event of backend.watch(prefix, from, controller.signal)) {
      events.push(event);
      if (opts.until !== undefined && event.revision >= opts.until) break;
      if (opts.count !== undefined && events.length >= opts.count) break;
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

/** The first error a watch raises (at its first next()), or null if it yields or ends first. */
export async function watchError(backend: Backend, prefix: string, from: number): Promise<unknown> {
  const controller = new AbortController();
  const iterator = backend.watch(prefix, from, controller.signal)[Symbol.asyncIterator]();
  const timer = setTimeout(() => controller.abort(), 3000);
  try {
    await iterator.next();
    return null;
  } catch (error) {
    return error;
  } finally {
    clearTimeout(timer);
    controller.abort();
    await iterator.return?.(undefined);
  }
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/** A short summary of events for comparisons: "type key@revision". */
export function summary(events: readonly WatchEvent[]): string[] {
  return events.map((e) => `${e.type} ${e.kv.key}@${e.revision}`);
}

/** A unique key prefix per test, so tests on one shared store do not see each other. */
export function uniquePrefix(label: string): string {
  uniqueCounter++;
  return `/t${process.pid}-${uniqueCounter}-${label}/`;
}
let uniqueCounter = 0;
