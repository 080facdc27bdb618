/**
 * Test support only (not exported from index.ts): a small in-memory Backend with fault
 * injection, so the cache's tests can drop watches, make them fail, and compact history at
 * chosen moments.
 */
import type { Backend, KeyValue, ListOptions, ListResult, WatchEvent } from '../../storage/backend.js';
import {
  CompactedError,
  ConflictError,
  FutureRevisionError,
  KeyExistsError,
  KeyNotFoundError,
  WatchDroppedError,
} from '../../storage/errors.js';

interface ActiveWatch {
  dropped: boolean;
  wake: (() => void) | undefined;
}

export class FakeBackend implements Backend {
  /** Every write, in order: log[i] has revision i + 1. */
  readonly log: WatchEvent[] = [];
  #current = new Map<string, KeyValue>();
  #compacted = 0;
  #watches = new Set<ActiveWatch>();
  /** When set, each new watch fails at its first next() with the returned error, if any. */
  interceptWatch: ((prefix: string, fromRevision: number) => Error | undefined) | undefined;
  /** How many watches were opened. */
  watchCalls = 0;
  listCalls = 0;

  get activeWatches(): number {
    return this.#watches.size;
  }

  async get(key: string): Promise<KeyValue | null> {
    return this.#current.get(key) ?? null;
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    this.listCalls++;
    let revision = opts.revision || this.log.length;
    let after = '';
    if (opts.continue) {
      const token = JSON.parse(opts.continue) as { rev: number; after: string };
      revision = token.rev;
      after = token.after;
    }
    if (revision < this.#compacted) throw new CompactedError(revision, this.#compacted);
    if (revision > this.log.length) throw new FutureRevisionError(revision, this.log.length);
    const all = [...this.#stateAt(revision).values()]
      .filter((kv) => kv.key.startsWith(prefix) && kv.key > after)
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    const limit = opts.limit || all.length;
    const items = all.slice(0, limit);
    const result: ListResult = { items, revision };
    if (all.length > limit) {
      result.continue = JSON.stringify({ rev: revision, after: items[items.length - 1]?.key });
      result.remaining = all.length - limit;
    }
    return result;
  }

  async count(prefix: string): Promise<number> {
    return [...this.#current.keys()].filter((k) => k.startsWith(prefix)).length;
  }

  async create(key: string, value: string): Promise<KeyValue> {
    if (this.#current.has(key)) throw new KeyExistsError(key);
    return this.put(key, value);
  }

  async update(key: string, value: string, expectedModRevision: number): Promise<KeyValue> {
    const cur = this.#current.get(key) ?? null;
    if (cur === null || cur.modRevision !== expectedModRevision) {
      throw new ConflictError(key, expectedModRevision, cur);
    }
    return this.put(key, value);
  }

  async delete(key: string, expectedModRevision?: number): Promise<KeyValue> {
    const cur = this.#current.get(key);
    if (cur === undefined) throw new KeyNotFoundError(key);
    if (expectedModRevision !== undefined && cur.modRevision !== expectedModRevision) {
      throw new ConflictError(key, expectedModRevision, cur);
    }
    return this.del(key);
  }

  /** Creates or updates without checks (synchronous, for tests). */
  put(key: string, value: string): KeyValue {
    const prev = this.#current.get(key);
    const revision = this.log.length + 1;
    const kv: KeyValue = { key, value, createRevision: prev?.createRevision ?? revision, modRevision: revision };
    this.#current.set(key, kv);
    this.#record(prev ? { type: 'update', kv, prevKv: prev, revision } : { type: 'create', kv, revision });
    return kv;
  }

  /** Deletes without checks (synchronous, for tests). */
  del(key: string): KeyValue {
    const prev = this.#current.get(key);
    if (prev === undefined) throw new KeyNotFoundError(key);
    const revision = this.log.length + 1;
    const kv: KeyValue = { ...prev, modRevision: revision };
    this.#current.delete(key);
    this.#record({ type: 'delete', kv, prevKv: prev, revision });
    return kv;
  }

  async *watch(prefix: string, fromRevision: number, signal: AbortSignal): AsyncIterable<WatchEvent> {
    this.watchCalls++;
    const injected = this.interceptWatch?.(prefix, fromRevision);
    if (injected !== undefined) throw injected;
    if (fromRevision < this.#compacted) throw new CompactedError(fromRevision, this.#compacted);
    const watch: ActiveWatch = { dropped: false, wake: undefined };
    this.#watches.add(watch);
    let last = fromRevision;
    const onAbort = (): void => watch.wake?.();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      while (!signal.aborted) {
        if (watch.dropped) throw new WatchDroppedError(last);
        if (last < this.log.length) {
          const event = this.log[last] as WatchEvent;
          last = event.revision;
          if (event.kv.key.startsWith(prefix)) yield event;
          continue;
        }
        await new Promise<void>((resolve) => {
          watch.wake = resolve;
        });
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.#watches.delete(watch);
    }
  }

  /** Makes every open watch throw WatchDroppedError at its next step. */
  dropWatches(): void {
    for (const watch of this.#watches) {
      watch.dropped = true;
      watch.wake?.();
    }
  }

  async currentRevision(): Promise<number> {
    return this.log.length;
  }

  async compact(revision: number): Promise<void> {
    this.#compacted = Math.max(this.#compacted, Math.min(revision, this.log.length));
  }

  async compactedRevision(): Promise<number> {
    return this.#compacted;
  }

  async close(): Promise<void> {
    this.dropWatches();
  }

  #record(event: WatchEvent): void {
    this.log.push(event);
    for (const watch of this.#watches) watch.wake?.();
  }

  #stateAt(revision: number): Map<string, KeyValue> {
    if (revision === this.log.length) return this.#current;
    const state = new Map<string, KeyValue>();
    for (const event of this.log.slice(0, revision)) {
      if (event.type === 'delete') state.delete(event.kv.key);
      else state.set(event.kv.key, event.kv);
    }
    return state;
  }
}

/** A test object: what the tests' decoder makes of a stored JSON value. */
export interface TestObj {
  name: string;
  labels?: Record<string, string>;
  /** Stamped from the key-value's modRevision by `decodeTestObj`. */
  rv?: number;
}

export function decodeTestObj(kv: KeyValue): TestObj {
  return { ...(JSON.parse(kv.value) as TestObj), rv: kv.modRevision };
}

/** A key-value for unit tests. */
export function testKv(key: string, obj: TestObj, modRevision: number): KeyValue {
  return { key, value: JSON.stringify(obj), createRevision: modRevision, modRevision };
}
