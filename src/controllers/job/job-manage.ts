/**
 * upstream manageJob: create or delete pods so that the number running matches what the Job
 * still needs, honouring parallelism, completions, suspend, the backoff between failures and,
 * for Indexed jobs, one pod per pending index.
 */
import type { Job } from '../../api/batch/v1/index.js';
import type { Pod } from '../../api/core/v1/index.js';
import { objectKey } from '../../client/index.js';
import { newControllerRef } from '../../machinery/index.js';
import { DEFAULT_POD_FAILURE_BACKOFF_MS, MAX_POD_FAILURE_BACKOFF_MS, remainingBackoff } from './backoff.js';
import { setRequeue, type JobControllerDeps, type SyncCtx } from './job-context.js';
import { deletionOrder, isIndexedJob, jobPodGenerateName, jobPodTemplate, onlyReplaceFailedPods } from './job-pods.js';
import { completionIndexOf, firstPendingIndexes } from './indexes.js';
import { hasBackoffLimitPerIndex } from './per-index.js';

/** Upstream's MaxPodCreateDeletePerSync. */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;
/** Upstream's SlowStartInitialBatchSize. */
const SLOW_START_INITIAL_BATCH = 1;

const JOB_GVK = { group: 'batch', version: 'v1', kind: 'Job' };

export function isSuspended(job: Job): boolean {
  return job.spec.suspend === true;
}

/** How many pods should be active now. */
export function wantedActive(job: Job, active: number, succeeded: number): number {
  const parallelism = job.spec.parallelism ?? 1;
  if (job.spec.completions == null) return succeeded > 0 ? active : parallelism;
  return Math.max(0, Math.min(job.spec.completions - succeeded, parallelism));
}

/**
 * Which active pods to delete: for Indexed jobs first those with a bad, duplicate or already
 * succeeded index, then `atLeast` more in deletion order.
 */
export function activePodsForRemoval(ctx: SyncCtx, atLeast: number): Pod[] {
  const pods = [...ctx.activePods].sort(deletionOrder);
  if (!isIndexedJob(ctx.job)) return pods.slice(0, atLeast);
  const completions = ctx.job.spec.completions ?? 0;
  const out: Pod[] = [];
  const keep = new Set<Pod>();
  const seen = new Set<number>();
  // The oldest pod of an index keeps it; younger duplicates go.
  const oldestFirst = [...pods].sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
  for (const p of oldestFirst) {
    const ix = completionIndexOf(p);
    if (ix === undefined || ix >= completions || ctx.succeededIndexes.has(ix) || ctx.failedIndexes.has(ix) || seen.has(ix)) out.push(p);
    else {
      seen.add(ix);
      keep.add(p);
    }
  }
  const extra = Math.max(0, atLeast - out.length);
  return [...out, ...pods.filter((p) => keep.has(p)).slice(0, extra)];
}

/** Deletes pods, keeping their finalizers (tracking removes them); answers how many deletions were issued. */
export async function deleteJobPods(deps: JobControllerDeps, ctx: SyncCtx, pods: Pod[]): Promise<{ deleted: number; error?: unknown }> {
  if (pods.length === 0) return { deleted: 0 };
  deps.expectations.expectDeletions(ctx.key, pods.map(objectKey));
  let deleted = 0;
  let error: unknown;
  await Promise.all(
    pods.map(async (p) => {
      try {
        await deps.podControl.deletePod(p.metadata.namespace ?? '', p.metadata.name ?? '', { owner: ctx.job, uid: p.metadata.uid });
        deleted++;
      } catch (err) {
        deps.expectations.deletionObserved(ctx.key, objectKey(p));
        error ??= err;
      }
    }),
  );
  return { deleted, error };
}

