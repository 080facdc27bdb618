/**
 * The allocator core shared by ClusterIPs and NodePorts. The store is the source of truth: one
 * key per allocated item (`<prefix><item>`), created with `create()`, which fails when the key
 * exists. That makes each item go to exactly one owner even when several apiservers share the
 * store, with no in-memory state to go stale. Release deletes the key.
 *
 * Dynamic allocation probes random free-looking values of the upper ("dynamic") band first, as
 * upstream's static-subrange split does, so user-chosen items in the lower band rarely collide.
 * After a bounded number of failed probes it lists the allocated keys once and walks the gaps.
 */
import { ConflictError, KeyExistsError, KeyNotFoundError, type Backend } from '../../storage/index.js';
import { compareBigint, cryptoRandomBelow, freeValues, type RandomBelow, type Segment } from './candidates.js';
import { AlreadyAllocatedError, InvalidItemError, NotInRangeError, RangeFullError } from './errors.js';
import type { ItemSpace, StoredAllocation } from './item-space.js';
import { checkOwner, decodeRecord, encodeRecord, type Owner } from './record.js';
import { repairAllocations, type RepairOptions, type RepairReport } from './repair.js';

export interface StoreAllocatorOptions {
  /** Random source (tests make it deterministic). Default: node:crypto. */
  random?: RandomBelow;
  /** Clock for the allocation timestamp. */
  now?: () => Date;
  /** Random probes before falling back to a scan. Default 16. */
  probes?: number;
}

export interface AllocateOptions {
  /** Check and choose without recording anything (for dry-run requests). */
  dryRun?: boolean;
}

export interface ReleaseOptions {
  /** Release only if the item is held by this owner uid (so a stale release never frees another's item). */
  uid?: string;
}

const PAGE_SIZE = 500;
const MAX_CAS_ATTEMPTS = 5;

export abstract class StoreAllocator<T, Live extends Owner> {
  private readonly random: RandomBelow;
  private readonly probes: number;
  /** @internal the clock, shared with repair */
  readonly now: () => Date;

  protected constructor(
    /** @internal */ readonly backend: Backend,
    /** @internal */ readonly space: ItemSpace<T>,
    opts: StoreAllocatorOptions = {},
  ) {
    this.random = opts.random ?? cryptoRandomBelow;
    this.now = opts.now ?? (() => new Date());
    this.probes = Math.max(0, Math.floor(opts.probes ?? 16));
  }

  /** The items a live owner holds, as given to `repair`. */
  protected abstract itemsOf(live: Live): readonly unknown[];

  /** Allocates a free item to `owner`. Throws RangeFullError when none is left. */
  async allocate(owner: Owner, opts: AllocateOptions = {}): Promise<T> {
    const who = checkOwner(owner);
    const claim = opts.dryRun ? (v: bigint) => this.isFree(v) : (v: bigint) => this.tryCreate(v, who);
    const { first, last, dynamicFirst, reserved } = this.space;
    const band = dynamicFirst <= last ? { lo: dynamicFirst, hi: last } : { lo: first, hi: last };
    for (let i = 0; i < this.probes; i++) {
      const v = band.lo + this.random(band.hi - band.lo + 1n);
      if (!reserved.includes(v) && (await claim(v))) return this.space.toItem(v);
    }
    const used = await this.usedValues();
    const segments: Segment[] = [band];
    if (band.lo > first) segments.push({ lo: first, hi: band.lo - 1n });
    for (const v of freeValues(used, segments, this.random)) {
      if (await claim(v)) return this.space.toItem(v);
    }
    throw new RangeFullError(this.space.kind, this.space.rangeText);
  }

