/**
 * The rollout strategies (upstream rolling.go and recreate.go) and the paused/scaling sync.
 * Each step that changes something ends the sync with the rollout status; the next event
 * (replica set or pod status) drives the next step.
 */
import type { Deployment, ReplicaSet } from '../../api/apps/v1/index.js';
import type { Result } from '../runtime/index.js';
import { deploymentComplete } from './conditions.js';
import { maxUnavailable, newRSNewReplicas } from './replicas.js';
import { activeReplicaSets, byCreation, replicasOf, specReplicas, statusSum } from './replicasets.js';
import { cleanupDeployment, scaleDeployment, scaleIfNeeded, type SyncRun } from './scale.js';
import { calculateStatus, rolloutStatus, statusEqual } from './status.js';

/** How a strategy reads and writes the deployment's replica sets and status. */
export interface RolloutOps {
  run: SyncRun;
  /** The new and old replica sets, the new one created when `create` (and revisions synced). */
  replicaSets(create: boolean): Promise<{ newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] }>;
  /** Writes `d`'s status (keeping `d` current). */
  writeStatus(status: NonNullable<Deployment['status']>): Promise<void>;
  /** True while pods of old replica sets still run (Recreate waits for them). */
  oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): boolean;
}

async function syncRollout(ops: RolloutOps, d: Deployment, all: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): Promise<Result | void> {
  const { status, requeueAfterMs } = rolloutStatus(all, newRS, d, ops.run.nowMs);
  if (!statusEqual(d.status, status)) await ops.writeStatus(status);
  return requeueAfterMs !== undefined ? { requeueAfterMs } : undefined;
}

/** Status only (a deployment being deleted). */
export async function syncStatusOnly(ops: RolloutOps, d: Deployment): Promise<void> {
  const { newRS, oldRSs } = await ops.replicaSets(false);
  const status = calculateStatus([...oldRSs, newRS], newRS, d, ops.run.nowMs);
  if (!statusEqual(d.status, status)) await ops.writeStatus(status);
}

/** A paused deployment or a scaling event: resize proportionally, no rollout step. */
export async function syncScaling(ops: RolloutOps, d: Deployment): Promise<void> {
  const { newRS, oldRSs } = await ops.replicaSets(false);
  await scaleDeployment(ops.run, d, newRS, oldRSs);
  if (d.spec.paused) await cleanupDeployment(ops.run, d, oldRSs);
  const status = calculateStatus([...oldRSs, newRS], newRS, d, ops.run.nowMs);
  if (!statusEqual(d.status, status)) await ops.writeStatus(status);
}

export async function rolloutRolling(ops: RolloutOps, d: Deployment): Promise<Result | void> {
  const { newRS: created, oldRSs } = await ops.replicaSets(true);
  let newRS = created!;
  const all = (): ReplicaSet[] => [...oldRSs, newRS];
  // Scale up, if we can.
  if (replicasOf(newRS) !== replicasOf(d)) {
    const target = replicasOf(newRS) > replicasOf(d) ? replicasOf(d) : newRSNewReplicas(d, all(), newRS);
    const r = await scaleIfNeeded(ops.run, d, newRS, target);
    newRS = r.rs;
    if (r.scaled) return syncRollout(ops, d, all(), newRS);
  }
  // Scale down, if we can.
  if (await reconcileOldReplicaSets(ops, d, oldRSs, newRS)) return syncRollout(ops, d, all(), newRS);
  if (deploymentComplete(d, d.status ?? {})) await cleanupDeployment(ops.run, d, oldRSs);
  return syncRollout(ops, d, all(), newRS);
}

/**
 * Scales old replica sets down while availability allows: first their unavailable pods
 * (that costs nothing), then available ones above minAvailable (upstream reconcileOldReplicaSets).
 * `oldRSs` entries are replaced by the stored results.
 */
async function reconcileOldReplicaSets(ops: RolloutOps, d: Deployment, oldRSs: ReplicaSet[], newRS: ReplicaSet): Promise<boolean> {
  const active = activeReplicaSets(oldRSs);
  if (specReplicas(active) === 0) return false;
  const allPods = specReplicas([...oldRSs, newRS]);
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const replace = (rs: ReplicaSet): void => {
    const i = oldRSs.findIndex((o) => o.metadata.uid === rs.metadata.uid);
    if (i >= 0) oldRSs[i] = rs;
  };
  // Unhealthy replicas first: they would otherwise block the rollout.
  let cleaned = 0;
  for (const rs of [...active].sort(byCreation)) {
    if (cleaned >= maxScaledDown) break;
    const unhealthy = replicasOf(rs) - (rs.status?.availableReplicas ?? 0);
    if (replicasOf(rs) === 0 || unhealthy <= 0) continue;
    const n = Math.min(maxScaledDown - cleaned, unhealthy);
    replace((await scaleIfNeeded(ops.run, d, rs, replicasOf(rs) - n)).rs);
    cleaned += n;
  }
  // Then available ones, as far as minAvailable allows.
  let scaledDown = 0;
  const available = statusSum([...oldRSs, newRS], 'availableReplicas');
  const budget = available - minAvailable;
  if (budget > 0) {
    for (const rs of activeReplicaSets(oldRSs).sort(byCreation)) {
      if (scaledDown >= budget) break;
      const n = Math.min(replicasOf(rs), budget - scaledDown);
      replace((await scaleIfNeeded(ops.run, d, rs, replicasOf(rs) - n)).rs);
      scaledDown += n;
    }
  }
  return cleaned + scaledDown > 0;
}

export async function rolloutRecreate(ops: RolloutOps, d: Deployment): Promise<Result | void> {
  let { newRS, oldRSs } = await ops.replicaSets(false);
  // Scale every old replica set to zero first.
  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) if ((await scaleIfNeeded(ops.run, d, rs, 0)).scaled) scaledDown = true;
  if (scaledDown) return syncRollout(ops, d, [...oldRSs, newRS], newRS);
  // Wait until their pods are gone.
  if (ops.oldPodsRunning(newRS, oldRSs)) return syncRollout(ops, d, [...oldRSs, newRS], newRS);
  if (!newRS) ({ newRS, oldRSs } = await ops.replicaSets(true));
  const r = await scaleIfNeeded(ops.run, d, newRS!, replicasOf(d));
  newRS = r.rs;
  if (deploymentComplete(d, d.status ?? {})) await cleanupDeployment(ops.run, d, oldRSs);
  return syncRollout(ops, d, [...oldRSs, newRS], newRS);
}
