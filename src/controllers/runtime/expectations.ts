/**
 * Expectations (upstream's UIDTrackingControllerExpectations): a controller that created or
 * deleted pods records how many adds and which deletions it expects to see in its informer,
 * and does not act again on that owner until it has seen them (or the record expired), so a
 * stale cache never makes it create or delete twice.
 */
import { realClock, type Clock } from '../../util/index.js';

/** Upstream's ExpectationsTimeout: a record older than this counts as satisfied. */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

interface Record_ {
  adds: number;
  deletes: Set<string>;
  at: number;
}

export class Expectations {
  private readonly records = new Map<string, Record_>();
  private readonly clock: Clock;
  private readonly ttlMs: number;

  constructor(opts: { clock?: Clock; ttlMs?: number } = {}) {
    this.clock = opts.clock ?? realClock;
    this.ttlMs = opts.ttlMs ?? EXPECTATIONS_TIMEOUT_MS;
  }

  /** True when the owner `key` may act: no record, everything seen, or the record expired. */
  satisfied(key: string): boolean {
    const r = this.records.get(key);
    if (!r) return true;
    if (r.adds <= 0 && r.deletes.size === 0) return true;
    return this.clock.now() - r.at > this.ttlMs;
  }

  /** Replaces the record: `adds` creations are expected. */
  expectCreations(key: string, adds: number): void {
    this.records.set(key, { adds, deletes: new Set(), at: this.clock.now() });
  }

  /** Replaces the record: deletions of these pod keys (`namespace/name`) are expected. */
  expectDeletions(key: string, podKeys: readonly string[]): void {
    this.records.set(key, { adds: 0, deletes: new Set(podKeys), at: this.clock.now() });
  }

  /** One expected creation was seen (or failed and will not be seen). */
  creationObserved(key: string): void {
    const r = this.records.get(key);
    if (r && r.adds > 0) r.adds--;
  }

  /** The deletion of `podKey` was seen (or failed and will not be seen). */
  deletionObserved(key: string, podKey: string): void {
    this.records.get(key)?.deletes.delete(podKey);
  }

  /** Forgets the owner (it was deleted). */
  delete(key: string): void {
    this.records.delete(key);
  }

  /** What is still expected (tests, logs). */
  pending(key: string): { adds: number; deletes: number } | undefined {
    const r = this.records.get(key);
    return r ? { adds: r.adds, deletes: r.deletes.size } : undefined;
  }
}
