import type { KeyValue } from '../../storage/backend.js';
import type { StoredEvent } from './event.js';
import { SortedKeys } from './sorted-keys.js';

/** One cached object: its decoded value and the key-value it came from. */
export interface Entry<T> {
  readonly value: T;
  readonly kv: KeyValue;
  /** The synthetic ADDED event for this state, built once for watches from revision 0. */
  added?: StoredEvent<T>;
}

export interface PageQuery<T> {
  /** Only keys that start with this. */
  keyPrefix: string;
  /** Only keys >= this. */
  startKey?: string;
  filter?: (obj: T) => boolean;
  /** At most this many items; 0: all. */
  limit: number;
}

export interface Page<T> {
  items: T[];
  /** The key of the last item, present only when more matching items follow it. */
  lastKey?: string;
  /** How many keys in range follow this page (only without a filter, and only when more follow). */
  remaining?: number;
}

/**
 * The cache's current state: key → entry, plus the keys in sorted order so that lists come out
 * sorted by key and pages start with a binary search.
 */
export class CacheStore<T> {
  #entries = new Map<string, Entry<T>>();
  #keys = new SortedKeys();

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): Entry<T> | undefined {
    return this.#entries.get(key);
  }

  set(key: string, entry: Entry<T>): void {
    if (!this.#entries.has(key)) this.#keys.insert(key);
    this.#entries.set(key, entry);
  }

  delete(key: string): void {
    if (this.#entries.delete(key)) this.#keys.remove(key);
  }

  /** Replaces the whole state. */
  replace(entries: Map<string, Entry<T>>): void {
    this.#entries = entries;
    this.#keys = SortedKeys.from(entries.keys());
  }

  /** Every entry whose key starts with `keyPrefix`, in key order. */
  entriesUnder(keyPrefix: string): Entry<T>[] {
    const [start, end] = this.#keys.prefixRange(keyPrefix);
    const out: Entry<T>[] = [];
    for (let i = start; i < end; i++) out.push(this.#entryAt(i));
    return out;
  }

  /** One page of the objects in range that pass the filter, in key order. */
  page(query: PageQuery<T>): Page<T> {
    const [rangeStart, end] = this.#keys.prefixRange(query.keyPrefix);
    const start =
      query.startKey === undefined ? rangeStart : Math.max(rangeStart, this.#keys.lowerBound(query.startKey));
    const items: T[] = [];
    let lastIndex = -1;
    for (let i = start; i < end; i++) {
      const entry = this.#entryAt(i);
      if (query.filter && !query.filter(entry.value)) continue;
      if (query.limit > 0 && items.length === query.limit) {
        // Another matching item follows: this page is full and a continue token is due.
        const lastKey = this.#keys.at(lastIndex) as string;
        return query.filter ? { items, lastKey } : { items, lastKey, remaining: end - lastIndex - 1 };
      }
      items.push(entry.value);
      lastIndex = i;
    }
    return { items };
  }

  #entryAt(i: number): Entry<T> {
    return this.#entries.get(this.#keys.at(i) as string) as Entry<T>;
  }
}