async function createPods(deps: JobControllerDeps, ctx: SyncCtx, count: number, indexes: number[] | undefined): Promise<{ created: number; error?: unknown }> {
  const job = ctx.job;
  const ref = newControllerRef(job, JOB_GVK);
  deps.expectations.expectCreations(ctx.key, count);
  let created = 0;
  let error: unknown;
  let next = 0;
  for (let batch = Math.min(SLOW_START_INITIAL_BATCH, count); next < count && error === undefined; batch = Math.min(batch * 2, count - next)) {
    const slice = Array.from({ length: batch }, (_, i) => next + i);
    next += batch;
    await Promise.all(
      slice.map(async (i) => {
        const index = indexes?.[i];
        const indexFailures = index !== undefined && hasBackoffLimitPerIndex(job) ? (ctx.indexFailures.get(index)?.count ?? 0) : undefined;
        const template = jobPodTemplate(job, { index, indexFailures });
        try {
          await deps.podControl.createPod(job.metadata.namespace ?? '', template, { owner: job, controllerRef: ref, generateName: jobPodGenerateName(job, index) });
          created++;
        } catch (err) {
          deps.expectations.creationObserved(ctx.key);
          error ??= err;
        }
      }),
    );
  }
  // Pods of batches never attempted will not be observed either.
  for (let i = next; i < count; i++) deps.expectations.creationObserved(ctx.key);
  return { created, error };
}

/** Runs manageJob; answers the new active count. Throws the first API error after doing what it could. */
export async function manageJob(deps: JobControllerDeps, ctx: SyncCtx): Promise<number> {
  const job = ctx.job;
  let active = ctx.activePods.length;
  if (isSuspended(job)) {
    const { deleted, error } = await deleteJobPods(deps, ctx, activePodsForRemoval(ctx, active));
    ctx.terminating += deleted;
    if (error) throw error;
    return active - deleted;
  }
  const want = wantedActive(job, active, ctx.succeeded);
  const toDelete = activePodsForRemoval(ctx, Math.max(0, active - want)).slice(0, MAX_POD_CREATE_DELETE_PER_SYNC);
  if (toDelete.length > 0) {
    const { deleted, error } = await deleteJobPods(deps, ctx, toDelete);
    ctx.terminating += deleted;
    if (error) throw error;
    return active - deleted;
  }
  const terminating = onlyReplaceFailedPods(job) ? ctx.terminating : 0;
  let diff = want - terminating - active;
  if (diff <= 0) return active;
  const timing = deps.backoff ?? { baseMs: DEFAULT_POD_FAILURE_BACKOFF_MS, maxMs: MAX_POD_FAILURE_BACKOFF_MS };
  const perIndex = hasBackoffLimitPerIndex(job);
  const wait = perIndex ? 0 : remainingBackoff(ctx.backoff, ctx.now, timing);
  if (wait > 0) {
    setRequeue(ctx, wait);
    return active;
  }
  diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
  let indexes: number[] | undefined;
  if (isIndexedJob(job)) {
    const taken = new Set(ctx.activePods.map(completionIndexOf).filter((i): i is number => i !== undefined));
    if (onlyReplaceFailedPods(job)) {
      for (const p of ctx.pods) if (p.metadata.deletionTimestamp && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded') {
        const ix = completionIndexOf(p);
        if (ix !== undefined) taken.add(ix);
      }
    }
    // With backoffLimitPerIndex, an index waits out its own backoff.
    const waiting = new Set<number>();
    for (const [ix, f] of ctx.indexFailures) {
      const left = perIndex ? remainingBackoff({ failuresAfterLastSuccess: f.count, lastFailureTime: f.lastFailure }, ctx.now, timing) : 0;
      if (left > 0) {
        waiting.add(ix);
        setRequeue(ctx, left);
      }
    }
    indexes = firstPendingIndexes(diff, job.spec.completions ?? 0, [taken, ctx.succeededIndexes, ctx.failedIndexes, waiting]);
    diff = indexes.length;
  }
  if (diff === 0) return active;
  const { created, error } = await createPods(deps, ctx, diff, indexes);
  active += created;
  if (error) throw error;
  return active;
}
