/**
 * One Backend watch on etcd: an etcd3 watcher from fromRevision + 1 feeding a bounded
 * EventQueue. The etcd3 client re-attaches watchers after a broken stream, but from the
 * revision in the last response header, which can skip events that were not delivered yet; so
 * on every disconnect we rewind the watcher's start to the last event we pushed, and drop
 * duplicates by revision.
 */
import type { Etcd3, IWatchResponse, Watcher } from 'etcd3';
import type { WatchEvent } from '../backend.js';
import { CompactedError, StorageError } from '../errors.js';
import { drainQueue, EventQueue } from '../event-queue.js';
import type { KeySpace } from './convert.js';
import { translate } from './errors.js';

export interface EtcdWatchContext {
  client: Etcd3;
  keys: KeySpace;
  capacity: number;
  /** Whether history after `revision` has been compacted, and up to where. */
  compactedAfter(revision: number): Promise<number | null>;
  /** Registers a cleanup to run if the backend closes first; returns the unregister function. */
  track(stop: (error: Error) => void): () => void;
}

export async function* watchEtcd(
  ctx: EtcdWatchContext,
  range: { start: string; end: string | null },
  from: number,
  signal: AbortSignal,
): AsyncGenerator<WatchEvent> {
  const queue = new EventQueue(ctx.capacity);
  let pushed = from;
  let watcher: Watcher | null = null;

  const stop = (): void => {
    const w = watcher;
    watcher = null;
    void w?.cancel().catch(() => undefined);
  };
  const onData = (res: IWatchResponse): void => {
    const events: WatchEvent[] = [];
    for (const ev of res.events) {
      const event = ctx.keys.eventOf(ev.type, ev.kv, ev.prev_kv);
      if (event.revision <= pushed) continue;
      pushed = event.revision;
      events.push(event);
    }
    if (events.length > 0 && !queue.pushBatch(events)) stop();
  };
  const onError = async (error: unknown): Promise<void> => {
    stop();
    const compacted = await ctx.compactedAfter(pushed).catch(() => null);
    queue.fail(compacted !== null ? new CompactedError(pushed, compacted) : await translate(error));
  };

  const untrack = ctx.track((error) => {
    stop();
    queue.fail(error);
  });
  try {
    if (signal.aborted) return;
    const w = ctx.client
      .watch()
      .inRange({ start: ctx.keys.toEtcd(range.start), end: ctx.keys.rangeEnd(range.end) })
      .startRevision(String(from + 1))
      .withPreviousKV()
      .watcher();
    watcher = w;
    w.on('data', onData);
    w.on('disconnected', () => {
      w.request.start_revision = pushed + 1;
    });
    w.on('error', (error) => void onError(error));
    yield* drainQueue(queue, from, signal);
  } finally {
    untrack();
    stop();
  }
}

/** The error a watch sees when its backend closes. */
export function closedError(location: string): StorageError {
  return new StorageError(`store ${location} is closed`);
}
