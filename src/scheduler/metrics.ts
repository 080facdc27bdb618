/** Counters and latency samples of the scheduler (what kube-scheduler exports as metrics). */

const MAX_SAMPLES = 100_000;

export class SchedulerMetrics {
  attempts = 0;
  scheduled = 0;
  unschedulable = 0;
  errors = 0;
  bindErrors = 0;
  /** Milliseconds from the first attempt to a successful bind. */
  private readonly e2e: number[] = [];
  /** Milliseconds spent in the synchronous scheduling cycle. */
  private readonly algorithm: number[] = [];

  observeE2E(ms: number): void {
    push(this.e2e, ms);
  }

  observeAlgorithm(ms: number): void {
    push(this.algorithm, ms);
  }

  /** The q-quantile (0..1) of the recorded latencies of `which`, or NaN with no samples. */
  quantile(which: 'e2e' | 'algorithm', q: number): number {
    const xs = [...(which === 'e2e' ? this.e2e : this.algorithm)].sort((a, b) => a - b);
    if (xs.length === 0) return NaN;
    return xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
  }
}

function push(xs: number[], v: number): void {
  if (xs.length >= MAX_SAMPLES) xs.splice(0, xs.length >> 1);
  xs.push(v);
}
