/**
 * The small append-only log a SQL (or in-memory) driver implements, in the kine model. Every
 * write appends one row; the row's id is the write's revision. MVCC, watch and compaction are
 * written once above this interface (LogBackend).
 *
 * Per key the rows form a chain: each row's prevRevision is the id of the key's row before it
 * (0 for the first row of a key). The driver enforces that two rows never share
 * (name, prevRevision), which is what makes compare-and-swap safe even if two writers raced.
 */

export interface LogRow {
  /** The revision of this write. */
  id: number;
  /** The key. */
  name: string;
  /** 1 if this row creates the key (a new life of the key), else 0. */
  created: 0 | 1;
  /** 1 if this row deletes the key (a tombstone carrying the last value), else 0. */
  deleted: 0 | 1;
  /** The revision at which the key's current life began. */
  createRevision: number;
  /** The id of the key's previous row (0 for the key's first row ever). */
  prevRevision: number;
  value: string;
}

/** A row read for a watch, with the row it replaced (if that row is still stored). */
export interface LogChange {
  row: LogRow;
  prev: LogRow | null;
}

/** Keys in [start, end); end null means no upper bound. */
export interface KeyRange {
  start: string;
  end: string | null;
}

/** Thrown by `append` when a row's (name, prevRevision) is already taken: a lost race. */
export class LogConflictError extends Error {
  override name = 'LogConflictError';
}

export interface LogDriver {
  /** Where the log lives (a file path, a URL), for messages. */
  readonly location: string;
  /** The highest id ever appended (kept even if compaction removed that row), 0 if none. */
  currentRevision(): Promise<number>;
  /** The revision recorded by the last completed compaction batch, 0 if none. */
  compactedRevision(): Promise<number>;
  /** The key's newest row with id <= `revision` (any id when omitted), tombstones included. */
  latest(name: string, revision?: number): Promise<LogRow | null>;
  /**
   * For each key in `range`, its newest row with id <= `revision`, skipping keys whose newest
   * row is a tombstone; in key order (code point order), at most `limit` rows (0: no limit).
   */
  range(range: KeyRange, opts: { revision: number; limit: number }): Promise<LogRow[]>;
  /** How many keys in `range` exist now. */
  count(range: KeyRange): Promise<number>;
  /** Rows with `after` < id <= `upTo` and name in `range`, in id order, at most `limit`. */
  changes(after: number, opts: { range: KeyRange; upTo: number; limit: number }): Promise<LogChange[]>;
  /**
   * Appends rows in one atomic, durable transaction: when the promise resolves every row is
   * stored and survives a crash; when it rejects none is. Throws LogConflictError when a
   * (name, prevRevision) pair is taken. Ids are given by the caller and increase.
   */
  append(rows: readonly LogRow[]): Promise<void>;
  /**
   * One compaction step over ids in (from, to]: removes every row superseded by a row in that
   * span, and every tombstone in it, then records `to` as the compacted revision. Returns how
   * many rows it removed. Rows that are the newest of their key as of `to` stay.
   */
  compactBatch(from: number, to: number): Promise<number>;
  close(): Promise<void>;
}
