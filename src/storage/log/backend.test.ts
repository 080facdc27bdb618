import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConflictError, KeyExistsError, StorageError } from '../errors.js';
import { MemoryLogDriver } from '../memory/driver.js';
import { SqliteLogDriver } from '../sqlite/driver.js';
import { rejection } from '../testing/helpers.js';
import { tempDirs } from '../testing/temp-dir.js';
import { LogBackend } from './backend.js';
import { LogConflictError, type LogDriver, type LogRow } from './driver.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

/** A memory driver that records append batch sizes and can be told to fail appends. */
class ProbeDriver extends MemoryLogDriver {
  batches: number[] = [];
  failNext: ((rows: readonly LogRow[]) => Error | null) | null = null;

  override async append(rows: readonly LogRow[]): Promise<void> {
    this.batches.push(rows.length);
    const error = this.failNext?.(rows);
    if (error) throw error;
    return super.append(rows);
  }
}

function row(id: number, name: string, prevRevision: number): LogRow {
  return { id, name, created: prevRevision === 0 ? 1 : 0, deleted: 0, createRevision: id, prevRevision, value: 'v' };
}

describe('LogBackend over a LogDriver', () => {
  it('commits concurrent writes together (group commit)', async () => {
    const driver = new ProbeDriver();
    const b = await LogBackend.open(driver, { autoCompact: false });
    const kvs = await Promise.all(Array.from({ length: 50 }, (_, i) => b.create(`/g/${i}`, 'x')));
    expect(driver.batches.length).toBeLessThan(5);
    expect(kvs.map((kv) => kv.modRevision)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await b.close();
  });

  it('isolates a failing write: the rest of its batch still commits', async () => {
    const driver = new ProbeDriver();
    const b = await LogBackend.open(driver, { autoCompact: false });
    const base = await b.create('/c/k', 'base');
    // A lost race the backend cannot see coming: the driver's uniqueness rule refuses a row.
    driver.failNext = (rows) => (rows.some((r) => r.name === '/c/k') ? new LogConflictError('taken') : null);
    const results = await Promise.allSettled([
      b.create('/c/a', '1'),
      b.update('/c/k', 'mine', base.modRevision),
      b.create('/c/b', '2'),
      b.create('/c/k2', '3'),
    ]);
    driver.failNext = null;
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const conflict = (results[1] as PromiseRejectedResult).reason;
    expect(conflict).toBeInstanceOf(ConflictError);
    expect((conflict as ConflictError).current).toEqual(base);
    expect(await b.count('/c/')).toBe(4);
    // Revisions stay dense and increasing after the retry.
    const revisions = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.modRevision] : []));
    expect(revisions).toEqual([...revisions].sort((x, y) => x - y));
    await b.close();
  });

  it('turns a refused create into KeyExistsError and other driver errors into rejections', async () => {
    const driver = new ProbeDriver();
    const b = await LogBackend.open(driver, { autoCompact: false });
    driver.failNext = () => new LogConflictError('taken');
    expect(await rejection(b.create('/e/x', '1'))).toBeInstanceOf(KeyExistsError);
    driver.failNext = () => new Error('disk full');
    expect(await rejection(b.create('/e/y', '1'))).toHaveProperty('message', 'disk full');
    driver.failNext = null;
    expect((await b.create('/e/z', '1')).modRevision).toBe(1);
    await b.close();
    expect(await rejection(b.create('/e/w', '1'))).toBeInstanceOf(StorageError);
    expect(await rejection(b.get('/e/z'))).toBeInstanceOf(StorageError);
  });

  for (const [name, make] of [
    ['memory', async () => new MemoryLogDriver()],
    ['sqlite', async () => SqliteLogDriver.open(path.join(dirs.make(), 'state.db'))],
  ] as const) {
    it(`${name} driver refuses two rows after the same row of a key, atomically`, async () => {
      const driver: LogDriver = await make();
      await driver.append([row(1, '/k', 0)]);
      await expect(driver.append([row(2, '/k', 0)])).rejects.toBeInstanceOf(LogConflictError);
      await expect(driver.append([row(2, '/other', 0), row(3, '/k', 0)])).rejects.toBeInstanceOf(LogConflictError);
      expect(await driver.latest('/other')).toBeNull();
      expect(await driver.currentRevision()).toBe(1);
      await driver.append([row(2, '/k', 1), row(3, '/other', 0)]);
      expect((await driver.latest('/k'))?.id).toBe(2);
      expect((await driver.latest('/k', 1))?.id).toBe(1);
      expect(await driver.currentRevision()).toBe(3);
      await driver.close();
    });
  }
});
