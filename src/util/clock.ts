/**
 * A clock: the time now and timers. Components take a `Clock` so tests can drive time with
 * `FakeClock` instead of sleeping.
 */

/** An opaque timer handle returned by `Clock.setTimeout`. */
export interface TimerHandle {
  readonly id: number;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` after `ms` milliseconds (negative or NaN counts as 0). */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

let nextId = 1;

/** The real clock (Date.now and Node's timers). Timers do not keep the process alive. */
export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, safeDelay(ms));
    t.unref?.();
    return { id: nextId++, t } as TimerHandle & { t: NodeJS.Timeout };
  },
  clearTimeout(handle) {
    const t = (handle as TimerHandle & { t?: NodeJS.Timeout }).t;
    if (t) clearTimeout(t);
  },
};

/** Clamps a delay to what Node's timers accept (0 … 2^31-1 ms). */
export function safeDelay(ms: number): number {
  if (!Number.isFinite(ms) || ms <= 0) return ms === Infinity ? 2 ** 31 - 1 : 0;
  return Math.min(ms, 2 ** 31 - 1);
}

interface FakeTimer {
  id: number;
  at: number;
  seq: number;
  fn: () => void;
}

/**
 * A clock that moves only when told. `advance(ms)` fires due timers in time order (timers a
 * callback sets that fall inside the window fire too).
 */
export class FakeClock implements Clock {
  private current: number;
  private timers: FakeTimer[] = [];
  private seq = 0;

  constructor(startMs = 1_700_000_000_000) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer: FakeTimer = { id: nextId++, at: this.current + safeDelay(ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return { id: timer.id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== handle.id);
  }

  /** How many timers are waiting. */
  pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due, earliest first. */
  advance(ms: number): void {
    const end = this.current + Math.max(0, ms);
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end);
      if (due.length === 0) break;
      due.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = due[0]!;
      this.timers = this.timers.filter((t) => t !== next);
      this.current = Math.max(this.current, next.at);
      next.fn();
    }
    this.current = end;
  }
}
