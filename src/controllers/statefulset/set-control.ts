/**
 * The StatefulSet update algorithm (upstream stateful_set_control.go updateStatefulSet):
 * replicas in [start, start+replicas) are created (OrderedReady: one at a time, each Running and
 * Ready before the next; Parallel: all at once), pods outside the range are deleted from the
 * highest ordinal down, then a RollingUpdate replaces pods not at the update revision from the
 * highest ordinal down to `partition`, one at a time. OnDelete leaves that to the user.
 */
import type { StatefulSet, StatefulSetStatus } from '../../api/apps/v1/index.js';
import type { Pod, PodTemplateSpec } from '../../api/core/v1/index.js';
import { isPodAvailable, isPodReady } from './pod-state.js';
import { endOrdinal, identityMatches, inOrdinalRange, newStatefulSetPod, parseOrdinal, podRevision, startOrdinal, storageMatches } from './identity.js';
import type { StatefulPodControl } from './pod-control.js';

/** The revisions a sync works between. */
export interface Revisions {
  currentName: string;
  updateName: string;
  currentTemplate: PodTemplateSpec;
  updateTemplate: PodTemplateSpec;
}

/** What one run of the algorithm reports. */
export interface SetControlResult {
  status: StatefulSetStatus;
  /** Some pod becomes available after minReadySeconds: look again then. */
  requeueAfterMs?: number;
}

interface Slot {
  pod: Pod;
  /** false: the pod is only planned (not yet in the API). */
  created: boolean;
}

const isRunningAndReady = (p: Pod) => p.status?.phase === 'Running' && isPodReady(p);
const isTerminating = (p: Pod) => Boolean(p.metadata.deletionTimestamp);
const isFinished = (p: Pod) => p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded';

function allowsBurst(set: StatefulSet): boolean {
  return set.spec.podManagementPolicy === 'Parallel';
}

function partitionOf(set: StatefulSet): number {
  return set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
}

