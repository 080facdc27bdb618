/** Load generators (closed loop at a concurrency, open loop at a fixed rate) and latency summaries. */

export interface Summary {
  /** Completed operations. */
  ops: number;
  /** Failed operations (counted in `ops`'s attempts, excluded from latencies). */
  errors: number;
  /** Completed operations per second over the run. */
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The first error's message, if any. */
  firstError?: string;
}

/** Nearest-rank percentile of sorted values (0 for none). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Summarises latencies (ms) measured over `elapsedMs`. */
export function summarize(latencies: number[], errors: number, opts: { elapsedMs: number; firstError?: string }): Summary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    ops: sorted.length,
    errors,
    perSecond: opts.elapsedMs > 0 ? (sorted.length * 1000) / opts.elapsedMs : 0,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length ? sorted[sorted.length - 1] : 0,
    firstError: opts.firstError,
  };
}

/** One operation; `i` counts operations across all workers. A throw counts as an error. */
export type Operation = (i: number) => Promise<unknown>;

export interface ClosedLoopOptions {
  /** Workers, each with one operation in flight. */
  concurrency: number;
  /** Stop starting operations after this long. */
  durationMs: number;
  /** ...or after this many (default: unbounded within the duration). */
  maxOps?: number;
}

/** `concurrency` workers run `op` back to back until the time or count runs out. */
export async function closedLoop(op: Operation, opts: ClosedLoopOptions): Promise<Summary> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const maxOps = opts.maxOps ?? Number.MAX_SAFE_INTEGER;
  const started = performance.now();
  const deadline = started + opts.durationMs;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline && next < maxOps) {
      const i = next++;
      const t0 = performance.now();
      try {
        await op(i);
        latencies.push(performance.now() - t0);
      } catch (err) {
        errors++;
        firstError ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return summarize(latencies, errors, { elapsedMs: performance.now() - started, firstError });
}

export interface OpenLoopOptions {
  /** Operations started per second, on a fixed schedule whatever the answers do. */
  ratePerSecond: number;
  durationMs: number;
}

/**
 * Starts `op` at a fixed rate (open loop). Each latency is measured from the scheduled start,
 * so a stall is charged to every request that should have started during it.
 */
export async function openLoop(op: Operation, opts: OpenLoopOptions): Promise<Summary> {
  const total = Math.round((opts.ratePerSecond * opts.durationMs) / 1000);
  const intervalMs = 1000 / opts.ratePerSecond;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const scheduled = started + i * intervalMs;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      op(i).then(
        () => void latencies.push(performance.now() - scheduled),
        (err: unknown) => {
          errors++;
          firstError ??= err instanceof Error ? err.message : String(err);
        },
      ),
    );
  }
  await Promise.all(inFlight);
  return summarize(latencies, errors, { elapsedMs: performance.now() - started, firstError });
}
