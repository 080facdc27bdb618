/** Compaction stall: the slowest write while a large history is compacted. */
import type { Backend } from '../../src/storage/index.js';
import { runLoad, seed, updater } from './measure.js';

export interface StallResult {
  /** Revisions of history compacted. */
  revisions: number;
  compactMs: number;
  /** Slowest single write while compaction ran. */
  maxStallMs: number;
  /** Slowest single write of the same loop without compaction, for reference. */
  baselineMaxMs: number;
  writesDuring: number;
}

/** One sequential writer, timed; runs until `stop()` resolves. */
async function timedWriter(b: Backend, key: string, until: Promise<unknown>): Promise<{ max: number; writes: number }> {
  let done = false;
  void until.finally(() => (done = true));
  let kv = (await b.get(key)) ?? (await b.create(key, '0'));
  let max = 0;
  let writes = 0;
  while (!done) {
    const t = performance.now();
    kv = await b.update(key, String(writes++), kv.modRevision);
    max = Math.max(max, performance.now() - t);
  }
  return { max, writes };
}

export async function compactionStall(
  b: Backend,
  prefix: string,
  opts: { keys: number; updates: number; value: string },
): Promise<StallResult> {
  const revisions = await seed(b, prefix, opts.keys, opts.value);
  await runLoad(32, updater(b, revisions, opts.value), { maxOps: opts.updates, maxMs: 60_000 });
  const target = await b.currentRevision();
  const before = await b.compactedRevision();
  const baseline = await timedWriter(b, `${prefix}probe`, new Promise((r) => setTimeout(r, 500)));

  const began = performance.now();
  const compaction = b.compact(target);
  // etcd compacts in the background after acknowledging; keep writing a little longer there.
  const during = await timedWriter(b, `${prefix}probe`, compaction.then(() => new Promise((r) => setTimeout(r, 300))));
  const compactMs = performance.now() - began;
  return {
    revisions: target - before,
    compactMs,
    maxStallMs: during.max,
    baselineMaxMs: baseline.max,
    writesDuring: during.writes,
  };
}
