/** Conformance: list at a revision, paging over one snapshot, count, prefixes, key order. */
import { describe, expect, it } from 'vitest';
import type { Backend, KeyValue, ListResult } from '../backend.js';
import { CompactedError, FutureRevisionError } from '../errors.js';
import { compareKeys } from '../keys.js';
import { type ConformanceContext, rejection, uniquePrefix } from './helpers.js';

async function listAll(b: Backend, prefix: string, limit: number, between?: (page: number) => Promise<void>) {
  const pages: ListResult[] = [];
  let token: string | undefined;
  do {
    const page = await b.list(prefix, { limit, continue: token });
    pages.push(page);
    token = page.continue;
    if (token && between) await between(pages.length);
  } while (token && pages.length < 1000);
  return pages;
}

export function describeListConformance(ctx: ConformanceContext): void {
  describe('list and count', () => {
    it('lists in key order at the current or an older revision', async () => {
      const b = await ctx.open();
      const p = uniquePrefix('old');
      const a = await b.create(`${p}a`, 'a1');
      const bb = await b.create(`${p}b`, 'b1');
      const c = await b.create(`${p}c`, 'c1');
      const snapshot = await b.currentRevision();
      const b2 = await b.update(`${p}b`, 'b2', bb.modRevision);
      await b.delete(`${p}c`);
      const d = await b.create(`${p}d`, 'd1');

      const then = await b.list(p, { revision: snapshot });
      expect(then.revision).toBe(snapshot);
      expect(then.items).toEqual([a, bb, c]);
      const now = await b.list(p);
      expect(now.revision).toBeGreaterThanOrEqual(d.modRevision);
      expect(now.items).toEqual([a, b2, d]);
      expect(now.continue).toBeUndefined();
      expect((await b.list(p, { revision: a.modRevision })).items).toEqual([a]);
      expect(await b.count(p)).toBe(3);
    });

    it('pages with limit/continue over one snapshot while writes continue', async () => {
      const b = await ctx.open();
      const p = uniquePrefix('paging');
      const originals: KeyValue[] = [];
      for (let i = 0; i < 25; i++) originals.push(await b.create(`${p}${String(i).padStart(2, '0')}`, `v${i}`));
      const expected = (await b.list(p)).items;
      expect(expected).toEqual(originals);

      let writes = 0;
      const pages = await listAll(b, p, 7, async (page) => {
        // Change keys before and after the cursor, add and remove some.
        const victim = originals[page * 3]!;
        await b.update(victim.key, 'changed', victim.modRevision);
        await b.create(`${p}${page}x`, 'new');
        await b.delete(originals[24 - page]!.key);
        writes += 3;
      });
      expect(writes).toBeGreaterThan(0);
      expect(pages.map((pg) => pg.items.length)).toEqual([7, 7, 7, 4]);
      expect(new Set(pages.map((pg) => pg.revision)).size).toBe(1);
      expect(pages.flatMap((pg) => pg.items)).toEqual(expected);
      for (const page of pages.slice(0, -1)) {
        if (page.remaining !== undefined) expect(page.remaining).toBeGreaterThan(0);
      }
      // The same walk now sees the new state.
      const fresh = (await listAll(b, p, 7)).flatMap((pg) => pg.items);
      expect(fresh).toEqual((await b.list(p)).items);
      expect(fresh.length).toBe(await b.count(p));
    });

    it('keeps prefixes apart (/a/ does not see /ab)', async () => {
      const b = await ctx.open();
      const root = uniquePrefix('iso');
      for (const k of ['a', 'a/', 'a/x', 'a/y/z', 'ab', 'ab/x', 'a0', 'b']) await b.create(`${root}${k}`, k);
      const keys = (r: ListResult) => r.items.map((i) => i.key.slice(root.length));
      expect(keys(await b.list(`${root}a/`))).toEqual(['a/', 'a/x', 'a/y/z']);
      expect(keys(await b.list(`${root}a`))).toEqual(['a', 'a/', 'a/x', 'a/y/z', 'a0', 'ab', 'ab/x']);
      expect(keys(await b.list(`${root}ab/`))).toEqual(['ab/x']);
      expect(await b.count(`${root}a/`)).toBe(3);
      expect(await b.count(`${root}zz`)).toBe(0);
      expect((await b.list(`${root}zz`)).items).toEqual([]);
      const paged = (await listAll(b, `${root}a/`, 1)).flatMap((pg) => keys(pg));
      expect(paged).toEqual(['a/', 'a/x', 'a/y/z']);
    });

    it('orders keys by code point, beyond ASCII too', async () => {
      const b = await ctx.open();
      const root = uniquePrefix('unicode');
      const names = ['z', 'é', '\uffee', '😀', 'ä/x', 'Z', '~', '\u0100'];
      for (const n of names) await b.create(`${root}${n}`, n);
      const listed = (await b.list(root)).items.map((i) => i.key.slice(root.length));
      expect(listed).toEqual([...names].sort(compareKeys));
      expect(compareKeys('\uffee', '😀')).toBeLessThan(0);
      const paged = (await listAll(b, root, 3)).flatMap((pg) => pg.items.map((i) => i.key.slice(root.length)));
      expect(paged).toEqual(listed);
      expect((await b.list(`${root}😀`)).items.map((i) => i.value)).toEqual(['😀']);
    });

    it('refuses future and compacted revisions', async () => {
      const b = await ctx.open();
      const p = uniquePrefix('revs');
      const first = await b.create(`${p}a`, '1');
      const other = await b.create(`${p}c`, 'c');
      const second = await b.update(`${p}a`, '2', first.modRevision);
      await b.update(`${p}a`, '3', second.modRevision);
      const current = await b.currentRevision();
      const future = await rejection(b.list(p, { revision: current + 1000 }));
      expect(future).toBeInstanceOf(FutureRevisionError);
      expect(await rejection(b.compact(current + 1000))).toBeInstanceOf(FutureRevisionError);

      const page = await b.list(p, { limit: 1, revision: other.modRevision });
      expect(page.continue).toBeDefined();
      await b.create(`${p}b`, 'b');
      await b.compact(second.modRevision);
      expect(await b.compactedRevision()).toBe(second.modRevision);
      const old = await rejection(b.list(p, { revision: first.modRevision }));
      expect(old).toBeInstanceOf(CompactedError);
      expect((old as CompactedError).compactedRevision).toBe(second.modRevision);
      expect((await b.list(p, { revision: second.modRevision })).items.map((i) => i.value)).toEqual(['2', 'c']);
      expect((await b.list(p)).items.map((i) => i.value)).toEqual(['3', 'b', 'c']);
      // A continue token whose snapshot was compacted.
      expect(await rejection(b.list(p, { limit: 1, continue: page.continue }))).toBeInstanceOf(CompactedError);
      await b.compact(first.modRevision); // already compacted: no-op
      expect(await b.compactedRevision()).toBe(second.modRevision);
    });
  });
}
