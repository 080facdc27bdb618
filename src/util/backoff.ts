/** Exponential backoff with jitter (as apimachinery's wait.Backoff), capped and resettable. */

export interface BackoffOptions {
  /** The first delay (default 100 ms). */
  initialMs?: number;
  /** Each delay is the previous times this (default 2). */
  factor?: number;
  /** Delays never exceed this (default 30 s). */
  maxMs?: number;
  /** Adds up to this fraction of the delay at random (default 0.1; 0 for none). */
  jitter?: number;
  /** Random source in [0, 1) (default Math.random), for tests. */
  random?: () => number;
}

export class Backoff {
  private readonly initialMs: number;
  private readonly factor: number;
  private readonly maxMs: number;
  private readonly jitter: number;
  private readonly random: () => number;
  private attempt = 0;

  constructor(opts: BackoffOptions = {}) {
    this.initialMs = Math.max(0, opts.initialMs ?? 100);
    this.factor = Math.max(1, opts.factor ?? 2);
    this.maxMs = Math.max(this.initialMs, opts.maxMs ?? 30_000);
    this.jitter = Math.max(0, opts.jitter ?? 0.1);
    this.random = opts.random ?? Math.random;
  }

  /** The delay before the next attempt; each call grows the following one. */
  next(): number {
    const base = Math.min(this.maxMs, this.initialMs * this.factor ** this.attempt);
    if (base < this.maxMs) this.attempt++;
    return Math.min(this.maxMs, base + base * this.jitter * this.random());
  }

  /** How many delays were handed out since the last reset. */
  get attempts(): number {
    return this.attempt;
  }

  /** Back to the initial delay (after a success). */
  reset(): void {
    this.attempt = 0;
  }
}

/** The n-th (0-based) delay of an exponential series without jitter: min(max, base·2ⁿ). */
export function exponentialDelay(n: number, opts: { baseMs: number; maxMs: number }): number {
  if (n <= 0) return Math.min(opts.baseMs, opts.maxMs);
  // Guard against overflow for large n, as client-go's ItemExponentialFailureRateLimiter does.
  const exp = Math.min(n, 62);
  const d = opts.baseMs * 2 ** exp;
  return Number.isFinite(d) ? Math.min(d, opts.maxMs) : opts.maxMs;
}
