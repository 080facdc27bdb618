/**
 * In-process fan-out of committed events to watchers. Publishing is synchronous and O(watchers):
 * each watcher has its own bounded EventQueue, and one that is full is dropped, never waited for.
 */
import type { WatchEvent } from '../backend.js';
import { EventQueue } from '../event-queue.js';

export interface Subscription {
  readonly queue: EventQueue;
  close(): void;
}

interface Subscriber {
  prefix: string;
  queue: EventQueue;
}

export class Broadcaster {
  private readonly subscribers = new Set<Subscriber>();

  /** Starts receiving every event published from now on whose key starts with `prefix`. */
  subscribe(prefix: string, capacity: number): Subscription {
    const subscriber: Subscriber = { prefix, queue: new EventQueue(capacity) };
    this.subscribers.add(subscriber);
    return {
      queue: subscriber.queue,
      close: () => {
        this.subscribers.delete(subscriber);
        subscriber.queue.end();
      },
    };
  }

  get size(): number {
    return this.subscribers.size;
  }

  /** Delivers events (in revision order) to the matching subscribers. */
  publish(events: readonly WatchEvent[]): void {
    for (const subscriber of this.subscribers) {
      const { prefix, queue } = subscriber;
      for (const event of events) {
        if (!event.kv.key.startsWith(prefix)) continue;
        if (!queue.push(event)) {
          // Overflowed (or already closed): it will see WatchDroppedError and may resume.
          this.subscribers.delete(subscriber);
          break;
        }
      }
    }
  }

  /** Ends every subscription with `error` (the backend is closing). */
  closeAll(error: Error): void {
    for (const subscriber of this.subscribers) subscriber.queue.fail(error);
    this.subscribers.clear();
  }
}
