/** Job conditions as upstream 1.32 sets them: the interim FailureTarget/SuccessCriteriaMet and the terminal Failed/Complete. */
import type { Job, JobCondition } from '../../api/batch/v1/index.js';
import { rfc3339 } from '../runtime/index.js';

export const REASONS = {
  backoffLimitExceeded: 'BackoffLimitExceeded',
  deadlineExceeded: 'DeadlineExceeded',
  podFailurePolicy: 'PodFailurePolicy',
  maxFailedIndexesExceeded: 'MaxFailedIndexesExceeded',
  failedIndexes: 'FailedIndexes',
  successPolicy: 'SuccessPolicy',
  completionsReached: 'CompletionsReached',
} as const;

export function findJobCondition(job: Job, type: string): JobCondition | undefined {
  return job.status?.conditions?.find((c) => c.type === type && c.status === 'True');
}

/** The terminal condition (Complete or Failed, True), if any. */
export function finishedCondition(job: Job): JobCondition | undefined {
  return job.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

export function isJobFinished(job: Job): boolean {
  return finishedCondition(job) !== undefined;
}

export function isJobSucceeded(job: Job): boolean {
  return finishedCondition(job)?.type === 'Complete';
}

export function newJobCondition(type: string, reason: string, message: string, now: number): JobCondition {
  const t = rfc3339(now);
  return { type, status: 'True', lastProbeTime: t, lastTransitionTime: t, reason, message };
}

/**
 * upstream ensureJobConditionStatus: sets (or adds) the condition of `type` to `status`; an
 * absent condition is only added when True. Returns the new list and whether it changed.
 */
export function ensureJobCondition(
  conds: JobCondition[] | undefined,
  want: { type: string; status: JobCondition['status']; reason: string; message: string },
  now: number,
): { conditions: JobCondition[]; changed: boolean } {
  const list = [...(conds ?? [])];
  const i = list.findIndex((c) => c.type === want.type);
  const t = rfc3339(now);
  if (i < 0) {
    if (want.status !== 'True') return { conditions: list, changed: false };
    list.push({ type: want.type, status: want.status, lastProbeTime: t, lastTransitionTime: t, reason: want.reason, message: want.message });
    return { conditions: list, changed: true };
  }
  const old = list[i]!;
  if (old.status === want.status && old.reason === want.reason && old.message === want.message) return { conditions: list, changed: false };
  list[i] = {
    ...old,
    status: want.status,
    reason: want.reason,
    message: want.message,
    lastProbeTime: t,
    lastTransitionTime: old.status === want.status ? old.lastTransitionTime : t,
  };
  return { conditions: list, changed: true };
}

/** The terminal condition an interim one leads to: FailureTarget → Failed, SuccessCriteriaMet → Complete. */
export function terminalFor(interim: JobCondition, now: number): JobCondition {
  const type = interim.type === 'SuccessCriteriaMet' ? 'Complete' : interim.type === 'FailureTarget' ? 'Failed' : interim.type;
  return newJobCondition(type, interim.reason ?? '', interim.message ?? '', now);
}
