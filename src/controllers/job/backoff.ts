/**
 * The Job controller's delay between failed pods (upstream backoff_utils.go): after n failures
 * since the last success, the next pod waits base·2ⁿ⁻¹ from the last failure, capped.
 * Upstream uses a 10 s base; the documented cap is six minutes.
 */
import type { Pod } from '../../api/core/v1/index.js';

export const DEFAULT_POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 6 * 60_000;

/** What the controller remembers per Job between syncs. */
export interface BackoffRecord {
  /** Failures since the last success. */
  failuresAfterLastSuccess: number;
  /** When the last of them finished (ms). */
  lastFailureTime?: number;
}

/** The base and the cap of the backoff, in ms. */
export interface BackoffTiming {
  baseMs: number;
  maxMs: number;
}

function parseTime(t: string | null | undefined): number | undefined {
  if (!t) return undefined;
  const ms = Date.parse(t);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * When a pod finished: the latest container finishedAt, else the Ready condition's last
 * transition, else its deletion or creation time (upstream getFinishedTime).
 */
export function podFinishedTime(pod: Pod): number {
  let latest: number | undefined;
  for (const cs of [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])]) {
    const t = parseTime(cs.state?.terminated?.finishedAt);
    if (t !== undefined && (latest === undefined || t > latest)) latest = t;
  }
  if (latest !== undefined) return latest;
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  return parseTime(ready?.lastTransitionTime) ?? parseTime(pod.metadata.deletionTimestamp) ?? parseTime(pod.metadata.creationTimestamp) ?? 0;
}

const byFinished = (a: Pod, b: Pod) => podFinishedTime(a) - podFinishedTime(b);

/**
 * The record after newly finished pods were seen: failures accumulate; a success resets the
 * count to the failures that finished after it.
 */
export function nextBackoffRecord(prev: BackoffRecord | undefined, newSucceeded: Pod[], newFailed: Pod[]): BackoffRecord {
  const rec: BackoffRecord = { ...(prev ?? { failuresAfterLastSuccess: 0 }) };
  const failed = [...newFailed].sort(byFinished);
  if (newSucceeded.length === 0) {
    if (failed.length === 0) return rec;
    rec.failuresAfterLastSuccess += failed.length;
    rec.lastFailureTime = podFinishedTime(failed[failed.length - 1]!);
    return rec;
  }
  const lastSuccess = Math.max(...newSucceeded.map(podFinishedTime));
  const out: BackoffRecord = { failuresAfterLastSuccess: 0 };
  for (let i = failed.length - 1; i >= 0; i--) {
    const t = podFinishedTime(failed[i]!);
    if (t <= lastSuccess) break;
    out.lastFailureTime ??= t;
    out.failuresAfterLastSuccess++;
  }
  return out;
}

/** The backoff after `failures` failures: base doubled per failure after the first, capped. */
export function backoffDelay(failures: number, timing: BackoffTiming): number {
  if (failures <= 0) return 0;
  let d = timing.baseMs;
  for (let i = 1; i < failures; i++) {
    d *= 2;
    if (d >= timing.maxMs) return timing.maxMs;
  }
  return Math.min(d, timing.maxMs);
}

/** How long to wait (ms, from `now`) before the next pod may be created; 0: at once. */
export function remainingBackoff(rec: BackoffRecord | undefined, now: number, timing: BackoffTiming): number {
  if (!rec || rec.failuresAfterLastSuccess === 0 || rec.lastFailureTime === undefined) return 0;
  const d = backoffDelay(rec.failuresAfterLastSuccess, timing);
  const elapsed = now - rec.lastFailureTime;
  return d < elapsed ? 0 : d - elapsed;
}
