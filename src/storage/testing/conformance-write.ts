/** Conformance: get/create/update/delete, typed errors, compare-and-swap, bad input, sizes. */
import { describe, expect, it } from 'vitest';
import { MAX_VALUE_BYTES } from '../backend.js';
import {
  ConflictError,
  InvalidArgumentError,
  KeyExistsError,
  KeyNotFoundError,
  StorageError,
  ValueTooLargeError,
} from '../errors.js';
import { type ConformanceContext, rejection, uniquePrefix } from './helpers.js';

export function describeWriteConformance(ctx: ConformanceContext): void {
  describe('writes', () => {
    it('creates, reads, updates and deletes with typed errors', async () => {
      const b = await ctx.open();
      const key = `${uniquePrefix('crud')}k`;
      expect(await b.get(key)).toBeNull();

      const created = await b.create(key, 'v1');
      expect(created).toEqual({ key, value: 'v1', createRevision: created.modRevision, modRevision: created.modRevision });
      expect(await b.get(key)).toEqual(created);
      expect(await b.currentRevision()).toBeGreaterThanOrEqual(created.modRevision);
      expect(await rejection(b.create(key, 'again'))).toBeInstanceOf(KeyExistsError);

      const updated = await b.update(key, 'v2', created.modRevision);
      expect(updated.modRevision).toBeGreaterThan(created.modRevision);
      expect(updated).toMatchObject({ key, value: 'v2', createRevision: created.createRevision });
      expect(await b.get(key)).toEqual(updated);

      const stale = await rejection(b.update(key, 'v3', created.modRevision));
      expect(stale).toBeInstanceOf(ConflictError);
      expect((stale as ConflictError).current).toEqual(updated);
      expect((stale as ConflictError).expectedModRevision).toBe(created.modRevision);

      const wrongDelete = await rejection(b.delete(key, created.modRevision));
      expect(wrongDelete).toBeInstanceOf(ConflictError);
      expect((wrongDelete as ConflictError).current).toEqual(updated);

      const deleted = await b.delete(key, updated.modRevision);
      expect(deleted).toMatchObject({ key, value: 'v2', createRevision: created.createRevision });
      expect(deleted.modRevision).toBeGreaterThan(updated.modRevision);
      expect(await b.get(key)).toBeNull();
      expect(await rejection(b.delete(key))).toBeInstanceOf(KeyNotFoundError);
      expect(await rejection(b.delete(key, deleted.modRevision))).toBeInstanceOf(KeyNotFoundError);
      const gone = await rejection(b.update(key, 'v4', updated.modRevision));
      expect(gone).toBeInstanceOf(ConflictError);
      expect((gone as ConflictError).current).toBeNull();

      const reborn = await b.create(key, 'v5');
      expect(reborn.createRevision).toBe(reborn.modRevision);
      expect(reborn.createRevision).toBeGreaterThan(deleted.modRevision);
      const plain = await b.delete(key);
      expect(plain).toMatchObject({ key, value: 'v5', createRevision: reborn.createRevision });
    });

    it('revisions increase with every write', async () => {
      const b = await ctx.open();
      const prefix = uniquePrefix('revs');
      let last = await b.currentRevision();
      for (let i = 0; i < 5; i++) {
        const kv = await b.create(`${prefix}${i}`, String(i));
        expect(kv.modRevision).toBeGreaterThan(last);
        expect(await b.currentRevision()).toBeGreaterThanOrEqual(kv.modRevision);
        last = kv.modRevision;
      }
    });

    it('lets exactly one of many concurrent compare-and-swaps win', async () => {
      const b = await ctx.open();
      const key = `${uniquePrefix('cas')}k`;
      const base = await b.create(key, 'base');
      const attempts = await Promise.allSettled(
        Array.from({ length: 24 }, (_, i) => b.update(key, `writer-${i}`, base.modRevision)),
      );
      const winners = attempts.filter((a) => a.status === 'fulfilled');
      expect(winners).toHaveLength(1);
      const winner = (winners[0] as PromiseFulfilledResult<{ value: string; modRevision: number }>).value;
      for (const a of attempts) {
        if (a.status === 'fulfilled') continue;
        expect(a.reason).toBeInstanceOf(ConflictError);
        expect((a.reason as ConflictError).current).toMatchObject({ value: winner.value, modRevision: winner.modRevision });
      }
      expect(await b.get(key)).toMatchObject({ value: winner.value, modRevision: winner.modRevision });
    });

    it('lets exactly one of many concurrent creates of one key win', async () => {
      const b = await ctx.open();
      const key = `${uniquePrefix('create-race')}k`;
      const attempts = await Promise.allSettled(Array.from({ length: 16 }, (_, i) => b.create(key, `c${i}`)));
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
      for (const a of attempts) if (a.status === 'rejected') expect(a.reason).toBeInstanceOf(KeyExistsError);
    });

    it('keeps a chain of concurrent writers to different keys consistent', async () => {
      const b = await ctx.open();
      const prefix = uniquePrefix('parallel');
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => b.create(`${prefix}${i}`, `v${i}`)));
      const revisions = results.map((r) => r.modRevision);
      expect(new Set(revisions).size).toBe(40);
      const next = await Promise.all(results.map((r) => b.update(r.key, `${r.value}+`, r.modRevision)));
      for (const [i, r] of next.entries()) expect(r.modRevision).toBeGreaterThan(results[i]!.modRevision);
      expect(await b.count(prefix)).toBe(40);
    });

    it('rejects bad input with InvalidArgumentError and keeps working', async () => {
      const b = await ctx.open();
      const key = `${uniquePrefix('bad')}k`;
      const any = b as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
      const bad: Promise<unknown>[] = [
        b.create('', 'x'),
        any.create!(42, 'x'),
        any.create!(key, { not: 'a string' }),
        b.create('/nul\0key', 'x'),
        b.update(key, 'x', 0),
        b.update(key, 'x', -3),
        b.update(key, 'x', 1.5),
        b.update(key, 'x', Number.NaN),
        b.delete(key, 0),
        b.list('/', { limit: -1 }),
        b.list('/', { revision: -1 }),
        b.list('/', { continue: 'not-a-token' }),
        b.list('/', { continue: Buffer.from('{"r":1}').toString('base64url') }),
        b.compact(-1),
      ];
      for (const p of bad) {
        const error = await rejection(p);
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expect(error).toBeInstanceOf(StorageError);
      }
      expect(await rejection(collectFirst(b.watch('/', -1, AbortSignal.timeout(2000))))).toBeInstanceOf(
        InvalidArgumentError,
      );
      const kv = await b.create(key, 'still fine');
      expect(await b.get(key)).toEqual(kv);
    });

    it('accepts values of exactly 1.5 MiB and rejects larger ones', async () => {
      const b = await ctx.open();
      const prefix = uniquePrefix('large');
      // 'é' is 2 UTF-8 bytes: the limit counts bytes, not characters.
      const half = 'é'.repeat(MAX_VALUE_BYTES / 2);
      const kv = await b.create(`${prefix}max`, half);
      expect((await b.get(`${prefix}max`))?.value).toBe(half);
      const tooBig = await rejection(b.create(`${prefix}over`, `${half}x`));
      expect(tooBig).toBeInstanceOf(ValueTooLargeError);
      expect((tooBig as ValueTooLargeError).bytes).toBe(MAX_VALUE_BYTES + 1);
      expect(await rejection(b.update(`${prefix}max`, `${half}!`, kv.modRevision))).toBeInstanceOf(
        ValueTooLargeError,
      );
      expect(await b.get(`${prefix}over`)).toBeNull();
      const ascii = 'a'.repeat(MAX_VALUE_BYTES);
      const next = await b.update(`${prefix}max`, ascii, kv.modRevision);
      expect((await b.list(prefix)).items).toEqual([next]);
    });
  });
}

async function collectFirst(iterable: AsyncIterable<unknown>): Promise<unknown> {
  for await (const item of iterable) return item;
  return undefined;
}
