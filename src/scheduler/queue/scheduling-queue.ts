/**
 * The scheduling queue (upstream PriorityQueue): activeQ (ordered by the profile's QueueSort:
 * priority, then age), backoffQ (failed pods waiting out an exponential backoff), and the
 * unschedulable pods, which stay parked until a cluster event that one of the plugins that
 * rejected them registered for (node added or changed, pod deleted...), or 5 minutes pass.
 */
import type { KubeObject } from '../../api/meta.js';
import { deepEqual } from '../../machinery/index.js';
import { realClock, type Clock, type TimerHandle } from '../../util/index.js';
import { eventMatches, type ClusterEvent, type ClusterEventWithHint } from '../framework/events.js';
import type { QueuedPodInfo } from '../framework/interface.js';
import type { PodInfo } from '../framework/pod-info.js';
import { KeyedHeap } from './heap.js';
import { Nominator } from './nominator.js';

export interface QueueOptions {
  /** QueueSort order (true: a pops before b). */
  less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean;
  /** plugin name → the events that may help pods it rejected. */
  pluginEvents: ReadonlyMap<string, readonly ClusterEventWithHint[]>;
  clock?: Clock;
  /** Backoff after the first failure (default 1 s), doubling up to maxBackoffMs (default 10 s). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Unschedulable pods are retried anyway after this long (default 5 min). */
  maxInUnschedulableMs?: number;
}

export interface QueueStats {
  active: number;
  backoff: number;
  unschedulable: number;
  inFlight: number;
}

const keyOf = (q: QueuedPodInfo): string => q.podInfo.key;

function isGated(pi: PodInfo): boolean {
  return (pi.pod.spec?.schedulingGates ?? []).length > 0;
}

/** Whether an update of a pending pod changed anything scheduling reads (not just its status). */
function podChanged(a: PodInfo, b: PodInfo): boolean {
  const ma = a.pod.metadata;
  const mb = b.pod.metadata;
  return !deepEqual(a.pod.spec, b.pod.spec) || !deepEqual(ma.labels ?? {}, mb.labels ?? {}) || !deepEqual(ma.annotations ?? {}, mb.annotations ?? {});
}

export class SchedulingQueue {
  readonly nominator = new Nominator();
  private readonly clock: Clock;
  private readonly active: KeyedHeap<QueuedPodInfo>;
  private readonly backoff: KeyedHeap<QueuedPodInfo>;
  private readonly unschedulable = new Map<string, QueuedPodInfo>();
  private readonly inFlight = new Map<string, QueuedPodInfo>();
  /** Event sequence number at which each in-flight pod was popped. */
  private readonly poppedAt = new Map<string, number>();
  /** Events seen while pods were in flight: they may have helped a pod that then failed. */
  private inFlightEvents: { seq: number; event: ClusterEvent; oldObj?: KubeObject; newObj?: KubeObject }[] = [];
  private eventSeq = 0;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxInUnschedulableMs: number;
  private waiters: (() => void)[] = [];
  private backoffTimer: TimerHandle | undefined;
  private backoffTimerAt = Infinity;
  private leftoverTimer: TimerHandle | undefined;
  private closed = false;

  constructor(private readonly opts: QueueOptions) {
    this.clock = opts.clock ?? realClock;
    this.initialBackoffMs = opts.initialBackoffMs ?? 1000;
    this.maxBackoffMs = Math.max(this.initialBackoffMs, opts.maxBackoffMs ?? 10_000);
    this.maxInUnschedulableMs = opts.maxInUnschedulableMs ?? 5 * 60_000;
    this.active = new KeyedHeap(keyOf, opts.less);
    this.backoff = new KeyedHeap(keyOf, (a, b) => this.backoffExpiry(a) < this.backoffExpiry(b));
  }

  /** Starts the periodic retry of long-unschedulable pods. */
  start(): void {
    const tick = () => {
      if (this.closed) return;
      this.flushUnschedulableLeftover();
      this.leftoverTimer = this.clock.setTimeout(tick, 30_000);
    };
    this.leftoverTimer = this.clock.setTimeout(tick, 30_000);
  }

