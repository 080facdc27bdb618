/**
 * The SQLite LogDriver (`sqlite:///abs/path/state.db`), on better-sqlite3. Calls are
 * synchronous underneath (one connection, prepared statements); the LogBackend above batches
 * concurrent writes so that one transaction and one fsync serve many of them.
 */
import type Database from 'better-sqlite3';
import { type KeyRange, type LogChange, LogConflictError, type LogDriver, type LogRow } from '../log/driver.js';
import { openSqliteDatabase, type SqliteOpenOptions } from './open.js';
import { PREV_COLUMNS, ROW_COLUMNS } from './schema.js';

type Statement = Database.Statement<unknown[], unknown>;

/** With no end, a BLOB: SQLite orders every TEXT value before every BLOB. */
const NO_END = Buffer.from([0xff]);

function endOf(range: KeyRange): string | Buffer {
  return range.end ?? NO_END;
}

interface PrevRow {
  p_id: number | null;
  p_name: string;
  p_created: 0 | 1;
  p_deleted: 0 | 1;
  p_createRevision: number;
  p_prevRevision: number;
  p_value: string;
}

function splitChange(joined: LogRow & PrevRow): LogChange {
  const row: LogRow = {
    id: joined.id,
    name: joined.name,
    created: joined.created,
    deleted: joined.deleted,
    createRevision: joined.createRevision,
    prevRevision: joined.prevRevision,
    value: joined.value,
  };
  if (joined.p_id === null) return { row, prev: null };
  const prev: LogRow = {
    id: joined.p_id,
    name: joined.p_name,
    created: joined.p_created,
    deleted: joined.p_deleted,
    createRevision: joined.p_createRevision,
    prevRevision: joined.p_prevRevision,
    value: joined.p_value,
  };
  return { row, prev };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export class SqliteLogDriver implements LogDriver {
  private readonly sql: Record<string, Statement>;
  private readonly appendAll: (rows: readonly LogRow[]) => void;
  private readonly compactAll: (from: number, to: number) => number;

  private constructor(
    private readonly db: Database.Database,
    readonly location: string,
  ) {
    // A key's newest row is the one with the largest prev_revision (see schema.ts).
    // `+l.name` keeps SQLite from walking the name index when the id range is the better path.
    const live = 'NOT EXISTS (SELECT 1 FROM log s WHERE s.name = l.name AND s.prev_revision = l.id AND s.id <= @rev)';
    const prep = (text: string): Statement => db.prepare(text);
    this.sql = {
      latest: prep(`SELECT ${ROW_COLUMNS} FROM log WHERE name = ? ORDER BY prev_revision DESC LIMIT 1`),
      latestAt: prep(`SELECT ${ROW_COLUMNS} FROM log WHERE name = ? AND id <= ? ORDER BY prev_revision DESC LIMIT 1`),
      range: prep(
        `SELECT ${ROW_COLUMNS} FROM log l WHERE l.name >= @start AND l.name < @end AND l.id <= @rev ` +
          `AND l.deleted = 0 AND ${live} ORDER BY l.name LIMIT @limit`,
      ),
      count: prep(
        `SELECT COUNT(*) AS n FROM log l WHERE l.name >= @start AND l.name < @end AND l.deleted = 0 AND ${live}`,
      ),
      changes: prep(
        `SELECT ${ROW_COLUMNS.replace(/(^|, )(\w+)/g, '$1l.$2')}, ${PREV_COLUMNS} FROM log l ` +
          'LEFT JOIN log p ON p.id = l.prev_revision ' +
          'WHERE l.id > @after AND l.id <= @upTo AND +l.name >= @start AND +l.name < @end ORDER BY l.id LIMIT @limit',
      ),
      insert: prep(
        'INSERT INTO log (id, name, created, deleted, create_revision, prev_revision, value) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      setRevision: prep("UPDATE meta SET value = ? WHERE key = 'revision'"),
      current: prep("SELECT value FROM meta WHERE key = 'revision'"),
      compacted: prep("SELECT value FROM meta WHERE key = 'compact_revision'"),
      removeSuperseded: prep(
        'DELETE FROM log WHERE id IN (SELECT prev_revision FROM log WHERE id > ? AND id <= ? AND prev_revision > 0)',
      ),
      removeTombstones: prep('DELETE FROM log WHERE id > ? AND id <= ? AND deleted = 1'),
      setCompacted: prep("UPDATE meta SET value = ? WHERE key = 'compact_revision' AND value < ?"),
    };
    const insert = this.sql.insert!;
    this.appendAll = db.transaction((rows: readonly LogRow[]) => {
      for (const r of rows) insert.run(r.id, r.name, r.created, r.deleted, r.createRevision, r.prevRevision, r.value);
      this.sql.setRevision!.run(rows[rows.length - 1]!.id);
    });
    this.compactAll = db.transaction((from: number, to: number) => {
      const removed = this.sql.removeSuperseded!.run(from, to).changes + this.sql.removeTombstones!.run(from, to).changes;
      this.sql.setCompacted!.run(to, to);
      return removed;
    });
  }

  /** Opens the store file (absolute path). Throws StoreOpenError. */
  static open(file: string, opts: SqliteOpenOptions = {}): SqliteLogDriver {
    return new SqliteLogDriver(openSqliteDatabase(file, opts), file);
  }

  async currentRevision(): Promise<number> {
    return (this.sql.current!.get() as { value: number }).value;
  }

  async compactedRevision(): Promise<number> {
    return (this.sql.compacted!.get() as { value: number }).value;
  }

  async latest(name: string, revision?: number): Promise<LogRow | null> {
    const row = revision === undefined ? this.sql.latest!.get(name) : this.sql.latestAt!.get(name, revision);
    return (row as LogRow | undefined) ?? null;
  }

  async range(range: KeyRange, opts: { revision: number; limit: number }): Promise<LogRow[]> {
    const params = { start: range.start, end: endOf(range), rev: opts.revision, limit: opts.limit || -1 };
    return this.sql.range!.all(params) as LogRow[];
  }

  async count(range: KeyRange): Promise<number> {
    const params = { start: range.start, end: endOf(range), rev: Number.MAX_SAFE_INTEGER };
    return (this.sql.count!.get(params) as { n: number }).n;
  }

  async changes(after: number, opts: { range: KeyRange; upTo: number; limit: number }): Promise<LogChange[]> {
    const params = { after, upTo: opts.upTo, start: opts.range.start, end: endOf(opts.range), limit: opts.limit };
    return (this.sql.changes!.all(params) as (LogRow & PrevRow)[]).map(splitChange);
  }

  async append(rows: readonly LogRow[]): Promise<void> {
    if (rows.length === 0) return;
    try {
      this.appendAll(rows);
    } catch (error) {
      if (isUniqueViolation(error)) throw new LogConflictError((error as Error).message);
      throw error;
    }
  }

  /**
   * Compaction commits without its own fsync (synchronous=NORMAL for that transaction): losing
   * a compaction step in a power cut is harmless (it is redone), and the next write's fsync of
   * the same WAL file makes it durable anyway. This keeps batches short and steady.
   */
  async compactBatch(from: number, to: number): Promise<number> {
    this.db.pragma('synchronous = NORMAL');
    try {
      return this.compactAll(from, to);
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** Runs a passive WAL checkpoint (tests and tools). */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(PASSIVE)');
  }
}
