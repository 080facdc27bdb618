/** Compaction stall: the slowest write while a large history is compacted. */
import type { Backend } from '../../src/storage/index.js';
import { runLoad, seed, updater } from './measure.js';

export interface StallResult {
  /** Revisions of history compacted. */
  revisions: number;
  compactMs: number;
  /** Slowest single write while compaction ran. */
  maxStallMs: number;
  /** Slowest single write of the same loop for as long again without compaction (disk noise). */
  baselineMaxMs: number;
  /** Log-backed stores: the longest compaction batch, i.e. the most compaction itself held writes. */
  maxBatchMs: number | null;
  writesDuring: number;
}

/** One sequential writer, timed, until `until` settles. */
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

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function compactionStall(
  b: Backend,
  prefix: string,
  opts: { keys: number; updates: number; value: string },
): Promise<StallResult> {
  const revisions = await seed(b, prefix, opts.keys, opts.value);
  await runLoad(64, updater(b, revisions, opts.value), { maxOps: opts.updates, maxMs: 60_000 });
  const target = await b.currentRevision();
  const before = await b.compactedRevision();

  const began = performance.now();
  // etcd acknowledges compaction at once and works in the background: keep writing a while.
  const compaction = b.compact(target).then(() => delay(300));
  const during = await timedWriter(b, `${prefix}probe`, compaction);
  const compactMs = performance.now() - began;
  const baseline = await timedWriter(b, `${prefix}probe`, delay(Math.min(compactMs, 5_000)));
  const stats = (b as { compactionStats?: { maxBatchMs: number } }).compactionStats;
  return {
    revisions: target - before,
    compactMs,
    maxStallMs: during.max,
    baselineMaxMs: baseline.max,
    maxBatchMs: stats ? stats.maxBatchMs : null,
    writesDuring: during.writes,
  };
}
