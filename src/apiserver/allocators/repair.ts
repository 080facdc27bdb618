/**
 * Repair: make the allocation records agree with the live owners (Services). A crash between an
 * allocation and the Service write leaks a record; a restore from backup or a lost release can
 * leave a Service holding an item the store does not record. Upstream runs the same kind of
 * repair loop at start and every few minutes.
 *
 * Rules, per item of the allocator's family (in range or not):
 * - recorded, and no live owner holds it: deleted (compare-and-swap on the listed revision) —
 *   unless its record is younger than `minAgeMs`, because another apiserver sharing the store
 *   may be between allocating it and writing its Service; those are reported as `pending`;
 * - recorded for an owner that does not hold it, while a live owner does: re-recorded for the
 *   live owner;
 * - held by a live owner but not recorded: recorded;
 * - held by several live owners (with different uids): reported in `conflicts`, left alone.
 * Items that are malformed are reported in `invalid`; items outside the range are still
 * recorded but reported in `outOfRange`. Items of another IP family are ignored.
 */
import { ConflictError, KeyExistsError, KeyNotFoundError, type Backend } from '../../storage/index.js';
import type { ItemSpace, StoredAllocation } from './item-space.js';
import { checkOwner, decodeRecord, type Owner } from './record.js';

export interface RepairOptions {
  /**
   * Orphaned records younger than this are kept for a later run. Default 60000 (one minute).
   * Pass 0 only when no other apiserver can be allocating (e.g. a single server at start).
   */
  minAgeMs?: number;
  /** Report what would change without writing. */
  dryRun?: boolean;
  signal?: AbortSignal;
}

export interface ItemOfOwner {
  item: string;
  owner: Owner;
}

export interface RepairReport {
  /** Leaked allocations that were deleted. */
  released: string[];
  /** Items live owners hold that were missing from the store and are now recorded. */
  recorded: string[];
  /** Records that named the wrong owner and now name the live one. */
  reassigned: string[];
  /** Orphaned records younger than `minAgeMs`, left for a later run. */
  pending: string[];
  /** Items held by more than one live owner (upstream reports these as events). */
  conflicts: { item: string; owners: Owner[] }[];
  /** Items live owners hold that lie outside the range (recorded all the same). */
  outOfRange: ItemOfOwner[];
  /** Items live owners hold that are not IPs / ports at all. */
  invalid: ItemOfOwner[];
}

export interface HeldItems {
  owner: Owner;
  items: readonly unknown[];
}

/** The parts of an allocator that repair works through. */
export interface RepairTarget {
  readonly backend: Backend;
  readonly space: ItemSpace<unknown>;
  now(): Date;
  stored(): AsyncIterable<StoredAllocation>;
  keyOf(value: bigint): string;
  encode(value: bigint, owner: Owner): string;
}

const DEFAULT_MIN_AGE_MS = 60_000;

/** Catches the storage errors that mean "someone else changed it meanwhile": the change is skipped. */
async function unlessRaced(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (err) {
    if (err instanceof ConflictError || err instanceof KeyNotFoundError || err instanceof KeyExistsError) return false;
    throw err;
  }
}

function emptyReport(): RepairReport {
  return { released: [], recorded: [], reassigned: [], pending: [], conflicts: [], outOfRange: [], invalid: [] };
}

/** Which live owners hold which values (owners de-duplicated by uid). */
function collectHeld(alloc: RepairTarget, held: readonly HeldItems[], report: RepairReport) {
  const { space } = alloc;
  const byValue = new Map<bigint, Owner[]>();
  for (const { owner: rawOwner, items } of held) {
    const owner = checkOwner(rawOwner);
    for (const item of items) {
      const c = space.classify(item);
      if (!('value' in c)) {
        if (c.error === 'invalid') report.invalid.push({ item: String(item), owner });
        continue;
      }
      if (c.value < space.first || c.value > space.last) {
        report.outOfRange.push({ item: space.format(c.value), owner });
      }
      const owners = byValue.get(c.value) ?? [];
      if (!owners.some((o) => o.uid === owner.uid)) owners.push(owner);
      byValue.set(c.value, owners);
    }
  }
  return byValue;
}

export async function repairAllocations(
  alloc: RepairTarget,
  held: readonly HeldItems[],
  opts: RepairOptions = {},
): Promise<RepairReport> {
  const report = emptyReport();
  const { space, backend } = alloc;
  const minAgeMs = opts.minAgeMs ?? DEFAULT_MIN_AGE_MS;
  const write = async (fn: () => Promise<unknown>) => opts.dryRun || unlessRaced(fn);
  const byValue = collectHeld(alloc, held, report);
  for (const [value, owners] of byValue) {
    if (owners.length > 1) report.conflicts.push({ item: space.format(value), owners });
  }

  const seen = new Set<bigint>();
  for await (const { value, kv, record } of alloc.stored()) {
    opts.signal?.throwIfAborted();
    const item = space.format(value);
    const owners = byValue.get(value);
    if (!owners) {
      const age = record ? alloc.now().getTime() - Date.parse(record.allocatedAt) : Infinity;
      if (age < minAgeMs) report.pending.push(item);
      else if (await write(() => backend.delete(kv.key, kv.modRevision))) report.released.push(item);
      continue;
    }
    seen.add(value);
    if (record && owners.some((o) => o.uid === record.owner.uid)) continue;
    if (await write(() => backend.update(kv.key, alloc.encode(value, owners[0]), kv.modRevision))) {
      report.reassigned.push(item);
    }
  }

  for (const [value, owners] of byValue) {
    opts.signal?.throwIfAborted();
    if (seen.has(value)) continue;
    const item = space.format(value);
    if (await write(() => backend.create(alloc.keyOf(value), alloc.encode(value, owners[0])))) {
      report.recorded.push(item);
      continue;
    }
    // Allocated to someone else between our list and create: two holders now.
    const current = await backend.get(alloc.keyOf(value));
    const other = current ? decodeRecord(current.value)?.owner : undefined;
    if (other && !owners.some((o) => o.uid === other.uid)) report.conflicts.push({ item, owners: [...owners, other] });
  }
  return report;
}
