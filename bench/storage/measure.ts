/** Measurement helpers for the storage benchmark: timed write loops and latency percentiles. */
import type { Backend } from '../../src/storage/index.js';

export interface Throughput {
  opsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  ops: number;
}

/** Raw samples of one run, so that runs can be merged. */
export interface LoadSamples {
  latencies: number[];
  elapsedMs: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Runs `op(i)` with `inFlight` calls outstanding until `maxOps` calls finished or `maxMs`
 * passed; records each call's latency. `i` continues from `opts.start` (default 0).
 */
export async function runLoadSamples(
  inFlight: number,
  op: (i: number) => Promise<unknown>,
  opts: { maxOps: number; maxMs: number; start?: number },
): Promise<LoadSamples> {
  const latencies: number[] = [];
  let next = opts.start ?? 0;
  const end = next + opts.maxOps;
  const began = performance.now();
  const deadline = began + opts.maxMs;
  const worker = async (): Promise<void> => {
    while (next < end && performance.now() < deadline) {
      const i = next++;
      const t = performance.now();
      await op(i);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return { latencies, elapsedMs: performance.now() - began };
}

/** Throughput and latency of one or more runs together. */
export function summarize(runs: readonly LoadSamples[]): Throughput {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const elapsed = runs.reduce((sum, r) => sum + r.elapsedMs, 0);
  return {
    opsPerSec: (latencies.length / elapsed) * 1000,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? 0,
    ops: latencies.length,
  };
}

export async function runLoad(
  inFlight: number,
  op: (i: number) => Promise<unknown>,
  opts: { maxOps: number; maxMs: number },
): Promise<Throughput> {
  return summarize([await runLoadSamples(inFlight, op, opts)]);
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
