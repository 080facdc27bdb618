/**
 * LogBackend: the whole Backend contract (MVCC, paging, watch, compaction) written once on top
 * of a LogDriver's append-only log.
 *
 * Writes are group-committed: requests that arrive together are planned against the current
 * rows and appended in one driver transaction (one fsync for the batch), then acknowledged and
 * published to watchers. Only this process writes the log (drivers take an exclusive lock), so
 * the in-memory revision counter is authoritative; the driver's (name, prevRevision) uniqueness
 * is the safety net that turns any lost race into a conflict rather than a lost update.
 */
import type { Backend, KeyValue, ListOptions, ListResult, WatchEvent } from '../backend.js';
import { AutoCompactor, type AutoCompactOptions } from '../auto-compact.js';
import { decodeContinue, encodeContinue } from '../continue-token.js';
import { CompactedError, ConflictError, FutureRevisionError, KeyExistsError, StorageError } from '../errors.js';
import { DEFAULT_WATCH_BUFFER, drainQueue } from '../event-queue.js';
import { checkKey, checkPrefix, checkRevision, checkValue, prefixEnd } from '../keys.js';
import { Broadcaster } from './broadcaster.js';
import { type CompactionOptions, IncrementalCompaction } from './compaction.js';
import { type KeyRange, LogConflictError, type LogDriver } from './driver.js';
import { Lane } from './lane.js';
import { type Outcome, planBatch, type WriteOp } from './plan.js';
import { eventOf, kvOf, liveKv } from './rows.js';

export interface LogBackendOptions {
  /** Undelivered events a watcher may hold before it is dropped (default 10,000). */
  watchBufferSize?: number;
  /** At most this many writes per group commit (default 1,000). */
  maxBatchOps?: number;
  /** At most about this many value bytes per group commit (default 4 MiB). */
  maxBatchBytes?: number;
  /** Rows read per step when a watch catches up from the log (default 1,000). */
  backfillPage?: number;
  /** Tuning of compaction batches. */
  compaction?: CompactionOptions;
  /** Automatic compaction; false turns it off (default on, see AutoCompactOptions). */
  autoCompact?: AutoCompactOptions | false;
}

interface PendingWrite {
  op: WriteOp;
  resolve: (kv: KeyValue) => void;
  reject: (error: Error) => void;
}

function rangeOf(prefix: string): KeyRange {
  return { start: prefix, end: prefixEnd(prefix) };
}

export class LogBackend implements Backend {
  private readonly broadcaster = new Broadcaster();
  private readonly lane = new Lane();
  private readonly closing = new AbortController();
  private readonly compaction: IncrementalCompaction;
  private readonly autoCompactor: AutoCompactor | null;
  private pending: PendingWrite[] = [];
  private draining = false;
  private closed = false;

  private constructor(
    private readonly driver: LogDriver,
    private revision: number,
    private compacted: number,
    private readonly opts: LogBackendOptions,
  ) {
    this.compaction = new IncrementalCompaction(driver, this.lane, opts.compaction);
    this.autoCompactor = opts.autoCompact === false ? null : new AutoCompactor(this, opts.autoCompact);
    this.autoCompactor?.start();
  }

  static async open(driver: LogDriver, opts: LogBackendOptions = {}): Promise<LogBackend> {
    const [revision, compacted] = await Promise.all([driver.currentRevision(), driver.compactedRevision()]);
    return new LogBackend(driver, revision, compacted, opts);
  }

  /** Compaction statistics (batches run, rows removed, longest batch). */
  get compactionStats(): IncrementalCompaction['stats'] {
    return this.compaction.stats;
  }

  async get(key: string): Promise<KeyValue | null> {
    this.checkOpen();
    return liveKv(await this.driver.latest(checkKey(key)));
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    this.checkOpen();
    checkPrefix(prefix);
    const limit = checkRevision('limit', opts.limit ?? 0);
    const token = opts.continue ? decodeContinue(opts.continue, prefix) : null;
    const revision = token?.revision || checkRevision('revision', opts.revision ?? 0) || this.revision;
    this.checkReadable(revision);
    const range = { start: token?.start ?? prefix, end: prefixEnd(prefix) };
    const rows = await this.driver.range(range, { revision, limit: limit > 0 ? limit + 1 : 0 });
    this.checkReadable(revision);
    const result: ListResult = { items: rows.map(kvOf), revision };
    if (limit > 0 && rows.length > limit) {
      result.items.length = limit;
      result.continue = encodeContinue(revision, result.items[limit - 1]!.key);
    }
    return result;
  }

  async count(prefix: string): Promise<number> {
    this.checkOpen();
    return this.driver.count(rangeOf(checkPrefix(prefix)));
  }

  create(key: string, value: string): Promise<KeyValue> {
    return this.submit(() => ({ kind: 'create', key: checkKey(key), value: checkValue(key, value) }));
  }

  update(key: string, value: string, expectedModRevision: number): Promise<KeyValue> {
    return this.submit(() => ({
      kind: 'update',
      key: checkKey(key),
      value: checkValue(key, value),
      expected: checkRevision('expectedModRevision', expectedModRevision, 1),
    }));
  }

  delete(key: string, expectedModRevision?: number): Promise<KeyValue> {
    return this.submit(() => {
      const op: WriteOp = { kind: 'delete', key: checkKey(key) };
      if (expectedModRevision !== undefined) {
        op.expected = checkRevision('expectedModRevision', expectedModRevision, 1);
      }
      return op;
    });
  }

