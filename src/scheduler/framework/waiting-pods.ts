/**
 * Pods a Permit plugin asked to wait: each waits for every such plugin to allow it, and is
 * rejected at the first reject or when a plugin's timeout passes (upstream waitingPodsMap).
 */
import type { Clock, TimerHandle } from '../../util/index.js';
import type { PodInfo } from './pod-info.js';
import { Status } from './status.js';

interface Waiting {
  pod: PodInfo;
  pending: Set<string>;
  timers: TimerHandle[];
  result: Promise<Status | undefined>;
  settle: (s: Status | undefined) => void;
  clock: Clock;
}

export class WaitingPods {
  private readonly pods = new Map<string, Waiting>();

  add(pod: PodInfo, waits: ReadonlyMap<string, number>, clock: Clock): void {
    let settle!: (s: Status | undefined) => void;
    const result = new Promise<Status | undefined>((resolve) => (settle = resolve));
    const w: Waiting = { pod, pending: new Set(waits.keys()), timers: [], result, settle, clock };
    for (const [plugin, ms] of waits) {
      w.timers.push(clock.setTimeout(() => this.reject(pod.key, plugin, `rejected due to timeout after waiting ${ms}ms`), ms));
    }
    this.pods.set(pod.key, w);
  }

  has(key: string): boolean {
    return this.pods.has(key);
  }

  keys(): string[] {
    return [...this.pods.keys()];
  }

  /** A plugin allows the pod; when the last pending plugin allows, it goes on to bind. */
  allow(key: string, plugin: string): void {
    const w = this.pods.get(key);
    if (!w) return;
    w.pending.delete(plugin);
    if (w.pending.size === 0) this.finish(key, undefined);
  }

  reject(key: string, plugin: string, message: string): void {
    if (this.pods.has(key)) this.finish(key, new Status('Unschedulable', [message], plugin));
  }

  /** Resolves with the verdict (undefined: allowed); at once when the pod is not waiting. */
  wait(key: string): Promise<Status | undefined> {
    return this.pods.get(key)?.result ?? Promise.resolve(undefined);
  }

  private finish(key: string, s: Status | undefined): void {
    const w = this.pods.get(key);
    if (!w) return;
    this.pods.delete(key);
    for (const t of w.timers) w.clock.clearTimeout(t);
    w.settle(s);
  }
}
