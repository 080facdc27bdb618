/**
 * Resizing a deployment's replica sets: one scale with its ScalingReplicaSet event and replicas
 * annotations, proportional scaling of a resized deployment mid-rollout (upstream scale()), and
 * the revisionHistoryLimit cleanup.
 */
import type { Deployment, ReplicaSet } from '../../api/apps/v1/index.js';
import type { RecordedEvent } from '../../client/index.js';
import { DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, replicasAnnotationsNeedUpdate, revisionOf, setReplicasAnnotations } from './annotations.js';
import { hasRevisionHistoryLimit } from './conditions.js';
import { findActiveOrLatest, getProportion, isRollingUpdate, isSaturated, maxSurge } from './replicas.js';
import { activeReplicaSets, byCreation, bySizeNewer, bySizeOlder, replicasOf, specReplicas } from './replicasets.js';
import type { DeploymentWrites } from './writes.js';

/** What one sync of a deployment works with. */
export interface SyncRun {
  w: DeploymentWrites;
  event(obj: Deployment, e: { type: RecordedEvent['type']; reason: string; message: string }): void;
  nowMs: number;
}

/** Sets `rs` to `newScale` replicas (and the replicas annotations); returns the stored replica set. */
export async function scaleReplicaSet(run: SyncRun, d: Deployment, rs: ReplicaSet, newScale: number, op?: 'up' | 'down'): Promise<{ scaled: boolean; rs: ReplicaSet }> {
  const oldScale = replicasOf(rs);
  const sizeChanges = oldScale !== newScale;
  const desired = replicasOf(d);
  const max = desired + maxSurge(d);
  if (!sizeChanges && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
  const copy = structuredClone(rs);
  setReplicasAnnotations(copy, desired, max);
  const ann = copy.metadata.annotations ?? {};
  const stored = await run.w.scaleReplicaSet(rs, oldScale, newScale, { [DESIRED_REPLICAS_ANNOTATION]: ann[DESIRED_REPLICAS_ANNOTATION]!, [MAX_REPLICAS_ANNOTATION]: ann[MAX_REPLICAS_ANNOTATION]! });
  if (sizeChanges) {
    const how = op ?? (oldScale < newScale ? 'up' : 'down');
    run.event(d, { type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled ${how} replica set ${rs.metadata.name} to ${newScale} from ${oldScale}` });
  }
  return { scaled: sizeChanges, rs: stored };
}

/** Scales `rs` to `newScale` only if it differs (upstream scaleReplicaSetAndRecordEvent). */
export async function scaleIfNeeded(run: SyncRun, d: Deployment, rs: ReplicaSet, newScale: number): Promise<{ scaled: boolean; rs: ReplicaSet }> {
  if (replicasOf(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(run, d, rs, newScale);
}

/**
 * A scaling event (or a paused deployment): resize without hastening a rollout. One active
 * replica set takes the whole count; a saturated new one lets the old ones go to zero;
 * otherwise a rolling deployment spreads the difference over its active replica sets in
 * proportion to their size (larger first; newer first when growing, older first when shrinking).
 */
export async function scaleDeployment(run: SyncRun, d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): Promise<void> {
  const one = findActiveOrLatest(newRS, oldRSs);
  if (one) {
    if (replicasOf(one) !== replicasOf(d)) await scaleIfNeeded(run, d, one, replicasOf(d));
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) await scaleIfNeeded(run, d, old, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = activeReplicaSets([...oldRSs, newRS]);
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowed - specReplicas(all);
  let op: 'up' | 'down' | undefined;
  if (toAdd > 0) {
    all.sort(bySizeNewer);
    op = 'up';
  } else if (toAdd < 0) {
    all.sort(bySizeOlder);
    op = 'down';
  }
  let added = 0;
  const sizes = new Map<ReplicaSet, number>();
  for (const rs of all) {
    const p = toAdd !== 0 ? getProportion(rs, d, toAdd, added) : 0;
    sizes.set(rs, replicasOf(rs) + p);
    added += p;
  }
  for (let i = 0; i < all.length; i++) {
    const rs = all[i]!;
    if (i === 0 && toAdd !== 0) sizes.set(rs, Math.max(0, sizes.get(rs)! + toAdd - added));
    await scaleReplicaSet(run, d, rs, sizes.get(rs)!, op);
  }
}

/**
 * Deletes the oldest revisions beyond revisionHistoryLimit, skipping replica sets that still
 * have pods, are not yet observed at their generation, or are being deleted (upstream cleanupDeployment).
 */
export async function cleanupDeployment(run: SyncRun, d: Deployment, oldRSs: readonly ReplicaSet[]): Promise<void> {
  if (!hasRevisionHistoryLimit(d)) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - (d.spec.revisionHistoryLimit ?? 0);
  if (diff <= 0) return;
  cleanable.sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
  for (const rs of cleanable.slice(0, diff)) {
    if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0) continue;
    if ((rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
    await run.w.deleteReplicaSet(rs.metadata.namespace ?? '', rs.metadata.name ?? '');
  }
}
