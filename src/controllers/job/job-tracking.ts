/**
 * Counting finished pods with the `batch.kubernetes.io/job-tracking` finalizer, crash-safe as
 * upstream's trackJobStatusAndRemoveFinalizers:
 *   1. finished pods not yet counted go to status.uncountedTerminatedPods (status write);
 *   2. their finalizers are removed (the pods may now go away);
 *   3. uncounted pods without a finalizer move into status.succeeded/failed, and once nothing
 *      is uncounted or terminating the interim condition becomes Complete/Failed (status write).
 */
import type { Job, JobStatus } from '../../api/batch/v1/index.js';
import type { Pod } from '../../api/core/v1/index.js';
import { deepEqual, isNotFound } from '../../machinery/index.js';
import type { JobControllerDeps, SyncCtx } from './job-context.js';
import { ensureJobCondition, findJobCondition, terminalFor } from './job-conditions.js';
import { JOB_TRACKING_FINALIZER, hasTrackingFinalizer, isIndexedJob, isPodFailed } from './job-pods.js';
import { completionIndexOf, formatIndexes } from './indexes.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';

/** Upstream's MaxUncountedPods: flush before uncountedTerminatedPods grows past this. */
export const MAX_UNCOUNTED_PODS = 500;

/** Pod finalizer removals sent but not yet seen in the cache, per Job key. */
export class FinalizerExpectations {
  private readonly byJob = new Map<string, Set<string>>();

  get(key: string): Set<string> {
    return new Set(this.byJob.get(key) ?? []);
  }

  expect(key: string, uid: string): void {
    let s = this.byJob.get(key);
    if (!s) this.byJob.set(key, (s = new Set()));
    s.add(uid);
  }

  /** The pod was seen without the finalizer (or gone). */
  observed(key: string, uid: string): void {
    const s = this.byJob.get(key);
    if (!s) return;
    s.delete(uid);
    if (s.size === 0) this.byJob.delete(key);
  }

  delete(key: string): void {
    this.byJob.delete(key);
  }
}

/** The strategic merge patch that removes the tracking finalizer. */
export const REMOVE_FINALIZER_PATCH = { metadata: { [`$deleteFromPrimitiveList/finalizers`]: [JOB_TRACKING_FINALIZER] } };

/** Removes the finalizer from `pods`; answers the uids done (or gone) and the first error. */
export async function removeTrackingFinalizers(
  deps: Pick<JobControllerDeps, 'podClient'>,
  fin: FinalizerExpectations,
  opts: { key: string; pods: Pod[] },
): Promise<{ removed: Set<string>; error?: unknown }> {
  const removed = new Set<string>();
  let error: unknown;
  await Promise.all(
    opts.pods.map(async (p) => {
      const uid = p.metadata.uid ?? '';
      fin.expect(opts.key, uid);
      try {
        await deps.podClient.patch(p.metadata.namespace, p.metadata.name ?? '', { type: 'strategic', body: REMOVE_FINALIZER_PATCH });
        removed.add(uid);
      } catch (err) {
        fin.observed(opts.key, uid);
        if (isNotFound(err)) removed.add(uid);
        else error ??= err;
      }
    }),
  );
  return { removed, error };
}

/** upstream canRemoveFinalizer. */
function canRemoveFinalizer(ctx: SyncCtx, pod: Pod, considerFailed: boolean): boolean {
  if (ctx.job.metadata.deletionTimestamp || ctx.finishing || pod.status?.phase === 'Succeeded') return true;
  if (!considerFailed) return false;
  // With a pod failure policy, wait for the terminal phase so that the rules see the exit codes.
  return !ctx.job.spec.podFailurePolicy || pod.status?.phase === 'Failed';
}

function validIndex(job: Job, pod: Pod): number | undefined {
  const ix = completionIndexOf(pod);
  return ix !== undefined && ix < (job.spec.completions ?? 0) ? ix : undefined;
}

interface Plan {
  remove: Pod[];
  newSucceeded: string[];
  newFailed: string[];
  newIndexes: number[];
}

function planTracking(ctx: SyncCtx): Plan {
  const job = ctx.job;
  const indexed = isIndexedJob(job);
  const plan: Plan = { remove: [], newSucceeded: [], newFailed: [], newIndexes: [] };
  const failsAll = ctx.finishing !== undefined && ctx.finishing.type !== 'SuccessCriteriaMet';
  for (const pod of ctx.pods) {
    const uid = pod.metadata.uid ?? '';
    if (!hasTrackingFinalizer(pod) || ctx.expectedRmFinalizers.has(uid)) continue;
    const considerFailed = isPodFailed(pod, job);
    if (!canRemoveFinalizer(ctx, pod, considerFailed)) continue;
    plan.remove.push(pod);
    if (pod.status?.phase === 'Succeeded' && !ctx.uncounted.failed.has(uid)) {
      if (indexed) {
        const ix = validIndex(job, pod);
        if (ix !== undefined && !ctx.prevSucceededIndexes.has(ix)) plan.newIndexes.push(ix);
      } else if (!ctx.uncounted.succeeded.has(uid)) {
        plan.newSucceeded.push(uid);
      }
    } else if (considerFailed || failsAll) {
      if (ctx.uncounted.failed.has(uid) || (indexed && validIndex(job, pod) === undefined)) continue;
      if (matchPodFailurePolicy(job.spec.podFailurePolicy, pod).countFailed) plan.newFailed.push(uid);
    }
    if (plan.newSucceeded.length + plan.newFailed.length + plan.newIndexes.length >= MAX_UNCOUNTED_PODS) break;
  }
  return plan;
}

