import type { Backend, KeyValue, WatchEvent } from '../../storage/backend.js';
import { CompactedError, WatchDroppedError } from '../../storage/errors.js';

/** Where the reflector delivers what it reads. */
export interface ReflectorSink {
  /** The revision to resume watching after (the last revision applied). */
  revision(): number;
  /** A complete, consistent list of the prefix at `revision`. */
  replace(items: KeyValue[], revision: number): void;
  /** One backend event, in revision order. */
  apply(event: WatchEvent): void;
}

export interface RetryOptions {
  /** The first delay after a failure. Default 100 ms. */
  initialDelayMs?: number;
  /** The longest delay between attempts. Default 5 s. */
  maxDelayMs?: number;
  /** Consecutive failed watches (other than drops) before re-listing. Default 5. */
  maxWatchRetries?: number;
}

export interface ReflectorOptions {
  backend: Backend;
  /** The prefix to list. */
  listPrefix: string;
  /** The prefix to watch: `listPrefix` or a prefix of it. */
  watchPrefix: string;
  /** Items per backend list page. */
  pageSize: number;
  retry?: RetryOptions;
  /** Stops the loop (the promise then resolves). */
  signal: AbortSignal;
  /** Told about every failure the loop recovers from. */
  onError: (err: Error, phase: 'list' | 'watch') => void;
}

/**
 * The cache's feed, like client-go's reflector: list the prefix, watch from the list's
 * revision, and keep going until `signal` aborts.
 * - A dropped or broken watch resumes from the last applied revision, with capped
 *   exponential backoff; after `maxWatchRetries` failures in a row it re-lists instead.
 * - A CompactedError (history after our revision is gone) re-lists at once.
 * - A failed list is retried with backoff. The loop never gives up while not aborted.
 */
export async function runReflector(sink: ReflectorSink, opts: ReflectorOptions): Promise<void> {
  const { signal } = opts;
  const initialDelay = opts.retry?.initialDelayMs ?? 100;
  const maxDelay = opts.retry?.maxDelayMs ?? 5_000;
  const maxWatchRetries = opts.retry?.maxWatchRetries ?? 5;
  let needList = true;
  let failures = 0;
  while (!signal.aborted) {
    let phase: 'list' | 'watch' = needList ? 'list' : 'watch';
    try {
      if (needList) {
        const { items, revision } = await listAll(opts);
        if (signal.aborted) return;
        sink.replace(items, revision);
        needList = false;
        failures = 0;
      }
      phase = 'watch';
      for await (const event of opts.backend.watch(opts.watchPrefix, sink.revision(), signal)) {
        sink.apply(event);
        failures = 0;
      }
      if (signal.aborted) return;
      throw new Error(`the backend watch of ${opts.watchPrefix} ended unexpectedly`);
    } catch (err) {
      if (signal.aborted) return;
      const error = err instanceof Error ? err : new Error(String(err));
      opts.onError(error, phase);
      failures++;
      if (error instanceof CompactedError) {
        needList = true;
        // Re-list at once the first time; back off if lists keep hitting compaction.
        if (failures === 1) continue;
      }
      if (phase === 'watch' && !(error instanceof WatchDroppedError) && failures > maxWatchRetries) {
        needList = true;
      }
      await sleep(backoffDelay(failures, initialDelay, maxDelay), signal);
    }
  }
}

/** Reads every page of a list at one snapshot revision. */
async function listAll(opts: ReflectorOptions): Promise<{ items: KeyValue[]; revision: number }> {
  const items: KeyValue[] = [];
  let page = await opts.backend.list(opts.listPrefix, { limit: opts.pageSize });
  const revision = page.revision;
  items.push(...page.items);
  while (page.continue !== undefined && !opts.signal.aborted) {
    page = await opts.backend.list(opts.listPrefix, { limit: opts.pageSize, continue: page.continue });
    items.push(...page.items);
  }
  return { items, revision };
}

/** Exponential backoff with jitter: about initial·2^(n-1), capped at max. */
export function backoffDelay(failures: number, initialMs: number, maxMs: number): number {
  const exp = Math.min(maxMs, initialMs * 2 ** Math.min(30, Math.max(0, failures - 1)));
  return Math.round(exp * (0.8 + 0.2 * Math.random()));
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
