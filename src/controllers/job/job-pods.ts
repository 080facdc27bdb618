/**
 * The pods of a Job: the template each new pod is made from (tracking finalizer, completion
 * index), and which pods count as failed, succeeded or active.
 */
import type { Job } from '../../api/batch/v1/index.js';
import type { Container, Pod, PodTemplateSpec } from '../../api/core/v1/index.js';
import { deepClone } from '../../machinery/index.js';
import { isPodTerminal } from '../statefulset/index.js';
import { COMPLETION_INDEX_ANNOTATION, INDEX_FAILURE_COUNT_ANNOTATION } from './indexes.js';

/** The finalizer that keeps a Job's finished pods until their outcome is counted. */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
/** The env var carrying the completion index in Indexed jobs. */
export const COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';

export function hasTrackingFinalizer(pod: Pod): boolean {
  return pod.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;
}

export function isIndexedJob(job: Job): boolean {
  return job.spec.completionMode === 'Indexed';
}

/** podReplacementPolicy Failed: a terminating pod is replaced only once it is fully gone. */
export function onlyReplaceFailedPods(job: Job): boolean {
  return job.spec.podReplacementPolicy === 'Failed' || Boolean(job.spec.podFailurePolicy);
}

/**
 * upstream isPodFailed: phase Failed; or (unless only failed pods are replaced) deleted before it
 * succeeded, so that orphans and removed pods count as failures.
 */
export function isPodFailed(pod: Pod, job: Job): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return Boolean(pod.metadata.deletionTimestamp) && pod.status?.phase !== 'Succeeded';
}

/** Pods that run or wait to run: not terminal, not being deleted. */
export function isJobPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && !pod.metadata.deletionTimestamp;
}

function addIndexEnv(c: Container): void {
  c.env ??= [];
  if (c.env.some((e) => e.name === COMPLETION_INDEX_ENV)) return;
  c.env.push({ name: COMPLETION_INDEX_ENV, valueFrom: { fieldRef: { fieldPath: `metadata.labels['${COMPLETION_INDEX_ANNOTATION}']` } } });
}

/**
 * The template of a new pod: the Job's template plus the tracking finalizer; for Indexed jobs
 * the completion index (annotation, label, env var, hostname) and the index's failure count.
 */
export function jobPodTemplate(job: Job, opts: { index?: number; indexFailures?: number } = {}): PodTemplateSpec {
  const tpl = deepClone(job.spec.template ?? {});
  tpl.metadata ??= {};
  const finalizers = (tpl.metadata.finalizers ??= []);
  if (!finalizers.includes(JOB_TRACKING_FINALIZER)) finalizers.push(JOB_TRACKING_FINALIZER);
  if (opts.index !== undefined) {
    const ix = String(opts.index);
    tpl.metadata.annotations = { ...tpl.metadata.annotations, [COMPLETION_INDEX_ANNOTATION]: ix };
    tpl.metadata.labels = { ...tpl.metadata.labels, [COMPLETION_INDEX_ANNOTATION]: ix };
    if (opts.indexFailures !== undefined) tpl.metadata.annotations[INDEX_FAILURE_COUNT_ANNOTATION] = String(opts.indexFailures);
    tpl.spec ??= { containers: [] };
    tpl.spec.hostname ||= `${job.metadata.name}-${ix}`;
    for (const c of tpl.spec.containers ?? []) addIndexEnv(c);
    for (const c of tpl.spec.initContainers ?? []) addIndexEnv(c);
  }
  return tpl;
}

/** The generateName of a new pod: `<job>-` or, Indexed, `<job>-<index>-`. */
export function jobPodGenerateName(job: Job, index?: number): string {
  return index === undefined ? `${job.metadata.name}-` : `${job.metadata.name}-${index}-`;
}

/** Summed container restarts of running and pending pods (for restartPolicy OnFailure). */
export function activeRestarts(pods: Pod[]): number {
  let n = 0;
  for (const p of pods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
    for (const cs of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) n += cs.restartCount ?? 0;
  }
  return n;
}

/** upstream pastBackoffLimitOnFailure: restarts in place count against backoffLimit. */
export function pastBackoffLimitOnFailure(job: Job, pods: Pod[]): boolean {
  if (job.spec.template?.spec?.restartPolicy !== 'OnFailure') return false;
  const restarts = activeRestarts(pods);
  const limit = job.spec.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/**
 * Orders active pods for deletion as upstream's controller.ActivePods sort does, roughly:
 * unscheduled before scheduled, pending before running, not ready before ready, newer first.
 */
export function deletionOrder(a: Pod, b: Pod): number {
  const rank = (p: Pod): number[] => [
    p.spec?.nodeName ? 1 : 0,
    p.status?.phase === 'Pending' ? 0 : p.status?.phase === 'Unknown' ? 1 : 2,
    p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 1 : 0,
  ];
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
  return (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '');
}