  watch(prefix: string, fromRevision: number, signal: AbortSignal): AsyncIterable<WatchEvent> {
    return this.watchEvents(prefix, fromRevision, signal);
  }

  async currentRevision(): Promise<number> {
    this.checkOpen();
    return this.revision;
  }

  async compact(revision: number): Promise<void> {
    this.checkOpen();
    checkRevision('revision', revision);
    if (revision > this.revision) throw new FutureRevisionError(revision, this.revision);
    if (revision <= this.compacted) return;
    // Readers and watchers respect the new floor at once; rows go in the background batches.
    this.compacted = revision;
    await this.compaction.run(revision, this.closing.signal);
  }

  async compactedRevision(): Promise<number> {
    return this.compacted;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closing.abort();
    await this.autoCompactor?.stop();
    const error = new StorageError(`store ${this.driver.location} is closed`);
    for (const write of this.pending.splice(0)) write.reject(error);
    this.broadcaster.closeAll(error);
    await this.lane.idle();
    await this.driver.close();
  }

  private checkOpen(): void {
    if (this.closed) throw new StorageError(`store ${this.driver.location} is closed`);
  }

  private checkReadable(revision: number): void {
    if (revision > this.revision) throw new FutureRevisionError(revision, this.revision);
    if (revision < this.compacted) throw new CompactedError(revision, this.compacted);
  }

  private async *watchEvents(prefix: string, from: number, signal: AbortSignal): AsyncGenerator<WatchEvent> {
    this.checkOpen();
    checkPrefix(prefix);
    checkRevision('fromRevision', from);
    if (signal.aborted) return;
    // Subscribe first: every event after `upTo` reaches the subscription; the log has the rest.
    const subscription = this.broadcaster.subscribe(prefix, this.opts.watchBufferSize ?? DEFAULT_WATCH_BUFFER);
    const upTo = this.revision;
    try {
      let position = from;
      const range = rangeOf(prefix);
      const limit = this.opts.backfillPage ?? 1000;
      while (position < upTo && !signal.aborted) {
        this.checkWatchable(position);
        const changes = await this.driver.changes(position, { range, upTo, limit });
        this.checkWatchable(position);
        for (const { row, prev } of changes) {
          yield eventOf(row, prev);
          if (signal.aborted) return;
        }
        position = changes.length < limit ? upTo : changes[changes.length - 1]!.row.id;
      }
      yield* drainQueue(subscription.queue, Math.max(from, upTo), signal);
    } finally {
      subscription.close();
    }
  }

  private checkWatchable(position: number): void {
    if (position < this.compacted) throw new CompactedError(position, this.compacted);
  }

  // ---- group commit ----

  private submit(build: () => WriteOp): Promise<KeyValue> {
    let op: WriteOp;
    try {
      this.checkOpen();
      op = build();
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<KeyValue>((resolve, reject) => {
      this.pending.push({ op, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  /**
   * Commits one batch, then, if more writes are waiting, comes back after a turn of the event
   * loop: I/O and timers run between batches (a writer that resubmits at once cannot starve
   * them), and writes that arrive meanwhile join the next batch.
   */
  private async drain(): Promise<void> {
    const batch = this.takeBatch();
    if (batch.length > 0) await this.lane.run(() => this.commit(batch));
    if (this.pending.length > 0) setImmediate(() => void this.drain());
    else this.draining = false;
  }

  private takeBatch(): PendingWrite[] {
    const maxOps = this.opts.maxBatchOps ?? 1000;
    const maxBytes = this.opts.maxBatchBytes ?? 4 * 1024 * 1024;
    let bytes = 0;
    let n = 0;
    while (n < this.pending.length && n < maxOps && bytes < maxBytes) {
      const op = this.pending[n]!.op;
      bytes += op.kind === 'delete' ? 0 : op.value.length;
      n++;
    }
    return this.pending.splice(0, n);
  }

  private async commit(batch: PendingWrite[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      const plan = await planBatch(
        batch.map((w) => w.op),
        this.revision,
        { latest: (key) => this.driver.latest(key) },
      );
      if (plan.rows.length > 0) {
        await this.driver.append(plan.rows);
        this.revision = plan.rows[plan.rows.length - 1]!.id;
        this.broadcaster.publish(plan.events);
      }
      outcomes = plan.outcomes;
    } catch (error) {
      if (batch.length > 1) {
        // Isolate the failing write: the others still go through, one transaction each.
        for (const write of batch) await this.commit([write]);
        return;
      }
      outcomes = [{ error: await this.explainFailure(batch[0]!.op, error) }];
    }
    batch.forEach((write, i) => {
      const outcome = outcomes[i]!;
      if (outcome.error) write.reject(outcome.error);
      else write.resolve(outcome.ok);
    });
  }

  private async explainFailure(op: WriteOp, error: unknown): Promise<Error> {
    if (!(error instanceof LogConflictError)) {
      return error instanceof Error ? error : new StorageError(String(error));
    }
    const current = liveKv(await this.driver.latest(op.key).catch(() => null));
    if (op.kind === 'create') return new KeyExistsError(op.key);
    return new ConflictError(op.key, op.expected ?? 0, current);
  }
}