  /**
   * Allocates exactly `item` to `owner`. Succeeds without change if `owner` (same uid) already
   * holds it. Throws InvalidItemError, NotInRangeError or AlreadyAllocatedError.
   */
  async allocateSpecific(item: T, owner: Owner, opts: AllocateOptions = {}): Promise<T> {
    const who = checkOwner(owner);
    const value = this.inRangeValue(item);
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      if (!opts.dryRun && (await this.tryCreate(value, who))) return this.space.toItem(value);
      const current = await this.read(value);
      if (!current) {
        if (opts.dryRun) return this.space.toItem(value);
        continue; // released between our create and read: try again
      }
      if (current.record?.owner.uid === who.uid) return this.space.toItem(value);
      throw new AlreadyAllocatedError(this.space.kind, this.space.format(value), current.record?.owner ?? null);
    }
    throw new Error(`allocation of ${this.space.kind} ${this.space.format(value)} kept racing; try again`);
  }

  /**
   * Frees `item`. Returns false when it was not allocated (or, with `uid`, held by another
   * owner). Items outside the range are freed too, so a narrowed range does not strand them.
   */
  async release(item: T, opts: ReleaseOptions = {}): Promise<boolean> {
    const value = this.familyValue(item);
    if (value === null) return false;
    let lastConflict: unknown;
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const current = await this.read(value);
      if (!current) return false;
      if (opts.uid !== undefined && current.record?.owner.uid !== opts.uid) return false;
      try {
        await this.backend.delete(current.kv.key, current.kv.modRevision);
        return true;
      } catch (err) {
        if (err instanceof KeyNotFoundError) return false;
        if (!(err instanceof ConflictError)) throw err;
        lastConflict = err;
      }
    }
    throw lastConflict;
  }

  /** Whether `item` is allocated. */
  async has(item: T): Promise<boolean> {
    const value = this.familyValue(item);
    return value !== null && (await this.backend.get(this.keyOf(value))) !== null;
  }

  /** Who holds `item`, or null when it is free (or its record is unreadable). */
  async ownerOf(item: T): Promise<Owner | null> {
    const value = this.familyValue(item);
    if (value === null) return null;
    return (await this.read(value))?.record?.owner ?? null;
  }

  /** Whether `item` is well-formed and inside the allocatable range. Never throws. */
  contains(item: T): boolean {
    const c = this.space.classify(item);
    return 'value' in c && c.value >= this.space.first && c.value <= this.space.last;
  }

  /**
   * Makes the store agree with the live owners (run at apiserver start, and periodically):
   * deletes allocations no live owner holds and records items live owners hold but the store
   * lacks. See `repairAllocations` for the rules.
   */
  async repair(live: Iterable<Live>, opts: RepairOptions = {}): Promise<RepairReport> {
    const held = [...live].map((l) => ({ owner: l, items: this.itemsOf(l) }));
    return repairAllocations(this, held, opts);
  }

  /** @internal Every allocation of this space's family in the store, in or out of range. */
  async *stored(): AsyncGenerator<StoredAllocation> {
    const { prefix } = this.space;
    let token: string | undefined;
    do {
      const page = await this.backend.list(prefix, { limit: PAGE_SIZE, continue: token });
      for (const kv of page.items) {
        const value = this.space.parseKey(kv.key.slice(prefix.length));
        if (value !== null) yield { value, kv, record: decodeRecord(kv.value) };
      }
      token = page.continue;
    } while (token);
  }

  /** @internal */
  keyOf(value: bigint): string {
    return this.space.prefix + this.space.format(value);
  }

  /** @internal The stored value for a new record of `value` held by `owner`. */
  encode(value: bigint, owner: Owner): string {
    return encodeRecord(this.space.format(value), owner, this.now());
  }

  private async read(value: bigint): Promise<StoredAllocation | null> {
    const kv = await this.backend.get(this.keyOf(value));
    return kv ? { value, kv, record: decodeRecord(kv.value) } : null;
  }

  private async isFree(value: bigint): Promise<boolean> {
    return (await this.backend.get(this.keyOf(value))) === null;
  }

  /** Records `value` for `owner`; false if someone holds it already. */
  private async tryCreate(value: bigint, owner: Owner): Promise<boolean> {
    try {
      await this.backend.create(this.keyOf(value), this.encode(value, owner));
      return true;
    } catch (err) {
      if (err instanceof KeyExistsError) return false;
      throw err;
    }
  }

  /** Allocated values inside the range plus the reserved ones, sorted and de-duplicated. */
  private async usedValues(): Promise<bigint[]> {
    const { first, last, reserved } = this.space;
    const used = [...reserved];
    for await (const { value } of this.stored()) {
      if (value >= first && value <= last) used.push(value);
    }
    used.sort(compareBigint);
    return used.filter((v, i) => i === 0 || v !== used[i - 1]);
  }

  /** The value of a well-formed item of this family (null for another family); throws if malformed. */
  private familyValue(item: T): bigint | null {
    const c = this.space.classify(item);
    if ('value' in c) return c.value;
    if (c.error === 'invalid') throw new InvalidItemError(this.space.kind, String(item));
    return null;
  }

  private inRangeValue(item: T): bigint {
    const value = this.familyValue(item);
    if (value === null || value < this.space.first || value > this.space.last) {
      const text = value === null ? String(item) : this.space.format(value);
      throw new NotInRangeError(this.space.kind, text, this.space.rangeText);
    }
    return value;
  }
}
