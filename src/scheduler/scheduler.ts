/**
 * The scheduling loop (upstream scheduleOne): pop a pod, run its profile's scheduling cycle
 * synchronously against the cache, assume the pod on the chosen node, and bind in the
 * background so the next pod is scheduled at once. Failures park the pod in the queue, set its
 * PodScheduled=False condition and record a FailedScheduling event; preemption nominates a node.
 */
import { setMaxListeners } from 'node:events';
import type { Pod, PodCondition } from '../api/core/v1/index.js';
import { realClock, type Clock } from '../util/index.js';
import { rfc3339 } from '../util/index.js';
import type { SchedulerCache } from './cache/cache.js';
import { CycleState } from './framework/cycle-state.js';
import { FitError, type Diagnosis } from './framework/diagnosis.js';
import { EVENTS } from './framework/events.js';
import type { QueuedPodInfo, SchedulerApi } from './framework/interface.js';
import type { PodInfo } from './framework/pod-info.js';
import type { Framework } from './framework/runtime.js';
import type { Status } from './framework/status.js';
import type { SchedulingQueue } from './queue/scheduling-queue.js';
import { PodScheduler } from './schedule-pod.js';
import { SchedulerMetrics } from './metrics.js';

/** What the loop needs besides queue, cache and profiles. */
export interface SchedulerDeps {
  api: SchedulerApi & {
    patchStatus(pod: Pod, condition: PodCondition | undefined, nominatedNodeName?: string): Promise<void>;
    event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void;
  };
  /** The informer's current copy of a pod (undefined once deleted). */
  currentPod(namespace: string, name: string): Pod | undefined;
  clock?: Clock;
  log?: (line: string) => void;
}

export interface LoopOptions {
  percentageOfNodesToScore?: number;
  /** Bindings in flight at most; scheduling pauses when reached (default 64). */
  maxConcurrentBinds?: number;
  random?: () => number;
  /** Called after each successful binding (metrics, benchmarks). */
  onPodBound?: (pod: Pod, nodeName: string) => void;
}

/** Event notes are limited to 1024 bytes; longer messages end in " ..." as upstream cuts them. */
export function truncateMessage(message: string): string {
  const max = 1024;
  if (Buffer.byteLength(message) <= max) return message;
  let cut = message.slice(0, max - 4);
  while (Buffer.byteLength(cut) > max - 4) cut = cut.slice(0, -1);
  return `${cut} ...`;
}

/** Longest stretch of synchronous scheduling before yielding to I/O (ms). */
const SLICE_MS = 8;

const yieldToIo = (): Promise<void> => new Promise((r) => setImmediate(r));

export class Scheduler {
  readonly metrics = new SchedulerMetrics();
  private readonly algorithm: PodScheduler;
  private readonly clock: Clock;
  private readonly log: (line: string) => void;
  private readonly maxBinds: number;
  private readonly onPodBound: ((pod: Pod, nodeName: string) => void) | undefined;
  private bindsInFlight = 0;
  private bindSlotWaiter: (() => void) | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(
    readonly frameworks: ReadonlyMap<string, Framework>,
    readonly queue: SchedulingQueue,
    readonly cache: SchedulerCache,
    private readonly deps: SchedulerDeps,
    opts: LoopOptions = {},
  ) {
    this.clock = deps.clock ?? realClock;
    this.log = deps.log ?? ((l) => process.stderr.write(`${l}\n`));
    this.maxBinds = Math.max(1, opts.maxConcurrentBinds ?? 64);
    this.onPodBound = opts.onPodBound;
    this.algorithm = new PodScheduler(cache, queue.nominator, { percentageOfNodesToScore: opts.percentageOfNodesToScore, random: opts.random });
  }

  /** The profile for a pod, or undefined when another scheduler owns it. */
  frameworkFor(pod: Pod): Framework | undefined {
    return this.frameworks.get(pod.spec?.schedulerName || 'default-scheduler');
  }

