import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreOpenError } from '../errors.js';
import { openBackend } from '../index.js';
import { startTsChild } from '../testing/child.js';
import { tempDirs } from '../testing/temp-dir.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const open = (file: string) => openBackend(`sqlite://${file}`, { autoCompact: false });

async function openError(file: string): Promise<StoreOpenError> {
  const error = await open(file).then(
    async (b) => {
      await b.close();
      return null;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreOpenError);
  expect((error as StoreOpenError).message).toContain(file);
  if (process.env.GANTRY_SHOW_ERRORS) console.log((error as Error).message);
  return error as StoreOpenError;
}

async function storeWithData(): Promise<string> {
  const file = path.join(dirs.make(), 'state.db');
  const b = await open(file);
  await Promise.all(Array.from({ length: 200 }, (_, i) => b.create(`/registry/things/${i}`, 'x'.repeat(500))));
  await b.close();
  return file;
}

describe('opening sqlite stores', () => {
  it('creates a new store, records the schema, and reopens it with data and revision', async () => {
    const file = path.join(dirs.make(), 'nested', 'dir', 'state.db');
    const b = await open(file);
    const a = await b.create('/a', '1');
    const a2 = await b.update('/a', '2', a.modRevision);
    await b.create('/b', '1');
    await b.delete('/b');
    await b.compact(a2.modRevision);
    const revision = await b.currentRevision();
    await b.close();

    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(raw.pragma('application_id', { simple: true })).toBe(0x474e5459);
    raw.close();

    const again = await open(file);
    expect(await again.currentRevision()).toBe(revision);
    expect(await again.compactedRevision()).toBe(a2.modRevision);
    expect(await again.get('/a')).toEqual(a2);
    expect(await again.get('/b')).toBeNull();
    const next = await again.create('/c', '1');
    expect(next.modRevision).toBe(revision + 1);
    await again.close();
  });

  it('keeps the revision counter when compaction removed the newest row', async () => {
    const file = path.join(dirs.make(), 'state.db');
    const b = await open(file);
    await b.create('/x', '1');
    const gone = await b.delete('/x');
    await b.compact(gone.modRevision);
    await b.close();
    const again = await open(file);
    expect(await again.currentRevision()).toBe(gone.modRevision);
    expect((await again.create('/y', '1')).modRevision).toBe(gone.modRevision + 1);
    await again.close();
  });

  it('treats an empty file as a new store', async () => {
    const file = path.join(dirs.make(), 'state.db');
    fs.writeFileSync(file, '');
    const b = await open(file);
    expect(await b.currentRevision()).toBe(0);
    await b.close();
  });

  it('refuses a file that is not SQLite, and leaves it alone', async () => {
    const file = path.join(dirs.make(), 'state.db');
    fs.writeFileSync(file, 'this is my shopping list\n'.repeat(100));
    const error = await openError(file);
    expect(error.message).toMatch(/not a SQLite database/);
    expect(fs.readFileSync(file, 'utf8')).toBe('this is my shopping list\n'.repeat(100));
  });

  it('refuses a SQLite database that is not a Gantry store', async () => {
    const file = path.join(dirs.make(), 'other.db');
    const db = new Database(file);
    db.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'x')");
    db.close();
    const error = await openError(file);
    expect(error.message).toMatch(/not a Gantry store.*customers/);
    const check = new Database(file);
    expect(check.prepare('SELECT COUNT(*) AS n FROM customers').get()).toEqual({ n: 1 });
    check.close();
  });

  it('refuses a store written by a newer schema version', async () => {
    const file = await storeWithData();
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect((await openError(file)).message).toMatch(/newer Gantry \(schema version 99/);
  });

  it('refuses a corrupt store', async () => {
    const file = await storeWithData();
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    // Overwrite pages after the first (the log table and its index) with garbage.
    const garbage = Buffer.alloc(Math.min(size - 4096, 8 * 4096), 0xa5);
    fs.writeSync(fd, garbage, 0, garbage.length, 4096);
    fs.closeSync(fd);
    expect((await openError(file)).message).toMatch(/corrupt|damaged|malformed/);
  });

  it('refuses a store whose database file is gone but whose WAL remains', async () => {
    const file = path.join(dirs.make(), 'state.db');
    fs.writeFileSync(`${file}-wal`, Buffer.alloc(4096, 1));
    expect((await openError(file)).message).toMatch(/write-ahead log/);
  });

  it('refuses a directory and a relative path', async () => {
    const dir = dirs.make();
    expect((await openError(dir)).message).toMatch(/not a regular file/);
    await expect(openBackend('sqlite://relative/state.db')).rejects.toThrow(/must be absolute/);
  });

  it('refuses a store another process has open, and opens it once that process is gone', async () => {
    const file = await storeWithData();
    const holder = startTsChild('./sqlite-holder-child.ts', [file]);
    try {
      await holder.waitFor((l) => l === 'ready');
      expect((await openError(file)).message).toMatch(/locked: another process/);
    } finally {
      await holder.kill('SIGKILL');
    }
    const b = await open(file);
    expect(await b.count('/registry/things/')).toBe(200);
    // A second connection in this process is refused too.
    expect((await openError(file)).message).toMatch(/locked/);
    await b.close();
  });
});
