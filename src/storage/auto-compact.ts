/**
 * Automatic compaction policy, shared by every backend: every `intervalMs` it compacts away
 * history that is older than `keepMs` or more than `keepRevisions` behind the head, whichever
 * removes more. The timer does not keep the process alive.
 */

export interface AutoCompactOptions {
  /** How often to check, in milliseconds (default 5,000). */
  intervalMs?: number;
  /** Keep at most this many revisions of history (default 20,000). */
  keepRevisions?: number;
  /** Keep history for at most this long, in milliseconds (default 5 minutes). */
  keepMs?: number;
  /** Called when a round fails (the next round tries again). */
  onError?: (error: unknown) => void;
  /** The clock, for tests (default Date.now). */
  now?: () => number;
}

export const AUTO_COMPACT_DEFAULTS = { intervalMs: 5_000, keepRevisions: 20_000, keepMs: 300_000 };

export interface Compactable {
  currentRevision(): Promise<number>;
  compactedRevision(): Promise<number>;
  compact(revision: number): Promise<void>;
}

interface Sample {
  at: number;
  revision: number;
}

export class AutoCompactor {
  private readonly samples: Sample[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly opts: Required<Omit<AutoCompactOptions, 'onError'>> & Pick<AutoCompactOptions, 'onError'>;

  constructor(
    private readonly target: Compactable,
    opts: AutoCompactOptions = {},
  ) {
    this.opts = { ...AUTO_COMPACT_DEFAULTS, now: Date.now, ...opts };
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.opts.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a round under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One round (the timer calls this; tests may call it directly). Never throws. */
  tick(): Promise<void> {
    this.running ??= this.round().finally(() => (this.running = null));
    return this.running;
  }

  /** The revision a round at time `now` with head `current` would compact to. */
  targetRevision(now: number, current: number): number {
    this.samples.push({ at: now, revision: current });
    // Keep the newest sample that is already older than the window, and everything newer.
    const cutoff = now - this.opts.keepMs;
    while (this.samples.length > 1 && this.samples[1]!.at <= cutoff) this.samples.shift();
    const old = this.samples[0]!;
    const byTime = old.at <= cutoff ? old.revision : 0;
    return Math.max(0, byTime, current - this.opts.keepRevisions);
  }

  private async round(): Promise<void> {
    try {
      const current = await this.target.currentRevision();
      const to = this.targetRevision(this.opts.now(), current);
      if (to > (await this.target.compactedRevision())) await this.target.compact(to);
    } catch (error) {
      this.opts.onError?.(error);
    }
  }
}
