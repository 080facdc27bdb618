/** Conformance: watch shapes, resume from any revision, compaction, slow watchers, prefixes. */
import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend.js';
import { CompactedError, WatchDroppedError } from '../errors.js';
import { type ConformanceContext, collect, summary, uniquePrefix, watchError } from './helpers.js';

/** Writes a mix of creates, updates and deletes; returns the expected event summaries. */
async function writeHistory(b: Backend, p: string, rounds: number): Promise<string[]> {
  const expected: string[] = [];
  for (let i = 0; i < rounds; i++) {
    const key = `${p}k${i % 3}`;
    const current = await b.get(key);
    if (!current) {
      expected.push(`create ${key}@${(await b.create(key, `v${i}`)).modRevision}`);
    } else if (i % 4 === 3) {
      expected.push(`delete ${key}@${(await b.delete(key, current.modRevision)).modRevision}`);
    } else {
      expected.push(`update ${key}@${(await b.update(key, `v${i}`, current.modRevision)).modRevision}`);
    }
  }
  return expected;
}

function revisionOf(entry: string): number {
  return Number(entry.slice(entry.lastIndexOf('@') + 1));
}

export function describeWatchConformance(ctx: ConformanceContext): void {
  describe('watch', () => {
    it('delivers create, update and delete events with previous values', async () => {
      const b = await ctx.open();
      const p = uniquePrefix('shape');
      const start = await b.currentRevision();
      const c = await b.create(`${p}k`, 'one');
      const u = await b.update(`${p}k`, 'two', c.modRevision);
      const d = await b.delete(`${p}k`);
      const events = await collect(b, p, start, { until: d.modRevision });
      expect(events).toEqual([
        { type: 'create', kv: c, revision: c.modRevision },
        { type: 'update', kv: u, prevKv: c, revision: u.modRevision },
        { type: 'delete', kv: d, prevKv: u, revision: d.modRevision },
      ]);
      expect(d).toMatchObject({ value: 'two', createRevision: c.createRevision });
    });

    it('resumes from any revision: every later event once, in order, no gaps', async () => {
      const b = await ctx.open();
      const p = uniquePrefix('resume');
      const start = await b.currentRevision();
      const expected = await writeHistory(b, p, 14);
      const last = revisionOf(expected[expected.length - 1]!);
      for (let from = start; from < last; from++) {
        const want = expected.filter((e) => revisionOf(e) > from);
        expect(summary(await collect(b, p, from, { until: last }))).toEqual(want);
      }
    });

    it('joins the log and live events without gaps or duplicates under concurrent writes', async () => {
      const b = await ctx.open();
      const p = uniquePrefix('live');
      const start = await b.currentRevision();
      const early = await Promise.all(Array.from({ length: 30 }, (_, i) => b.create(`${p}e${i}`, 'x')));
      const watching = collect(b, p, start, { count: 130, timeoutMs: 10_000 });
      const late: number[] = [];
      for (let round = 0; round < 5; round++) {
        const batch = await Promise.all(Array.from({ length: 20 }, (_, i) => b.create(`${p}l${round}-${i}`, 'y')));
        late.push(...batch.map((kv) => kv.modRevision));
      }
      const events = await watching;
      const want = [...early.map((kv) => kv.modRevision), ...late].sort((x, y) => x - y);
      expect(events.map((e) => e.revision)).toEqual(want);
    });

    it('fans the same events out to many watchers', async () => {
      const b = await ctx.open();
      const p = uniquePrefix('fan');
      const start = await b.currentRevision();
      const watchers = Array.from({ length: 10 }, () => collect(b, p, start, { count: 20 }));
      const writes = await Promise.all(Array.from({ length: 20 }, (_, i) => b.create(`${p}${i}`, 'v')));
      const want = writes.map((w) => w.modRevision).sort((x, y) => x - y);
      for (const events of await Promise.all(watchers)) expect(events.map((e) => e.revision)).toEqual(want);
    });

    it('throws CompactedError when the start was compacted, and works from the floor', async () => {
      const b = await ctx.open();
      const p = uniquePrefix('compacted');
      const start = await b.currentRevision();
      const history = await writeHistory(b, p, 8);
      const floor = revisionOf(history[5]!);
      await b.compact(floor);
      const error = await watchError(b, p, start);
      expect(error).toBeInstanceOf(CompactedError);
      expect((error as CompactedError).requestedRevision).toBe(start);
      expect((error as CompactedError).compactedRevision).toBe(floor);
      expect(await watchError(b, p, floor - 2)).toBeInstanceOf(CompactedError);
      const after = history.filter((e) => revisionOf(e) > floor);
      expect(summary(await collect(b, p, floor, { count: after.length }))).toEqual(after);
      const next = await b.create(`${p}new`, 'n');
      expect((await collect(b, p, floor, { until: next.modRevision })).at(-1)?.kv).toEqual(next);
    });

    it('drops a slow watcher without making writers wait; it can resume', async () => {
      const b = await ctx.open({ watchBufferSize: 8 });
      const p = uniquePrefix('slow');
      const start = await b.currentRevision();
      const controller = new AbortController();
      const iterator = b.watch(p, start, controller.signal)[Symbol.asyncIterator]();
      const first = await b.create(`${p}first`, 'f');
      const got = await iterator.next();
      expect(got.value?.revision).toBe(first.modRevision);
      const began = Date.now();
      const writes = await Promise.all(Array.from({ length: 200 }, (_, i) => b.create(`${p}${i}`, 'x')));
      expect(Date.now() - began).toBeLessThan(10_000);
      let dropped: unknown = null;
      let lastSeen = first.modRevision;
      for (let i = 0; i < 300 && !dropped; i++) {
        try {
          const r = await iterator.next();
          if (r.done) break;
          lastSeen = r.value.revision;
        } catch (error) {
          dropped = error;
        }
      }
      controller.abort();
      expect(dropped).toBeInstanceOf(WatchDroppedError);
      expect((dropped as WatchDroppedError).lastRevision).toBe(lastSeen);
      const rest = writes.map((w) => w.modRevision).filter((r) => r > lastSeen).sort((x, y) => x - y);
      const resumed = await collect(b, p, lastSeen, { count: rest.length });
      expect(resumed.map((e) => e.revision)).toEqual(rest);
    });

    it('keeps watch prefixes apart (/a/ does not see /ab)', async () => {
      const b = await ctx.open();
      const root = uniquePrefix('wiso');
      const start = await b.currentRevision();
      await b.create(`${root}ab`, 'no');
      await b.create(`${root}a`, 'no');
      const yes = await b.create(`${root}a/x`, 'yes');
      await b.create(`${root}a0`, 'no');
      const last = await b.create(`${root}a/y`, 'yes');
      const events = await collect(b, `${root}a/`, start, { until: last.modRevision });
      expect(events.map((e) => e.kv.key)).toEqual([yes.key, last.key]);
    });

    it('ends the iterable when the signal aborts', async () => {
      const b = await ctx.open();
      const p = uniquePrefix('abort');
      const controller = new AbortController();
      const received: number[] = [];
      const done = (async () => {
        for await (const event of b.watch(p, await b.currentRevision(), controller.signal)) {
          received.push(event.revision);
          controller.abort();
        }
        return 'ended';
      })();
      await new Promise((r) => setTimeout(r, 50));
      await b.create(`${p}k`, 'v');
      expect(await done).toBe('ended');
      expect(received).toHaveLength(1);
      const aborted = new AbortController();
      aborted.abort();
      const none: unknown[] = [];
      for await (const e of b.watch(p, 0, aborted.signal)) none.push(e);
      expect(none).toEqual([]);
    });
  });
}
