/**
 * A set of keys kept in sorted order (JavaScript string order), for paged, prefix-scoped
 * listing without sorting the whole cache on every request.
 */
export class SortedKeys {
  #keys: string[] = [];

  /** Builds the set from any iterable of distinct keys. */
  static from(keys: Iterable<string>): SortedKeys {
    const set = new SortedKeys();
    set.#keys = [...keys].sort(compareKeys);
    return set;
  }

  get length(): number {
    return this.#keys.length;
  }

  at(i: number): string | undefined {
    return this.#keys[i];
  }

  /** Adds a key if absent. */
  insert(key: string): void {
    const i = this.lowerBound(key);
    if (this.#keys[i] !== key) this.#keys.splice(i, 0, key);
  }

  /** Removes a key if present. */
  remove(key: string): void {
    const i = this.lowerBound(key);
    if (this.#keys[i] === key) this.#keys.splice(i, 1);
  }

  /** The index of the first key >= `key`. */
  lowerBound(key: string): number {
    return this.#search((k) => k < key);
  }

  /** The index of the first key > `key`. */
  upperBound(key: string): number {
    return this.#search((k) => k <= key);
  }

  /** The half-open index range [start, end) of the keys that start with `prefix`. */
  prefixRange(prefix: string): [number, number] {
    const start = this.lowerBound(prefix);
    // Keys below the prefix, then keys with the prefix, are a contiguous run in sorted order.
    const end = this.#search((k) => k < prefix || k.startsWith(prefix));
    return [start, end];
  }

  /** The first index whose key fails `before` (which must be true, then false, in order). */
  #search(before: (key: string) => boolean): number {
    let lo = 0;
    let hi = this.#keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this.#keys[mid] as string)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function compareKeys(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
