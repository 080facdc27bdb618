/**
 * backoffLimitPerIndex for Indexed Jobs (upstream indexed_job_utils.go): each index may fail
 * backoffLimitPerIndex times before it is marked failed (a FailIndex rule fails it at once);
 * a failed index is not retried, status.failedIndexes lists them, and the Job fails once more
 * than maxFailedIndexes failed or every index has either succeeded or failed. A pod carries
 * its index's failures so far in `batch.kubernetes.io/job-index-failure-count`.
 */
import type { Job } from '../../api/batch/v1/index.js';
import type { Pod } from '../../api/core/v1/index.js';
import { podFinishedTime } from './backoff.js';
import { isPodFailed } from './job-pods.js';
import { INDEX_FAILURE_COUNT_ANNOTATION, completionIndexOf, parseIndexes } from './indexes.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';

export function hasBackoffLimitPerIndex(job: Job): boolean {
  return job.spec.completionMode === 'Indexed' && job.spec.backoffLimitPerIndex != null;
}

/** The failures of a pod's index before the pod was created (its annotation; 0 when absent). */
export function indexFailureCount(pod: Pod): number {
  const v = pod.metadata.annotations?.[INDEX_FAILURE_COUNT_ANNOTATION];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : 0;
}

/** upstream isIndexFailed: the pod's failure fails its index (FailIndex, or past backoffLimitPerIndex). */
export function isIndexFailed(job: Job, pod: Pod): boolean {
  if (!isPodFailed(pod, job)) return false;
  const m = matchPodFailurePolicy(job.spec.podFailurePolicy, pod);
  if (m.action === 'FailIndex') return true;
  return m.countFailed && indexFailureCount(pod) >= (job.spec.backoffLimitPerIndex ?? 0);
}

/** What the pods say about each index: failures so far and when the last one finished. */
export interface IndexFailures {
  count: number;
  lastFailure: number;
}

/** Failures per index, from the failed pods still around (each pod knows the count before it). */
export function failuresByIndex(job: Job, pods: Pod[]): Map<number, IndexFailures> {
  const out = new Map<number, IndexFailures>();
  for (const p of pods) {
    const ix = completionIndexOf(p);
    if (ix === undefined || !isPodFailed(p, job)) continue;
    const counted = matchPodFailurePolicy(job.spec.podFailurePolicy, p).countFailed;
    const count = indexFailureCount(p) + (counted ? 1 : 0);
    const prev = out.get(ix);
    const at = podFinishedTime(p);
    if (!prev || count > prev.count) out.set(ix, { count, lastFailure: at });
    else if (count === prev.count) prev.lastFailure = Math.max(prev.lastFailure, at);
  }
  return out;
}

/** The failed indexes: those already recorded plus those the pods fail now. */
export function failedIndexes(job: Job, pods: Pod[]): Set<number> {
  const completions = job.spec.completions ?? 0;
  const out = parseIndexes(job.status?.failedIndexes, completions);
  for (const p of pods) {
    const ix = completionIndexOf(p);
    if (ix !== undefined && ix < completions && isIndexFailed(job, p)) out.add(ix);
  }
  return out;
}
