/**
 * Incremental compaction of a log: the span (from, to] is removed in small batches, each its
 * own short transaction in the writer lane, with a turn of the event loop between batches so
 * that queued writes go first. The batch span adapts so that one batch takes about
 * `targetBatchMs`; a write therefore waits at most about one batch.
 */
import type { LogDriver } from './driver.js';
import { type Lane, yieldToEventLoop } from './lane.js';

export interface CompactionOptions {
  /** Aim for batches of about this many milliseconds (default 4). */
  targetBatchMs?: number;
  /** The first batch span in revisions (default 128); it then adapts. */
  initialSpan?: number;
}

export interface CompactionStats {
  batches: number;
  rowsRemoved: number;
  /** The longest single batch, in milliseconds. */
  maxBatchMs: number;
}

const MIN_SPAN = 8;
const MAX_SPAN = 1 << 20;

export class IncrementalCompaction {
  private span: number;
  private readonly targetMs: number;
  private chain: Promise<unknown> = Promise.resolve();
  readonly stats: CompactionStats = { batches: 0, rowsRemoved: 0, maxBatchMs: 0 };

  constructor(
    private readonly driver: LogDriver,
    private readonly lane: Lane,
    opts: CompactionOptions = {},
  ) {
    this.span = opts.initialSpan ?? 128;
    this.targetMs = opts.targetBatchMs ?? 4;
  }

  /** Removes history up to `to`; runs after any compaction already under way. */
  run(to: number, signal?: AbortSignal): Promise<void> {
    const next = this.chain.then(() => this.runTo(to, signal));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async runTo(to: number, signal?: AbortSignal): Promise<void> {
    let from = await this.driver.compactedRevision();
    while (from < to && !signal?.aborted) {
      const end = Math.min(to, from + this.span);
      const start = from;
      const began = performance.now();
      const removed = await this.lane.run(() => this.driver.compactBatch(start, end));
      this.adapt(performance.now() - began, removed);
      from = end;
      if (from < to) await yieldToEventLoop();
    }
  }

  private adapt(ms: number, removed: number): void {
    this.stats.batches++;
    this.stats.rowsRemoved += removed;
    this.stats.maxBatchMs = Math.max(this.stats.maxBatchMs, ms);
    if (ms > this.targetMs) this.span = Math.max(MIN_SPAN, Math.floor(this.span / 2));
    else if (ms < this.targetMs / 4) this.span = Math.min(MAX_SPAN, this.span * 2);
  }
}
