/** The status a replica controller reports (upstream calculateStatus), and when it must write it. */
import type { Pod } from '../../api/core/v1/index.js';
import { deepEqual, selectorFromSet } from '../../machinery/index.js';
import { isPodAvailable, isPodReady, rfc3339 } from '../runtime/index.js';
import type { Replicated, ReplicaStatus } from './adapter.js';

export const REPLICA_FAILURE = 'ReplicaFailure';

/**
 * Counters over the controller's active pods, plus the ReplicaFailure condition: set (True,
 * reason FailedCreate or FailedDelete) when managing replicas failed, removed once it works.
 */
export function calculateStatus(obj: Replicated, pods: readonly Pod[], opts: { nowMs: number; manageError?: { scalingUp: boolean; message: string } }): ReplicaStatus {
  const minReady = obj.spec.minReadySeconds ?? 0;
  const templateLabels = selectorFromSet(obj.spec.template?.metadata?.labels ?? {});
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const p of pods) {
    if (templateLabels.matches(p.metadata.labels)) fullyLabeled++;
    if (isPodReady(p)) {
      ready++;
      if (isPodAvailable(p, minReady, opts.nowMs)) available++;
    }
  }
  const status: ReplicaStatus = {
    replicas: pods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    observedGeneration: obj.metadata.generation,
  };
  let conditions = [...(obj.status?.conditions ?? [])];
  const failure = conditions.find((c) => c.type === REPLICA_FAILURE);
  if (opts.manageError && !failure) {
    conditions.push({
      type: REPLICA_FAILURE,
      status: 'True',
      lastTransitionTime: rfc3339(opts.nowMs),
      reason: opts.manageError.scalingUp ? 'FailedCreate' : 'FailedDelete',
      message: opts.manageError.message,
    });
  } else if (!opts.manageError && failure) {
    conditions = conditions.filter((c) => c.type !== REPLICA_FAILURE);
  }
  if (conditions.length) status.conditions = conditions;
  return status;
}

/** True when `next` differs from the stored status in anything the controller sets. */
export function statusChanged(obj: Replicated, next: ReplicaStatus): boolean {
  const cur = obj.status ?? { replicas: 0 };
  const norm = (s: ReplicaStatus) => ({
    replicas: s.replicas ?? 0,
    fullyLabeledReplicas: s.fullyLabeledReplicas ?? 0,
    readyReplicas: s.readyReplicas ?? 0,
    availableReplicas: s.availableReplicas ?? 0,
    observedGeneration: s.observedGeneration ?? 0,
    conditions: s.conditions ?? [],
  });
  return !deepEqual(norm(cur), norm(next));
}