  close(): void {
    this.closed = true;
    if (this.backoffTimer) this.clock.clearTimeout(this.backoffTimer);
    if (this.leftoverTimer) this.clock.clearTimeout(this.leftoverTimer);
    this.wake();
  }

  stats(): QueueStats {
    return { active: this.active.size, backoff: this.backoff.size, unschedulable: this.unschedulable.size, inFlight: this.inFlight.size };
  }

  has(key: string): boolean {
    return this.active.has(key) || this.backoff.has(key) || this.unschedulable.has(key) || this.inFlight.has(key);
  }

  /** A new pending pod. Gated pods wait (unschedulable) until their gates are removed. */
  add(pi: PodInfo): void {
    if (this.has(pi.key)) return this.update(undefined, pi);
    const now = this.clock.now();
    const q: QueuedPodInfo = {
      podInfo: pi,
      timestamp: now,
      initialAttemptTimestamp: undefined,
      attempts: 0,
      unschedulablePlugins: new Set(),
      pendingPlugins: new Set(),
      gated: isGated(pi),
    };
    this.nominate(pi);
    if (q.gated) this.unschedulable.set(pi.key, q);
    else this.pushActive(q);
  }

  /** Takes the next pod to schedule (undefined when activeQ is empty). */
  pop(): QueuedPodInfo | undefined {
    const q = this.active.pop();
    if (!q) return undefined;
    q.attempts++;
    q.initialAttemptTimestamp ??= this.clock.now();
    this.inFlight.set(q.podInfo.key, q);
    this.poppedAt.set(q.podInfo.key, this.eventSeq);
    return q;
  }