  /** Schedules until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    // Every binding in flight listens on it.
    setMaxListeners(0, signal);
    while (!signal.aborted) {
      if (!(await this.queue.waitForPod(signal))) break;
      const sliceEnd = performance.now() + SLICE_MS;
      while (!signal.aborted && performance.now() < sliceEnd) {
        if (this.bindsInFlight >= this.maxBinds) {
          await new Promise<void>((r) => (this.bindSlotWaiter = r));
          break;
        }
        const q = this.queue.pop();
        if (!q) break;
        try {
          this.scheduleOne(q, signal);
        } catch (e) {
          // A bug in a plugin or here must not stop the loop: the pod retries after a backoff.
          this.log(`scheduler: scheduling ${q.podInfo.namespace}/${q.podInfo.name}: ${e instanceof Error ? e.stack : String(e)}`);
          this.metrics.errors++;
          this.cache.forgetPod(q.podInfo.key);
          q.unschedulablePlugins.clear();
          this.queue.addUnschedulable(q);
        }
      }
      await yieldToIo();
      if (this.isIdle()) this.notifyIdle();
    }
  }

  /**
   * Resolves when no pod is active or backing off and no binding is in flight (tests,
   * benchmarks); parked unschedulable pods do not count.
   */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  private isIdle(): boolean {
    const q = this.queue.stats();
    return this.bindsInFlight === 0 && q.active === 0 && q.backoff === 0;
  }

  /** One scheduling cycle; the binding cycle continues in the background. */
  scheduleOne(q: QueuedPodInfo, signal: AbortSignal): void {
    const pi = q.podInfo;
    const fwk = this.frameworkFor(pi.pod);
    const cur = this.deps.currentPod(pi.namespace, pi.name);
    if (!fwk || !cur || cur.metadata.uid !== pi.pod.metadata.uid || cur.spec?.nodeName || cur.metadata.deletionTimestamp || this.cache.nodeOf(pi.key)) {
      this.queue.done(pi.key);
      return;
    }
    const start = performance.now();
    this.metrics.attempts++;
    const state = new CycleState();
    const r = this.algorithm.schedule(fwk, state, pi);
    if (r instanceof FitError) {
      this.handleFitError(fwk, state, q, r);
      return;
    }
    if (!('nodeName' in r)) {
      this.metrics.errors++;
      this.fail(q, { reason: 'SchedulerError', message: r.message() });
      return;
    }
    const assumed: PodInfo = { ...pi, pod: { ...pi.pod, spec: { ...pi.pod.spec, nodeName: r.nodeName } } };
    this.cache.assumePod(assumed, r.nodeName);
    this.queue.nominator.delete(pi.key);
    const reserve = fwk.runReservePluginsReserve(state, assumed, r.nodeName);
    const permit = reserve ?? fwk.runPermitPlugins(state, assumed, r.nodeName);
    if (permit && permit.code !== 'Wait') {
      fwk.runReservePluginsUnreserve(state, assumed, r.nodeName);
      this.cache.forgetPod(pi.key);
      this.queue.moveAllToActiveOrBackoff(EVENTS.AssignedPodDelete, assumed.pod);
      this.fail(q, { reason: permit.isRejected() ? 'Unschedulable' : 'SchedulerError', message: permit.message(), plugin: permit.plugin });
      return;
    }
    this.queue.done(pi.key);
    this.metrics.observeAlgorithm(performance.now() - start);
    void this.bindingCycle(fwk, state, q, assumed, r.nodeName, permit?.code === 'Wait', signal);
  }

  private handleFitError(fwk: Framework, state: CycleState, q: QueuedPodInfo, err: FitError): void {
    this.metrics.unschedulable++;
    let nominated: string | undefined;
    if (fwk.postFilters.length > 0) {
      const pf = fwk.runPostFilterPlugins(state, q.podInfo, err.diagnosis);
      if (pf.status.code === 'Error') this.log(`scheduler: postFilter for ${q.podInfo.namespace}/${q.podInfo.name}: ${pf.status.message()}`);
      else if (pf.status.isRejected()) err.diagnosis.postFilterMsg = pf.status.message();
      nominated = pf.result?.nominatedNodeName;
    }
    this.fail(q, { reason: 'Unschedulable', message: err.message(), diagnosis: err.diagnosis, nominatedNodeName: nominated });
  }