/** Status counters over the created pods (upstream computeReplicaStatus). */
export function computeStatus(set: StatefulSet, pods: Pod[], rev: Revisions, now: number): StatefulSetStatus {
  const status: StatefulSetStatus = {
    observedGeneration: set.metadata.generation,
    replicas: 0,
    readyReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
    availableReplicas: 0,
    currentRevision: rev.currentName,
    updateRevision: rev.updateName,
    collisionCount: set.status?.collisionCount ?? 0,
  };
  for (const p of pods) {
    status.replicas++;
    if (isRunningAndReady(p)) {
      status.readyReplicas!++;
      if (isPodAvailable(p, set.spec.minReadySeconds ?? 0, now)) status.availableReplicas++;
    }
    if (isTerminating(p)) continue;
    if (podRevision(p) === rev.currentName) status.currentReplicas!++;
    if (podRevision(p) === rev.updateName) status.updatedReplicas!++;
  }
  if (set.status?.conditions) status.conditions = set.status.conditions;
  // A finished rolling update makes the update revision current (upstream completeRollingUpdate).
  if ((set.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' && status.updatedReplicas === status.replicas && status.readyReplicas === status.replicas) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
  return status;
}

export class SetControl {
  constructor(
    private readonly control: StatefulPodControl,
    private readonly now: () => number,
  ) {}

  /** The pod to create at `ordinal`: old ordinals below the partition keep the current revision. */
  private planned(set: StatefulSet, rev: Revisions, ordinal: number): Pod {
    const strategy = set.spec.updateStrategy?.type ?? 'RollingUpdate';
    const belowPartition = ordinal < startOrdinal(set) + partitionOf(set);
    const useCurrent = strategy === 'RollingUpdate' && set.spec.updateStrategy?.rollingUpdate && belowPartition;
    return useCurrent
      ? newStatefulSetPod(set, rev.currentTemplate, { ordinal, revision: rev.currentName })
      : newStatefulSetPod(set, rev.updateTemplate, { ordinal, revision: rev.updateName });
  }

  private healthy(set: StatefulSet, p: Pod): boolean {
    return isRunningAndReady(p) && !isTerminating(p) && isPodAvailable(p, set.spec.minReadySeconds ?? 0, this.now());
  }

  /** upstream processReplica: true means stop this round. */
  private async processReplica(set: StatefulSet, slot: Slot, monotonic: boolean): Promise<boolean> {
    const pod = slot.pod;
    if (slot.created && isFinished(pod)) {
      if (!pod.metadata.deletionTimestamp) await this.control.deletePod(set, pod);
      return true;
    }
    if (!slot.created) {
      if (this.control.claimIsStale(set, pod)) return true;
      await this.control.createPod(set, pod);
      return monotonic;
    }
    if (pod.status?.phase === 'Pending') await this.control.createMissingClaims(set, pod);
    if (isTerminating(pod) && monotonic) return true;
    if (!isRunningAndReady(pod) && monotonic) return true;
    if (!isPodAvailable(pod, set.spec.minReadySeconds ?? 0, this.now()) && monotonic) return true;
    if (identityMatches(set, pod) && storageMatches(set, pod) && this.control.claimsMatchPolicy(set, pod)) return false;
    await this.control.updatePod(set, pod);
    return false;
  }

  /** upstream processCondemned. */
  private async processCondemned(set: StatefulSet, pod: Pod, firstUnhealthy: Pod | undefined, monotonic: boolean): Promise<boolean> {
    if (isTerminating(pod)) return monotonic;
    if (monotonic && pod !== firstUnhealthy && !this.healthy(set, pod)) return true;
    await this.control.deletePod(set, pod);
    return monotonic;
  }

  /** Runs `fn` over items: in order stopping at the first `true` (monotonic), or all at once. */
  private async runForAll<T>(items: T[], fn: (item: T) => Promise<boolean>, monotonic: boolean): Promise<boolean> {
    if (monotonic) {
      for (const it of items) if (await fn(it)) return true;
      return false;
    }
    const results = await Promise.allSettled(items.map(fn));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return results.some((r) => r.status === 'fulfilled' && r.value);
  }

  /** One pass of the algorithm over the set's pods; answers the status to record. */
  async update(set: StatefulSet, pods: Pod[], rev: Revisions): Promise<SetControlResult> {
    const start = startOrdinal(set);
    const end = endOrdinal(set);
    const replicas: (Slot | undefined)[] = new Array(Math.max(0, end - start + 1)).fill(undefined);
    const condemned: Pod[] = [];
    for (const p of pods) {
      const { ordinal } = parseOrdinal(p.metadata.name);
      if (ordinal < 0) continue;
      if (inOrdinalRange(set, ordinal)) replicas[ordinal - start] = { pod: p, created: true };
      else condemned.push(p);
    }
    for (let ord = start; ord <= end; ord++) {
      if (!replicas[ord - start]) replicas[ord - start] = { pod: this.planned(set, rev, ord), created: false };
    }
    const slots = replicas as Slot[];
    condemned.sort((a, b) => parseOrdinal(b.metadata.name).ordinal - parseOrdinal(a.metadata.name).ordinal);
    const unhealthy = [...slots.filter((s) => !s.created || !this.healthy(set, s.pod)).map((s) => s.pod), ...[...condemned].reverse().filter((p) => !this.healthy(set, p))];
    const firstUnhealthy = unhealthy[0];
    const done = () => this.result(set, pods, rev);
    if (set.metadata.deletionTimestamp) return done();
    const monotonic = !allowsBurst(set);
    if (await this.runForAll(slots, (s) => this.processReplica(set, s, monotonic), monotonic)) return done();
    for (const p of condemned) await this.control.updateClaims(set, p);
    if (await this.runForAll(condemned, (p) => this.processCondemned(set, p, firstUnhealthy, monotonic), monotonic)) return done();
    if (set.spec.updateStrategy?.type === 'OnDelete') return done();
    const updateMin = partitionOf(set);
    for (let target = slots.length - 1; target >= updateMin; target--) {
      const slot = slots[target]!;
      if (!slot.created) continue;
      if (podRevision(slot.pod) !== rev.updateName && !isTerminating(slot.pod)) {
        await this.control.deletePod(set, slot.pod);
        return done();
      }
      if (!this.healthy(set, slot.pod)) return done();
    }
    return done();
  }

  private result(set: StatefulSet, pods: Pod[], rev: Revisions): SetControlResult {
    const now = this.now();
    const status = computeStatus(set, pods, rev, now);
    const minReady = set.spec.minReadySeconds ?? 0;
    let requeueAfterMs: number | undefined;
    if (minReady > 0) {
      for (const p of pods) {
        if (!isRunningAndReady(p) || isPodAvailable(p, minReady, now)) continue;
        const since = Date.parse(p.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime ?? '');
        const wait = Number.isFinite(since) ? since + minReady * 1000 - now : minReady * 1000;
        requeueAfterMs = Math.max(0, Math.min(requeueAfterMs ?? Infinity, wait));
      }
    }
    return { status, requeueAfterMs };
  }
}