  /** Resolves when a pod can be popped (true), or false once closed or aborted. */
  waitForPod(signal?: AbortSignal): Promise<boolean> {
    if (this.closed || signal?.aborted) return Promise.resolve(false);
    if (this.active.size > 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const onAbort = () => resolve(false);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(!this.closed);
      });
    });
  }

  /** The cycle of a popped pod ended (scheduled, or requeued through addUnschedulable). */
  done(key: string): void {
    this.landed(key);
  }

  private landed(key: string): void {
    this.inFlight.delete(key);
    this.poppedAt.delete(key);
    if (this.inFlight.size === 0) this.inFlightEvents = [];
  }

  /**
   * Requeues a pod whose attempt failed: parked as unschedulable when plugins rejected it,
   * else (errors) through backoff.
   */
  addUnschedulable(q: QueuedPodInfo): void {
    const key = q.podInfo.key;
    const since = this.poppedAt.get(key) ?? this.eventSeq;
    const helped = this.inFlightEvents.some((e) => e.seq > since && this.worthRequeuing(q, e.event, e.oldObj, e.newObj));
    this.landed(key);
    if (this.closed || this.active.has(key) || this.backoff.has(key) || this.unschedulable.has(key)) return;
    q.timestamp = this.clock.now();
    this.nominate(q.podInfo);
    if (helped || (q.unschedulablePlugins.size === 0 && q.pendingPlugins.size === 0)) this.pushBackoff(q);
    else this.unschedulable.set(key, q);
  }

  /** A pending pod changed. */
  update(old: PodInfo | undefined, pi: PodInfo): void {
    const key = pi.key;
    const flying = this.inFlight.get(key);
    if (flying) {
      flying.podInfo = pi;
      return;
    }
    for (const heap of [this.active, this.backoff]) {
      const q = heap.get(key);
      if (q) {
        q.podInfo = pi;
        heap.addOrUpdate(q);
        this.nominate(pi);
        return;
      }
    }
    const q = this.unschedulable.get(key);
    if (!q) return this.add(pi);
    const before = q.podInfo;
    q.podInfo = pi;
    this.nominate(pi);
    const gatedBefore = q.gated;
    q.gated = isGated(pi);
    if (q.gated) return;
    if (gatedBefore || podChanged(old ?? before, pi)) {
      this.unschedulable.delete(key);
      this.requeue(q);
    }
  }

  delete(key: string): void {
    this.active.delete(key);
    this.backoff.delete(key);
    this.unschedulable.delete(key);
    this.landed(key);
    this.nominator.delete(key);
  }

  /** A cluster event: moves back the parked pods it may help. */
  moveAllToActiveOrBackoff(event: ClusterEvent, oldObj?: KubeObject, newObj?: KubeObject): number {
    this.eventSeq++;
    if (this.inFlight.size > 0) this.inFlightEvents.push({ seq: this.eventSeq, event, oldObj, newObj });
    let moved = 0;
    for (const [key, q] of this.unschedulable) {
      if (q.gated || !this.worthRequeuing(q, event, oldObj, newObj)) continue;
      this.unschedulable.delete(key);
      this.requeue(q);
      moved++;
    }
    return moved;
  }

  /** Pods waiting in every queue, for debugging. */
  pendingPods(): PodInfo[] {
    return [...this.active.values(), ...this.backoff.values(), ...this.unschedulable.values()].map((q) => q.podInfo);
  }

  backoffDuration(q: QueuedPodInfo): number {
    let d = this.initialBackoffMs;
    for (let i = 1; i < q.attempts; i++) {
      d *= 2;
      if (d >= this.maxBackoffMs) return this.maxBackoffMs;
    }
    return d;
  }

  private backoffExpiry(q: QueuedPodInfo): number {
    return q.timestamp + this.backoffDuration(q);
  }

  private worthRequeuing(q: QueuedPodInfo, event: ClusterEvent, oldObj?: KubeObject, newObj?: KubeObject): boolean {
    if (event.resource === '*') return true;
    if (q.unschedulablePlugins.size === 0 && q.pendingPlugins.size === 0) return true;
    for (const plugins of [q.unschedulablePlugins, q.pendingPlugins]) {
      for (const name of plugins) {
        for (const reg of this.opts.pluginEvents.get(name) ?? []) {
          if (!eventMatches(reg.event, event)) continue;
          let hint: string = 'Queue';
          try {
            hint = reg.hint ? reg.hint(q.podInfo, oldObj, newObj) : 'Queue';
          } catch {
            // A failing hint must not strand the pod.
          }
          if (hint === 'Queue') return true;
        }
      }
    }
    return false;
  }

  private requeue(q: QueuedPodInfo): void {
    if (q.attempts > 0 && this.backoffExpiry(q) > this.clock.now()) this.pushBackoff(q);
    else this.pushActive(q);
  }

  private pushActive(q: QueuedPodInfo): void {
    this.active.addOrUpdate(q);
    this.wake();
  }

  private pushBackoff(q: QueuedPodInfo): void {
    this.backoff.addOrUpdate(q);
    this.armBackoffTimer();
  }

  private armBackoffTimer(): void {
    const top = this.backoff.peek();
    if (!top || this.closed) return;
    const at = this.backoffExpiry(top);
    if (this.backoffTimer && at >= this.backoffTimerAt) return;
    if (this.backoffTimer) this.clock.clearTimeout(this.backoffTimer);
    this.backoffTimerAt = at;
    this.backoffTimer = this.clock.setTimeout(() => {
      this.backoffTimer = undefined;
      this.backoffTimerAt = Infinity;
      this.flushBackoffCompleted();
    }, at - this.clock.now());
  }

  /** Moves pods whose backoff expired to activeQ. */
  flushBackoffCompleted(): void {
    const now = this.clock.now();
    for (let top = this.backoff.peek(); top && this.backoffExpiry(top) <= now; top = this.backoff.peek()) {
      this.backoff.pop();
      this.pushActive(top);
    }
    this.armBackoffTimer();
  }

  /** Retries pods parked longer than maxInUnschedulableMs. */
  flushUnschedulableLeftover(): void {
    const now = this.clock.now();
    for (const [key, q] of this.unschedulable) {
      if (q.gated || now - q.timestamp <= this.maxInUnschedulableMs) continue;
      this.unschedulable.delete(key);
      this.requeue(q);
    }
  }

  private nominate(pi: PodInfo): void {
    const n = pi.pod.status?.nominatedNodeName;
    if (n) this.nominator.add(pi, n);
    else if (this.nominator.nodeFor(pi.key) !== undefined) this.nominator.update(pi);
  }

  private wake(): void {
    const w = this.waiters;
    if (w.length === 0) return;
    this.waiters = [];
    for (const fn of w) fn();
  }
}

