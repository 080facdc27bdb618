/**
 * One timer for many keys: thousands of simulated nodes and pods schedule wake-ups here, and a
 * single clock timer is armed for the earliest. Keys due within `slackMs` of each other are
 * delivered together, so heartbeats spread over an interval cost one wake-up per batch.
 */
import { realClock, type Clock, type TimerHandle } from '../../util/index.js';

interface Entry<K> {
  at: number;
  seq: number;
  key: K;
}

export interface TimerQueueOptions<K> {
  /** Called with every key that fell due (each once, earliest first). Exceptions are the caller's bug: they are logged. */
  onDue: (keys: K[]) => void;
  clock?: Clock;
  /** Keys due up to this much later are delivered with the current batch (default 20 ms). */
  slackMs?: number;
  log?: (line: string) => void;
}

export class TimerQueue<K> {
  private readonly heap: Entry<K>[] = [];
  /** The live schedule of each key; heap entries that do not match are stale and skipped. */
  private readonly live = new Map<K, Entry<K>>();
  private readonly clock: Clock;
  private readonly slackMs: number;
  private timer: TimerHandle | undefined;
  private armedAt = Infinity;
  private seq = 0;
  private stopped = false;

  constructor(private readonly opts: TimerQueueOptions<K>) {
    this.clock = opts.clock ?? realClock;
    this.slackMs = opts.slackMs ?? 20;
  }

  /** Keys with a pending wake-up. */
  get size(): number {
    return this.live.size;
  }

  /** When `key` is due, if scheduled. */
  dueAt(key: K): number | undefined {
    return this.live.get(key)?.at;
  }

  /** (Re)schedules `key` at time `at` (epoch ms), replacing any earlier schedule of it. */
  schedule(key: K, at: number): void {
    if (this.stopped) return;
    const e: Entry<K> = { at, seq: this.seq++, key };
    this.live.set(key, e);
    this.push(e);
    this.arm();
  }

  /** Schedules `key` at `at` unless it is already due sooner. */
  scheduleEarliest(key: K, at: number): void {
    const cur = this.live.get(key);
    if (cur === undefined || at < cur.at) this.schedule(key, at);
  }

  cancel(key: K): void {
    this.live.delete(key);
  }

  /** Cancels everything; later schedules are ignored. */
  stop(): void {
    this.stopped = true;
    this.live.clear();
    this.heap.length = 0;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    this.dropStale();
    const top = this.heap[0];
    if (!top) {
      if (this.timer) this.clock.clearTimeout(this.timer);
      this.timer = undefined;
      this.armedAt = Infinity;
      return;
    }
    if (this.timer && this.armedAt <= top.at) return;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.armedAt = top.at;
    this.timer = this.clock.setTimeout(() => this.fire(), Math.max(0, top.at - this.clock.now()));
  }

  private fire(): void {
    this.timer = undefined;
    this.armedAt = Infinity;
    if (this.stopped) return;
    const limit = this.clock.now() + this.slackMs;
    const due: K[] = [];
    for (;;) {
      this.dropStale();
      const top = this.heap[0];
      if (!top || top.at > limit) break;
      this.pop();
      this.live.delete(top.key);
      due.push(top.key);
    }
    if (due.length) {
      try {
        this.opts.onDue(due);
      } catch (err) {
        (this.opts.log ?? ((l: string) => process.stderr.write(`${l}\n`)))(`timer queue: handler failed: ${String(err)}`);
      }
    }
    this.arm();
  }

  private dropStale(): void {
    while (this.heap.length && this.live.get(this.heap[0]!.key) !== this.heap[0]) this.pop();
  }

  private less(a: Entry<K>, b: Entry<K>): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(e: Entry<K>): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}
