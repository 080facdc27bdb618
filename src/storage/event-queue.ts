/**
 * A bounded buffer between one event producer (a broadcaster, an etcd watcher) and one watch
 * consumer. The producer never waits: when the buffer is full the queue overflows, drops what
 * it holds, and the consumer gets WatchDroppedError carrying the last revision it received.
 */
import type { WatchEvent } from './backend.js';
import { WatchDroppedError } from './errors.js';

/** Default number of undelivered events a watcher may hold before it is dropped. */
export const DEFAULT_WATCH_BUFFER = 10_000;

export class EventQueue {
  private items: WatchEvent[] = [];
  private failure: Error | null = null;
  private overflowed = false;
  private ended = false;
  private wake: (() => void) | null = null;

  constructor(readonly capacity: number = DEFAULT_WATCH_BUFFER) {}

  /** Whether the queue still takes events (it has not ended, failed or overflowed). */
  get open(): boolean {
    return !this.ended && !this.failure && !this.overflowed;
  }

  /** Adds an event; returns false if the queue is closed or has just overflowed. */
  push(event: WatchEvent): boolean {
    if (!this.open) return false;
    if (this.items.length >= this.capacity) {
      this.overflowed = true;
      this.items = [];
      this.notify();
      return false;
    }
    this.items.push(event);
    this.notify();
    return true;
  }

  /**
   * Adds a batch that arrived as one unit (one etcd watch response, at most about a thousand
   * revisions): it overflows only if the events already waiting fill the buffer, so a consumer
   * that keeps up is never dropped because of one large response.
   */
  pushBatch(events: readonly WatchEvent[]): boolean {
    if (!this.open) return false;
    if (this.items.length >= this.capacity) return this.push(events[0]!);
    this.items.push(...events);
    if (events.length > 0) this.notify();
    return true;
  }

  /** Ends the stream with an error, after the events already buffered. */
  fail(error: Error): void {
    if (!this.open) return;
    this.failure = error;
    this.notify();
  }

  /** Ends the stream normally, after the events already buffered. */
  end(): void {
    this.ended = true;
    this.notify();
  }

  /**
   * Every buffered event at once, waiting for one if none is buffered. Returns null when the
   * stream ended or `signal` aborted (call `interrupt()` on abort to wake a waiting take);
   * throws the failure, or WatchDroppedError(lastRevision) after an overflow.
   */
  async take(signal: AbortSignal, lastRevision: number): Promise<WatchEvent[] | null> {
    for (;;) {
      if (signal.aborted) return null;
      if (this.overflowed) throw new WatchDroppedError(lastRevision);
      if (this.items.length > 0) {
        const batch = this.items;
        this.items = [];
        return batch;
      }
      if (this.failure) throw this.failure;
      if (this.ended) return null;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Wakes a waiting take() so that it sees an aborted signal. */
  interrupt(): void {
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

/**
 * Yields the queue's events with revision > `after`, in order, skipping duplicates, until the
 * queue ends or `signal` aborts.
 */
export async function* drainQueue(
  queue: EventQueue,
  after: number,
  signal: AbortSignal,
): AsyncGenerator<WatchEvent, void, undefined> {
  let last = after;
  const onAbort = (): void => queue.interrupt();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      const batch = await queue.take(signal, last);
      if (!batch) return;
      for (const event of batch) {
        if (event.revision <= last) continue;
        last = event.revision;
        yield event;
        if (signal.aborted) return;
      }
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
