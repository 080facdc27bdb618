/** A deployment's status from its replica sets, and the progress checks of a rollout (upstream progress.go). */
import type { Deployment, DeploymentStatus, ReplicaSet } from '../../api/apps/v1/index.js';
import { semanticEqual } from '../../api/validation/semantic-equal.js';
import {
  AVAILABLE,
  PROGRESSING,
  REASONS,
  REPLICA_FAILURE,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  fromReplicaSetCondition,
  getCondition,
  hasProgressDeadline,
  newCondition,
  removeCondition,
  setCondition,
} from './conditions.js';
import { maxUnavailable } from './replicas.js';
import { replicasOf, statusSum } from './replicasets.js';

/** Counters from the replica sets' statuses plus the Available condition (upstream calculateStatus). */
export function calculateStatus(all: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, nowMs: number): DeploymentStatus {
  const available = statusSum(all, 'availableReplicas');
  const total = all.reduce((n, rs) => n + (rs ? replicasOf(rs) : 0), 0);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: statusSum(all, 'replicas'),
    updatedReplicas: statusSum([newRS], 'replicas'),
    readyReplicas: statusSum(all, 'readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (d.status?.conditions?.length) status.conditions = d.status.conditions.map((c) => ({ ...c }));
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(status, newCondition(AVAILABLE, 'True', REASONS.minimumAvailable, 'Deployment has minimum availability.', nowMs));
  } else {
    setCondition(status, newCondition(AVAILABLE, 'False', REASONS.minimumUnavailable, 'Deployment does not have minimum availability.', nowMs));
  }
  return status;
}

/** The ReplicaFailure conditions of the new replica set, else of any replica set. */
function replicaFailures(all: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined) {
  const of = (rs: ReplicaSet | undefined) => (rs?.status?.conditions ?? []).filter((c) => c.type === REPLICA_FAILURE).map(fromReplicaSetCondition);
  const fromNew = of(newRS);
  return fromNew.length ? fromNew : all.flatMap(of);
}

/**
 * The status of a rolling or recreating deployment with its Progressing condition
 * (NewReplicaSetAvailable, ReplicaSetUpdated or ProgressDeadlineExceeded) and ReplicaFailure
 * carried over from the replica sets (upstream syncRolloutStatus). `requeueAfterMs` says when
 * to look again for a deadline that may pass with nothing else happening.
 */
export function rolloutStatus(all: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, nowMs: number): { status: DeploymentStatus; requeueAfterMs?: number } {
  const status = calculateStatus(all, newRS, d, nowMs);
  if (!hasProgressDeadline(d)) removeCondition(status, PROGRESSING);
  const current = getCondition(d.status, PROGRESSING);
  const complete = status.replicas === status.updatedReplicas && current?.reason === REASONS.newRSAvailable;
  if (hasProgressDeadline(d) && !complete) {
    const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
    if (deploymentComplete(d, status)) {
      setCondition(status, newCondition(PROGRESSING, 'True', REASONS.newRSAvailable, `${subject} has successfully progressed.`, nowMs));
    } else if (deploymentProgressing(d, status)) {
      const cond = newCondition(PROGRESSING, 'True', REASONS.replicaSetUpdated, `${subject} is progressing.`, nowMs);
      if (current) {
        if (current.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, PROGRESSING);
      }
      setCondition(status, cond);
    } else if (deploymentTimedOut(d, status, nowMs)) {
      setCondition(status, newCondition(PROGRESSING, 'False', REASONS.timedOut, `${subject} has timed out progressing.`, nowMs));
    }
  }
  const failures = replicaFailures(all, newRS);
  if (failures.length) setCondition(status, failures[0]!);
  else removeCondition(status, REPLICA_FAILURE);
  if (statusEqual(d.status, status)) return { status, requeueAfterMs: stuckRequeue(d, status, nowMs) };
  return { status };
}

/** When to check a stuck rollout against its deadline (upstream requeueStuckDeployment). */
function stuckRequeue(d: Deployment, status: DeploymentStatus, nowMs: number): number | undefined {
  const cur = getCondition(d.status, PROGRESSING);
  if (!hasProgressDeadline(d) || !cur) return undefined;
  if (deploymentComplete(d, status) || cur.reason === REASONS.timedOut) return undefined;
  const updated = Date.parse(cur.lastUpdateTime ?? '');
  if (!Number.isFinite(updated)) return undefined;
  const after = updated + (d.spec.progressDeadlineSeconds ?? 0) * 1000 - nowMs;
  return after < 1000 ? 1000 : after + 1000;
}

/** Status equality where absent counters are 0 and absent lists are empty. */
export function statusEqual(a: DeploymentStatus | undefined, b: DeploymentStatus | undefined): boolean {
  const norm = (s: DeploymentStatus | undefined) => ({
    observedGeneration: s?.observedGeneration ?? 0,
    replicas: s?.replicas ?? 0,
    updatedReplicas: s?.updatedReplicas ?? 0,
    readyReplicas: s?.readyReplicas ?? 0,
    availableReplicas: s?.availableReplicas ?? 0,
    unavailableReplicas: s?.unavailableReplicas ?? 0,
    collisionCount: s?.collisionCount ?? null,
    conditions: s?.conditions ?? [],
  });
  return semanticEqual(norm(a), norm(b));
}

/** The status as Go would serialise it: zero counters left out (omitempty). */
export function compactStatus(s: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = { ...s };
  for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'] as const) {
    if (!out[k]) delete out[k];
  }
  return out;
}
