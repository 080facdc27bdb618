/**
 * A bounded, revision-ordered ring buffer of events: the cache's recent history. Pushing onto
 * a full ring evicts the oldest event.
 */
export class EventRing<E extends { readonly revision: number }> {
  readonly capacity: number;
  #slots: (E | undefined)[];
  #start = 0;
  #size = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`event ring capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
    this.#slots = new Array<E | undefined>(capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** The i-th event from the oldest (0-based), or undefined out of range. */
  at(i: number): E | undefined {
    if (i < 0 || i >= this.#size) return undefined;
    return this.#slots[(this.#start + i) % this.capacity];
  }

  oldest(): E | undefined {
    return this.at(0);
  }

  newest(): E | undefined {
    return this.at(this.#size - 1);
  }

  /** Appends an event (revisions must not decrease); returns the event evicted to make room. */
  push(event: E): E | undefined {
    const last = this.newest();
    if (last !== undefined && event.revision < last.revision) {
      throw new RangeError(`event revision ${event.revision} is older than the newest ${last.revision}`);
    }
    if (this.#size < this.capacity) {
      this.#slots[(this.#start + this.#size) % this.capacity] = event;
      this.#size++;
      return undefined;
    }
    const evicted = this.#slots[this.#start];
    this.#slots[this.#start] = event;
    this.#start = (this.#start + 1) % this.capacity;
    return evicted;
  }

  /** Every event with revision > `revision`, oldest first (a new array). */
  since(revision: number): E[] {
    let lo = 0;
    let hi = this.#size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.at(mid) as E).revision > revision) hi = mid;
      else lo = mid + 1;
    }
    const out: E[] = [];
    for (let i = lo; i < this.#size; i++) out.push(this.at(i) as E);
    return out;
  }

  clear(): void {
    this.#slots = new Array<E | undefined>(this.capacity);
    this.#start = 0;
    this.#size = 0;
  }
}
