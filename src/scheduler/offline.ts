/**
 * The scheduler without an API server: nodes and pods are fed in directly and bindings land
 * in memory. For capacity planning ("where would these pods go on those nodes?"), for tests of
 * the whole loop, and for measuring the scheduler's own speed apart from the API server's.
 */
import type { Node, Pod, PodCondition } from '../api/core/v1/index.js';
import { realClock, type Clock } from '../util/index.js';
import { ClusterInfo } from './cluster-info.js';
import type { EventHandlers } from './event-handlers.js';
import { assembleScheduler } from './assemble.js';
import type { ProfileConfig } from './profile.js';
import type { SchedulerApi } from './framework/interface.js';
import { PriorityResolver } from './priority.js';
import type { Scheduler } from './scheduler.js';

export interface OfflineEvent {
  pod: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export interface OfflineOptions {
  profiles?: ProfileConfig[];
  percentageOfNodesToScore?: number;
  clock?: Clock;
  /** Keep recorded events (default true; off for big runs). */
  recordEvents?: boolean;
  onPodBound?: (pod: Pod, nodeName: string) => void;
}

/** An in-memory cluster around a real Scheduler. */
export class OfflineScheduler {
  readonly scheduler: Scheduler;
  /** Current pods by namespace/name (what an informer would hold). */
  readonly pods = new Map<string, Pod>();
  readonly events: OfflineEvent[] = [];
  private readonly handlers: EventHandlers;

  constructor(opts: OfflineOptions = {}) {
    const clock = opts.clock ?? realClock;
    const record = opts.recordEvents ?? true;
    const key = (p: Pod) => `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`;
    const api: SchedulerApi & {
      patchStatus(pod: Pod, c: PodCondition | undefined, nnn?: string): Promise<void>;
      event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void;
    } = {
      bind: async (pod, nodeName) => {
        const cur = this.pods.get(key(pod));
        if (!cur || cur.spec?.nodeName) throw new Error(`pod ${key(pod)} is gone or already bound`);
        this.updatePod({ ...cur, spec: { ...cur.spec, nodeName } });
      },
      preemptPod: async (victim) => this.deletePod(victim.metadata.namespace ?? '', victim.metadata.name ?? ''),
      clearNomination: async (pod) => this.patch(pod, undefined, ''),
      patchStatus: async (pod, c, nnn) => this.patch(pod, c, nnn),
      event: (pod, type, reason, message) => {
        if (record) this.events.push({ pod: key(pod), type, reason, message });
      },
    };
    const { scheduler, handlers } = assembleScheduler(
      { api, info: new ClusterInfo(), priorities: new PriorityResolver(), currentPod: (ns, name) => this.pods.get(`${ns}/${name}`), clock, log: () => {} },
      { profiles: opts.profiles, percentageOfNodesToScore: opts.percentageOfNodesToScore, onPodBound: opts.onPodBound },
    );
    this.scheduler = scheduler;
    this.handlers = handlers;
  }

  addNode(node: Node): void {
    this.handlers.onNodeAdd(node);
  }

  /** Adds a pod (its uid is made up when missing). */
  addPod(pod: Pod): void {
    const p: Pod = pod.metadata.uid ? pod : { ...pod, metadata: { ...pod.metadata, uid: `offline-${this.pods.size}-${pod.metadata.name}` } };
    p.metadata.namespace ??= 'default';
    this.pods.set(`${p.metadata.namespace}/${p.metadata.name}`, p);
    this.handlers.onPodAdd(p);
  }

  deletePod(namespace: string, name: string): void {
    const p = this.pods.get(`${namespace}/${name}`);
    if (!p) return;
    this.pods.delete(`${namespace}/${name}`);
    this.handlers.onPodDelete(p);
  }

  /** Schedules until the queue has nothing active and nothing is binding. */
  async runUntilIdle(): Promise<void> {
    const ctl = new AbortController();
    // Backoff timers do not hold the process open; this does, while pods wait them out.
    const keepAlive = setInterval(() => {}, 60_000);
    try {
      const run = this.scheduler.run(ctl.signal);
      await this.scheduler.whenIdle();
      ctl.abort();
      await run;
    } finally {
      clearInterval(keepAlive);
    }
  }

  private updatePod(p: Pod): void {
    const k = `${p.metadata.namespace}/${p.metadata.name}`;
    const old = this.pods.get(k);
    if (!old) return;
    this.pods.set(k, p);
    this.handlers.onPodUpdate(old, p);
  }

  private patch(pod: Pod, c: PodCondition | undefined, nnn?: string): void {
    const cur = this.pods.get(`${pod.metadata.namespace}/${pod.metadata.name}`);
    if (!cur) return;
    const status = { ...cur.status };
    if (c) status.conditions = [...(status.conditions ?? []).filter((x) => x.type !== c.type), c];
    if (nnn !== undefined) status.nominatedNodeName = nnn || undefined;
    this.updatePod({ ...cur, status });
  }
}