  private async bindingCycle(fwk: Framework, state: CycleState, q: QueuedPodInfo, assumed: PodInfo, nodeName: string, waitPermit: boolean, signal: AbortSignal): Promise<void> {
    this.bindsInFlight++;
    try {
      let s: Status | undefined = waitPermit ? await fwk.waitOnPermit(assumed) : undefined;
      s ??= await fwk.runPreBindPlugins(state, assumed, nodeName, signal);
      s ??= await fwk.runBindPlugins(state, assumed, nodeName, signal);
      if (signal.aborted) return;
      if (s) {
        this.metrics.bindErrors++;
        fwk.runReservePluginsUnreserve(state, assumed, nodeName);
        this.cache.forgetPod(assumed.key);
        this.queue.moveAllToActiveOrBackoff(EVENTS.AssignedPodDelete, assumed.pod);
        this.fail(q, { reason: s.isRejected() ? 'Unschedulable' : 'SchedulerError', message: s.message(), plugin: s.plugin });
        return;
      }
      this.metrics.scheduled++;
      this.metrics.observeE2E(this.clock.now() - (q.initialAttemptTimestamp ?? q.timestamp));
      const md = assumed.pod.metadata;
      this.deps.api.event(assumed.pod, 'Normal', 'Scheduled', `Successfully assigned ${md.namespace}/${md.name} to ${nodeName}`);
      fwk.runPostBindPlugins(state, assumed, nodeName);
      this.onPodBound?.(assumed.pod, nodeName);
    } catch (e) {
      this.log(`scheduler: binding ${assumed.namespace}/${assumed.name}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      this.bindsInFlight--;
      const w = this.bindSlotWaiter;
      this.bindSlotWaiter = undefined;
      w?.();
      if (this.isIdle()) this.notifyIdle();
    }
  }

  /**
   * Requeues the pod and reports why: the FailedScheduling event, and the PodScheduled=False
   * condition (plus nominatedNodeName) unless the pod already says exactly that.
   */
  private fail(q: QueuedPodInfo, f: { reason: string; message: string; diagnosis?: Diagnosis; nominatedNodeName?: string; plugin?: string }): void {
    const pi = q.podInfo;
    q.unschedulablePlugins = new Set(f.diagnosis?.unschedulablePlugins ?? (f.plugin && f.reason === 'Unschedulable' ? [f.plugin] : []));
    q.pendingPlugins = new Set(f.diagnosis?.pendingPlugins ?? []);
    const cur = this.deps.currentPod(pi.namespace, pi.name);
    if (!cur || cur.metadata.uid !== pi.pod.metadata.uid || cur.spec?.nodeName) {
      // Deleted or bound meanwhile: nothing to report.
      this.queue.done(pi.key);
      return;
    }
    this.queue.addUnschedulable(q);
    if (f.nominatedNodeName !== undefined) {
      if (f.nominatedNodeName) this.queue.nominator.add(pi, f.nominatedNodeName);
      else this.queue.nominator.delete(pi.key);
    }
    this.deps.api.event(cur, 'Warning', 'FailedScheduling', truncateMessage(f.message));
    const old = (cur.status?.conditions ?? []).find((c) => c.type === 'PodScheduled');
    const nnnChanged = f.nominatedNodeName !== undefined && f.nominatedNodeName !== (cur.status?.nominatedNodeName ?? '');
    if (old?.status === 'False' && old.reason === f.reason && old.message === f.message && !nnnChanged) return;
    const condition: PodCondition = {
      type: 'PodScheduled',
      status: 'False',
      lastProbeTime: null,
      lastTransitionTime: old?.status === 'False' && old.lastTransitionTime ? old.lastTransitionTime : rfc3339(this.clock.now()),
      reason: f.reason,
      message: f.message,
    };
    this.deps.api.patchStatus(cur, condition, nnnChanged ? f.nominatedNodeName : undefined).catch((e: unknown) => {
      this.log(`scheduler: updating the status of ${pi.namespace}/${pi.name}: ${e instanceof Error ? e.message : String(e)}`);
    });
  }

  private notifyIdle(): void {
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const fn of w) fn();
  }
}
