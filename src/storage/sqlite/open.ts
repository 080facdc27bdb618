/**
 * Opening a SQLite store: the exclusive lock, format checks and schema creation. Every failure
 * is one StoreOpenError naming the file; a file that holds data is never re-created.
 *
 * Durability: WAL journal with synchronous=FULL, so every commit fsyncs the WAL before it
 * returns and an acknowledged write survives kill -9 and power loss. locking_mode=EXCLUSIVE
 * holds the file lock for the connection's life, so a second process (or connection) cannot
 * open the same store.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreOpenError } from '../errors.js';
import { APPLICATION_ID, CREATE_SCHEMA, EXPECTED_TABLES, SCHEMA_VERSION } from './schema.js';

export interface SqliteOpenOptions {
  /** Run SQLite's quick_check over the file when opening (default true). */
  verify?: boolean;
  /** Page cache size in KiB (default 32 MiB). */
  cacheKiB?: number;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

function readHeader(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = fs.readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    fs.closeSync(fd);
  }
}

/** Checks the file before SQLite sees it; returns whether it is new (missing or empty). */
function precheck(file: string): boolean {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    const wal = `${file}-wal`;
    if (fs.existsSync(wal) && fs.statSync(wal).size > 0) {
      throw new StoreOpenError(file, `the database file is missing but its write-ahead log ${wal} exists`);
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return true;
  }
  if (!stat.isFile()) throw new StoreOpenError(file, 'not a regular file');
  if (stat.size === 0) return true;
  if (readHeader(file) !== SQLITE_MAGIC) {
    throw new StoreOpenError(file, 'not a SQLite database (it is some other file); refusing to touch it');
  }
  return false;
}

function explain(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return 'it is locked: another process (or connection) has the store open';
    case 'SQLITE_NOTADB':
      return `not a SQLite database (${message})`;
    case 'SQLITE_CORRUPT':
      return `the file is corrupt (${message})`;
    default:
      return typeof code === 'string' ? `${code}: ${message}` : message;
  }
}

function checkFormat(db: Database.Database, file: string): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[])
    .map((t) => t.name);
  if (appId === 0 && version === 0 && tables.length === 0) {
    db.exec(`BEGIN; ${CREATE_SCHEMA} COMMIT;`);
    return;
  }
  if (appId !== APPLICATION_ID) {
    const shown = tables.length > 0 ? tables.join(', ') : 'none';
    throw new StoreOpenError(file, `a SQLite database that is not a Gantry store (application_id ${appId}, tables: ${shown})`);
  }
  if (version > SCHEMA_VERSION) {
    throw new StoreOpenError(file, `written by a newer Gantry (schema version ${version}, this one knows ${SCHEMA_VERSION})`);
  }
  const missing = EXPECTED_TABLES.filter((t) => !tables.includes(t));
  if (version < 1 || missing.length > 0) {
    throw new StoreOpenError(file, `a damaged Gantry store (schema version ${version}, missing tables: ${missing.join(', ') || 'none'})`);
  }
}

function verify(db: Database.Database, file: string): void {
  const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  const detail = problems.join('; ').replace(/\s+/g, ' ').slice(0, 500);
  if (problems.length > 0) throw new StoreOpenError(file, `the file is corrupt (${detail})`);
}

/** Opens (or creates) the store at the absolute path `file`. Throws StoreOpenError. */
export function openSqliteDatabase(file: string, opts: SqliteOpenOptions = {}): Database.Database {
  let db: Database.Database | null = null;
  try {
    const fresh = precheck(file);
    db = new Database(file, { timeout: 100 });
    db.pragma('locking_mode = EXCLUSIVE');
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new StoreOpenError(file, `cannot switch to WAL journal mode (got ${String(mode)})`);
    // Take the exclusive lock now rather than at the first write.
    db.exec('BEGIN EXCLUSIVE; COMMIT;');
    db.pragma('synchronous = FULL');
    checkFormat(db, file);
    if (!fresh && opts.verify !== false) verify(db, file);
    db.pragma(`cache_size = -${opts.cacheKiB ?? 32 * 1024}`);
    db.pragma('temp_store = MEMORY');
    db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    // A checkpoint runs inside the commit that crosses this many WAL pages, and its cost (the
    // copy and the fsync of the database file) grows with them: 256 pages (1 MiB) keeps it to
    // a few milliseconds, so it cannot stall writes the way a large checkpoint would.
    db.pragma('wal_autocheckpoint = 256');
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof StoreOpenError) throw error;
    throw new StoreOpenError(file, explain(error));
  }
}
