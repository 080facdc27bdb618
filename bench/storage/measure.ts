/** Measurement helpers for the storage benchmark: timed write loops and latency percentiles. */
import type { Backend } from '../../src/storage/index.js';

export interface Throughput {
  opsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  ops: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Runs `op(i)` with `inFlight` calls outstanding until `maxOps` calls finished or `maxMs`
 * passed; records each call's latency.
 */
export async function runLoad(
  inFlight: number,
  op: (i: number) => Promise<unknown>,
  opts: { maxOps: number; maxMs: number },
): Promise<Throughput> {
  const latencies: number[] = [];
  let next = 0;
  const began = performance.now();
  const deadline = began + opts.maxMs;
  const worker = async (): Promise<void> => {
    while (next < opts.maxOps && performance.now() < deadline) {
      const i = next++;
      const t = performance.now();
      await op(i);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const elapsed = performance.now() - began;
  latencies.sort((a, b) => a - b);
  return {
    opsPerSec: (latencies.length / elapsed) * 1000,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? 0,
    ops: latencies.length,
  };
}

/** Creates `count` keys under `prefix` (64 in flight); returns their mod revisions. */
export async function seed(b: Backend, prefix: string, count: number, value: string): Promise<Map<string, number>> {
  const revisions = new Map<string, number>();
  await runLoad(
    64,
    async (i) => {
      const kv = await b.create(`${prefix}${i}`, value);
      revisions.set(kv.key, kv.modRevision);
    },
    { maxOps: count, maxMs: 120_000 },
  );
  return revisions;
}

/** Updates keys of `revisions` round-robin (compare-and-swap on the last revision). */
export function updater(b: Backend, revisions: Map<string, number>, value: string): (i: number) => Promise<unknown> {
  const keys = [...revisions.keys()];
  return async (i) => {
    const key = keys[i % keys.length]!;
    const kv = await b.update(key, value, revisions.get(key)!);
    revisions.set(key, kv.modRevision);
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
