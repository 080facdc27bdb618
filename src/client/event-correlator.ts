/**
 * The event correlator of client-go (tools/record/events_cache.go), without I/O:
 * - spam filter: a token bucket per source+object (burst 25, one token per 5 minutes) drops floods;
 * - aggregator: more than 10 events that differ only in message for one source+object+type+reason
 *   within 10 minutes collapse into one "(combined from similar events): <message>" event;
 * - logger: an event equal to one recorded within 10 minutes (same source, object, type, reason
 *   and message) becomes a PATCH of that event's count and lastTimestamp instead of a new Event.
 */
import type { ObjectReference } from '../api/core/v1/object-reference.js';
import type { Clock } from '../util/index.js';

export type EventType = 'Normal' | 'Warning';

/** What a caller records. */
export interface RecordedEvent {
  involvedObject: ObjectReference;
  type: EventType;
  reason: string;
  message: string;
}

/** What to send: a new Event, or a patch of an earlier one. */
export type CorrelatedAction =
  | { action: 'create'; event: RecordedEvent; count: number; firstMs: number; lastMs: number; key: string }
  | { action: 'patch'; name: string; namespace: string; event: RecordedEvent; count: number; firstMs: number; lastMs: number; key: string }
  | { action: 'drop' };

interface LogEntry {
  count: number;
  firstMs: number;
  lastMs: number;
  name: string;
  namespace: string;
}

interface AggregateEntry {
  messages: Set<string>;
  lastMs: number;
}

interface Bucket {
  tokens: number;
  lastMs: number;
}

const WINDOW_MS = 10 * 60 * 1000;
const MAX_SIMILAR = 10;
const SPAM_BURST = 25;
const SPAM_REFILL_MS = 5 * 60 * 1000;
const CACHE_SIZE = 4096;

/** A Map used as an LRU of at most `max` entries. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(k: string): V | undefined {
    const v = this.map.get(k);
    if (v !== undefined) {
      this.map.delete(k);
      this.map.set(k, v);
    }
    return v;
  }
  set(k: string, v: V): void {
    this.map.delete(k);
    this.map.set(k, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
  delete(k: string): void {
    this.map.delete(k);
  }
}

function refKey(r: ObjectReference): string {
  return [r.kind, r.namespace, r.name, r.uid, r.apiVersion].map((x) => x ?? '').join('\u0000');
}

export class EventCorrelator {
  private readonly log = new Lru<LogEntry>(CACHE_SIZE);
  private readonly similar = new Lru<AggregateEntry>(CACHE_SIZE);
  private readonly spam = new Lru<Bucket>(CACHE_SIZE);

  constructor(
    private readonly source: string,
    private readonly clock: Clock,
  ) {}

  /** Decides what to do with `ev` and updates the caches as if it were sent. */
  correlate(ev: RecordedEvent): CorrelatedAction {
    const now = this.clock.now();
    const objKey = `${this.source}\u0000${refKey(ev.involvedObject)}`;
    if (!this.allow(objKey, now)) return { action: 'drop' };
    const { event, aggregated } = this.aggregate(ev, objKey, now);
    // Combined events share one key, so each new one patches the combined Event (message included).
    const key = `${objKey}\u0000${event.type}\u0000${event.reason}\u0000${aggregated ? '\u0001combined' : event.message}`;
    const prev = this.log.get(key);
    if (prev && now - prev.lastMs <= WINDOW_MS && prev.name) {
      prev.count++;
      prev.lastMs = now;
      return { action: 'patch', name: prev.name, namespace: prev.namespace, event, count: prev.count, firstMs: prev.firstMs, lastMs: now, key };
    }
    this.log.set(key, { count: 1, firstMs: now, lastMs: now, name: '', namespace: '' });
    return { action: 'create', event, count: 1, firstMs: now, lastMs: now, key };
  }

  /**
   * Records the Event a create made (its name, count and first time), so that repeats patch
   * it. Also used after a patch answered 404 and a fresh Event replaced the vanished one.
   */
  created(key: string, ev: { name: string; namespace: string; count: number; firstMs: number }): void {
    const e = this.log.get(key);
    const lastMs = e?.lastMs ?? this.clock.now();
    this.log.set(key, { ...ev, lastMs: Math.max(lastMs, ev.firstMs) });
  }

  private allow(objKey: string, now: number): boolean {
    let b = this.spam.get(objKey);
    if (!b) b = { tokens: SPAM_BURST, lastMs: now };
    b.tokens = Math.min(SPAM_BURST, b.tokens + (now - b.lastMs) / SPAM_REFILL_MS);
    b.lastMs = now;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.spam.set(objKey, b);
    return ok;
  }

  private aggregate(ev: RecordedEvent, objKey: string, now: number): { event: RecordedEvent; aggregated: boolean } {
    const key = `${objKey}\u0000${ev.type}\u0000${ev.reason}`;
    let a = this.similar.get(key);
    if (!a || now - a.lastMs > WINDOW_MS) a = { messages: new Set(), lastMs: now };
    if (a.messages.size <= MAX_SIMILAR) a.messages.add(ev.message); // 11 are enough to know
    a.lastMs = now;
    this.similar.set(key, a);
    if (a.messages.size <= MAX_SIMILAR) return { event: ev, aggregated: false };
    return { event: { ...ev, message: `(combined from similar events): ${ev.message}` }, aggregated: true };
  }
}
