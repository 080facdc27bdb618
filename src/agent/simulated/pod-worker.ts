/**
 * The kubelet's part for pods bound to simulated nodes: each pod gets a SimPod (its simulated
 * life), a pod IP from its node's pod CIDR, and a status written through a strategic merge
 * patch of pods/status carrying a UID precondition, as the kubelet's status manager sends it.
 * A pod being deleted stops gracefully; once its containers are stopped and its terminal status
 * is written, the pod is deleted with gracePeriodSeconds 0 and a UID precondition.
 *
 * One sync per pod at a time; changes that arrive meanwhile are folded into one more sync.
 * Wake-ups (a container exiting, a restart after back-off) share one timer queue.
 */
import type { Pod, PodStatus } from '../../api/core/v1/index.js';
import { objectKey } from '../../client/index.js';
import { isConflict, isNotFound } from '../../machinery/index.js';
import { KUBELET_CONDITIONS } from '../status/conditions.js';
import { buildPodStatus } from '../status/pod-status.js';
import { rfc3339 } from '../../util/index.js';
import { admitPod, type Rejection } from './admission.js';
import { parsePodScript } from './annotations.js';
import { type FleetContext, type SimNode, describeError } from './context.js';
import { newContainerId } from './images.js';
import { SimPod } from './sim-pod.js';
import { TimerQueue } from './timer-queue.js';

interface PodEntry {
  key: string;
  uid: string;
  nodeName: string;
  /** The latest version seen. */
  pod: Pod;
  sim?: SimPod;
  /** Refused by resource admission: Failed, never run. */
  rejected?: Rejection;
  podIP?: string;
  ipHeld: boolean;
  /** The last status written (as JSON, and as an object: the status cache). */
  sent?: string;
  reported?: PodStatus;
  /** The grace period (ms) of the stop applied for a deletion. */
  graceMs?: number;
  busy: boolean;
  again: boolean;
  deleting: boolean;
  retryMs: number;
}

const IP_RETRY_MS = 10_000;
const MAX_RETRY_MS = 30_000;

function isTerminalPhase(phase: string | undefined): boolean {
  return phase === 'Succeeded' || phase === 'Failed';
}

/** The strategic merge patch of pods/status: our fields, the kubelet's conditions merged by type, a UID precondition. */
export function statusPatch(pod: Pod, status: PodStatus): Record<string, unknown> {
  const others = (pod.status?.conditions ?? []).filter((c) => !KUBELET_CONDITIONS.includes(c.type)).map((c) => ({ type: c.type }));
  return {
    metadata: { uid: pod.metadata.uid },
    status: {
      ...status,
      reason: status.reason ?? null,
      message: status.message ?? null,
      '$setElementOrder/conditions': [...others, ...(status.conditions ?? []).map((c) => ({ type: c.type }))],
    },
  };
}

export interface PodWorkerOptions {
  /** Makes container IDs (tests pass a counter). */
  newId?: () => string;
}

export class PodWorker {
  private readonly entries = new Map<string, PodEntry>();
  private readonly byNode = new Map<string, Set<PodEntry>>();
  private readonly timers: TimerQueue<string>;
  private readonly newId: () => string;
  /** Status writes and deletes done (for tests and benchmarks). */
  writes = 0;

  constructor(
    private readonly ctx: FleetContext,
    opts: PodWorkerOptions = {},
  ) {
    this.newId = opts.newId ?? newContainerId;
    this.timers = new TimerQueue<string>({
      clock: ctx.clock,
      log: ctx.log,
      onDue: (keys) => {
        for (const k of keys) {
          const e = this.entries.get(k);
          if (e) this.safeSync(e);
        }
      },
    });
  }

  /** Pods this worker tracks. */
  get size(): number {
    return this.entries.size;
  }