/** uncountedTerminatedPods as upstream serialises it: empty lists left out. */
function uncountedOf(succeeded: string[], failed: string[]): NonNullable<JobStatus['uncountedTerminatedPods']> {
  const u: NonNullable<JobStatus['uncountedTerminatedPods']> = {};
  if (succeeded.length) u.succeeded = succeeded;
  if (failed.length) u.failed = failed;
  return u;
}

/** Moves uncounted uids whose pods no longer carry the finalizer into the counters. */
function moveCounted(status: JobStatus, withFinalizer: Set<string>): boolean {
  const u = status.uncountedTerminatedPods ?? {};
  const keepS = (u.succeeded ?? []).filter((uid) => withFinalizer.has(uid));
  const keepF = (u.failed ?? []).filter((uid) => withFinalizer.has(uid));
  const movedS = (u.succeeded ?? []).length - keepS.length;
  const movedF = (u.failed ?? []).length - keepF.length;
  if (movedS === 0 && movedF === 0) return false;
  status.succeeded = (status.succeeded ?? 0) + movedS;
  status.failed = (status.failed ?? 0) + movedF;
  status.uncountedTerminatedPods = uncountedOf(keepS, keepF);
  return true;
}

function hasUncounted(status: JobStatus): boolean {
  const u = status.uncountedTerminatedPods;
  return (u?.succeeded?.length ?? 0) + (u?.failed?.length ?? 0) > 0;
}

async function writeStatus(deps: JobControllerDeps, ctx: SyncCtx): Promise<void> {
  ctx.job = await deps.jobClient.updateStatus(ctx.job);
}

/**
 * Brings the Job's status up to date and removes finalizers of counted pods. `changed` says the
 * sync already changed the status (active, ready, conditions...).
 */
export async function trackJobStatus(deps: JobControllerDeps, fin: FinalizerExpectations, ctx: SyncCtx, changed: boolean): Promise<void> {
  const plan = planTracking(ctx);
  const status = (ctx.job.status ??= {});
  let needsFlush = changed || plan.newSucceeded.length + plan.newFailed.length + plan.newIndexes.length > 0;
  if (plan.newIndexes.length > 0) {
    for (const ix of plan.newIndexes) ctx.succeededIndexes.add(ix);
    status.succeeded = ctx.succeededIndexes.size;
    status.completedIndexes = formatIndexes(ctx.succeededIndexes);
  }
  let terminal = ctx.finishing;
  if (terminal && (terminal.type === 'FailureTarget' || terminal.type === 'SuccessCriteriaMet')) {
    if (!findJobCondition(ctx.job, terminal.type)) {
      status.conditions = [...(status.conditions ?? []), terminal];
      needsFlush = true;
    }
    terminal = terminalFor(terminal, ctx.now);
  }
  const uncounted = status.uncountedTerminatedPods ?? {};
  status.uncountedTerminatedPods = uncountedOf([...(uncounted.succeeded ?? []), ...plan.newSucceeded], [...(uncounted.failed ?? []), ...plan.newFailed]);
  if (needsFlush) await writeStatus(deps, ctx);

  const withFinalizer = new Set(ctx.pods.filter((p) => hasTrackingFinalizer(p) && !ctx.expectedRmFinalizers.has(p.metadata.uid ?? '')).map((p) => p.metadata.uid ?? ''));
  const { removed, error } = await removeTrackingFinalizers(deps, fin, { key: ctx.key, pods: plan.remove });
  for (const uid of removed) withFinalizer.delete(uid);
  const before = JSON.stringify(ctx.job.status);
  const s = (ctx.job.status ??= {});
  moveCounted(s, withFinalizer);
  let finished = false;
  if (terminal && !hasUncounted(s) && ctx.terminating === 0) {
    const r = ensureJobCondition(s.conditions, { type: terminal.type, status: 'True', reason: terminal.reason ?? '', message: terminal.message ?? '' }, ctx.now);
    s.conditions = r.conditions;
    if (terminal.type === 'Complete') s.completionTime = s.conditions.find((c) => c.type === 'Complete')?.lastTransitionTime;
    finished = true;
  }
  if (!deepEqual(JSON.parse(before), s) || finished) {
    await writeStatus(deps, ctx);
    if (finished && terminal) recordFinished(deps, ctx.job, terminal);
  }
  if (error) throw error;
}

function recordFinished(deps: JobControllerDeps, job: Job, cond: { type: string; reason?: string; message?: string }): void {
  if (cond.type === 'Complete') {
    const completions = job.spec.completions;
    if (completions != null && (job.status?.succeeded ?? 0) > completions) {
      deps.events.event(job, { type: 'Warning', reason: 'TooManySucceededPods', message: 'Too many succeeded pods running after completion count reached' });
    }
    deps.events.event(job, { type: 'Normal', reason: 'Completed', message: 'Job completed' });
  } else {
    deps.events.event(job, { type: 'Warning', reason: cond.reason ?? 'Failed', message: cond.message ?? '' });
  }
}