  /** A pod was added or changed. Pods bound to other nodes are ignored. */
  onPod(pod: Pod): void {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName || !this.ctx.byName.has(nodeName)) return;
    const key = objectKey(pod);
    let e = this.entries.get(key);
    if (e && e.uid !== pod.metadata.uid) {
      this.drop(e);
      e = undefined;
    }
    if (!e) {
      e = { key, uid: pod.metadata.uid ?? '', nodeName, pod, ipHeld: false, busy: false, again: false, deleting: false, retryMs: 0 };
      this.entries.set(key, e);
      let set = this.byNode.get(nodeName);
      if (!set) this.byNode.set(nodeName, (set = new Set()));
      set.add(e);
    }
    e.pod = pod;
    this.sync(e);
  }

  /** A pod is gone from the API. */
  onDelete(pod: Pod): void {
    const e = this.entries.get(objectKey(pod));
    if (e && (!pod.metadata.uid || e.uid === pod.metadata.uid)) this.drop(e);
  }

  stop(): void {
    this.timers.stop();
  }

  private drop(e: PodEntry): void {
    this.timers.cancel(e.key);
    this.releaseIP(e);
    this.entries.delete(e.key);
    this.byNode.get(e.nodeName)?.delete(e);
  }

  /** The kubelet's admission: does the pod fit next to the node's active pods? */
  private admit(e: PodEntry, node: SimNode): Rejection | undefined {
    const active: Pod[] = [];
    for (const o of this.byNode.get(e.nodeName) ?? []) if (o !== e && o.sim && !o.sim.finished) active.push(o.pod);
    return admitPod(e.pod, { allocatable: node.allocatable, active });
  }

  /** Fails a pod the node cannot take, as the kubelet's rejectPod: an event and a Failed status. */
  private reject(e: PodEntry, r: Rejection, now: number): void {
    e.rejected = r;
    this.ctx.record?.(e.nodeName, e.pod, { type: 'Warning', reason: r.reason, message: r.message.replace(/^Pod was rejected: /, '') });
    const status: PodStatus = { phase: 'Failed', reason: r.reason, message: r.message, startTime: e.pod.status?.startTime ?? rfc3339(now) };
    if (e.pod.status?.qosClass) status.qosClass = e.pod.status.qosClass;
    void this.write(e, status, JSON.stringify(status), { metadata: { uid: e.pod.metadata.uid }, status });
  }

  private releaseIP(e: PodEntry): void {
    if (!e.ipHeld) return;
    this.ctx.byName.get(e.nodeName)?.pool.release(e.podIP);
    e.ipHeld = false;
  }

  /** Sets up the pod's network: its IP (kept from an earlier agent, or a fresh one), or the node's for hostNetwork. */
  private attachNetwork(e: PodEntry, sim: SimPod, node: SimNode): void {
    if (e.pod.spec.hostNetwork) {
      sim.sandboxReady = true;
      return;
    }
    const previous = e.pod.status?.podIP;
    if (previous && sim.containers.some((c) => c.rec.current)) {
      e.ipHeld = node.pool.reserve(previous);
      e.podIP = previous;
    } else {
      e.podIP = node.pool.allocate();
      e.ipHeld = e.podIP !== undefined;
    }
    if (e.podIP) sim.sandboxReady = true;
    else {
      this.ctx.log(`simulated node ${node.name}: no free pod IP in ${node.podCIDR} for pod ${e.key}; retrying`);
      this.timers.scheduleEarliest(e.key, this.ctx.clock.now() + IP_RETRY_MS);
    }
  }

  private start(e: PodEntry, now: number): SimPod {
    const pod = e.pod;
    const startTime = Date.parse(pod.status?.startTime ?? '');
    const sim = new SimPod(pod, parsePodScript(pod), { acceptedAt: Number.isFinite(startTime) ? startTime : now, newId: this.newId });
    const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
    if (statuses.some((s) => s.containerID?.startsWith('simulated://'))) sim.adopt(pod, now);
    return sim;
  }

  /** sync() where nothing above catches: a bug is logged, never an unhandled rejection. */
  private safeSync(e: PodEntry): void {
    try {
      this.sync(e);
    } catch (err) {
      this.ctx.log(`simulated pod ${e.key}: sync failed: ${describeError(err)}`);
    }
  }

  private sync(e: PodEntry): void {
    const node = this.ctx.byName.get(e.nodeName);
    if (this.ctx.signal.aborted || !node || !node.registered || node.lost || this.entries.get(e.key) !== e) return;
    if (e.busy) {
      e.again = true;
      return;
    }
    const now = this.ctx.clock.now();
    const pod = e.pod;
    const deleting = pod.metadata.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
    if (e.rejected || (!e.sim && isTerminalPhase(pod.status?.phase))) {
      // Refused, or finished before this agent saw it (an agent restart): nothing to run.
      if (deleting) void this.finalDelete(e);
      return;
    }
    if (!e.sim) {
      const adopted = (pod.status?.containerStatuses ?? []).some((s) => s.containerID);
      const refused = adopted ? undefined : this.admit(e, node);
      if (refused) return this.reject(e, refused, now);
      e.sim = this.start(e, now);
    }
    const sim = e.sim;
    if (!sim.sandboxReady && !sim.terminal) this.attachNetwork(e, sim, node);
    if (deleting) {
      const graceMs = Math.max(0, pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
      if (e.graceMs === undefined || graceMs < e.graceMs) {
        e.graceMs = graceMs;
        sim.stop(now, { graceMs });
      }
    }
    const next = sim.advance(now);
    for (const ev of sim.takeEvents()) this.ctx.record?.(e.nodeName, pod, ev);
    if (sim.finished) this.releaseIP(e);
    if (next !== undefined) this.timers.schedule(e.key, next);
    const status = buildPodStatus(pod, {
      ...sim.records(now),
      hostIP: node.address,
      podIP: e.podIP,
      startTime: sim.acceptedAt,
      terminal: sim.terminal,
      finished: sim.finished,
      sandboxReady: sim.sandboxReady && !sim.finished,
      failure: sim.failure,
      previous: e.reported,
      now,
    });
    const json = JSON.stringify(status);
    if (json !== e.sent) void this.write(e, status, json);
    else if (sim.finished && deleting) void this.finalDelete(e);
  }

  private retryLater(e: PodEntry, what: string, err: unknown): void {
    if (this.ctx.signal.aborted) return;
    e.retryMs = Math.min(MAX_RETRY_MS, Math.max(500, e.retryMs * 2));
    if (e.retryMs === 500 || e.retryMs === MAX_RETRY_MS) this.ctx.log(`simulated pod ${e.key}: ${what} failed: ${describeError(err)}; retrying`);
    this.timers.scheduleEarliest(e.key, this.ctx.clock.now() + e.retryMs);
  }

  private async write(e: PodEntry, status: PodStatus, json: string, body = statusPatch(e.pod, status)): Promise<void> {
    e.busy = true;
    let ok = false;
    try {
      const [ns, name] = [e.pod.metadata.namespace, e.pod.metadata.name ?? ''];
      await this.ctx.limiter.run(() => this.ctx.pods.patch(ns, name, { type: 'strategic', subresource: 'status', body, signal: this.ctx.signal }));
      this.writes++;
      e.sent = json;
      e.reported = status;
      e.retryMs = 0;
      ok = true;
    } catch (err) {
      // Gone, or replaced by a pod of another UID (the precondition failed): the informer will tell.
      if (!isNotFound(err) && !isConflict(err)) this.retryLater(e, 'status update', err);
    } finally {
      e.busy = false;
    }
    // After a failure the retry timer syncs again (or the informer reports the pod gone).
    e.again = false;
    if (ok) this.safeSync(e);
  }

  private async finalDelete(e: PodEntry): Promise<void> {
    if (e.deleting) return;
    e.deleting = true;
    try {
      const [ns, name] = [e.pod.metadata.namespace, e.pod.metadata.name ?? ''];
      await this.ctx.limiter.run(() => this.ctx.pods.delete(ns, name, { gracePeriodSeconds: 0, preconditions: { uid: e.uid }, signal: this.ctx.signal }));
      this.writes++;
    } catch (err) {
      if (isNotFound(err) || isConflict(err)) return;
      e.deleting = false;
      this.retryLater(e, 'delete', err);
    }
  }

  /** Re-syncs every tracked pod of a node (after restore). */
  resyncNode(name: string): void {
    for (const e of this.byNode.get(name) ?? []) this.safeSync(e);
  }
}
