/**
 * JobReconciler: upstream's syncJob. Reads the Job and its pods from the caches, decides whether
 * the Job has finished (backoff limit, deadline, pod failure policy, success policy,
 * completions), creates or deletes pods, and tracks the outcome of finished pods in the status.
 */
import type { Job, JobCondition } from '../../api/batch/v1/index.js';
import { JOB_LABELS } from '../../api/batch/v1/index.js';
import type { Pod } from '../../api/core/v1/index.js';
import { NAMESPACE_INDEX, OWNER_UID_INDEX, objectKey } from '../../client/index.js';
import { deepClone, isNotFound, selectorFromLabelSelector } from '../../machinery/index.js';
import { requestKey, rfc3339, type Reconciler, type Request, type Result } from '../runtime/index.js';
import { claimPods, isPodReady, isPodTerminal } from '../statefulset/index.js';
import { nextBackoffRecord, type BackoffRecord } from './backoff.js';
import type { JobControllerDeps, SyncCtx } from './job-context.js';
import { setRequeue } from './job-context.js';
import { REASONS, ensureJobCondition, findJobCondition, isJobFinished, newJobCondition } from './job-conditions.js';
import { deleteJobPods, isSuspended, manageJob } from './job-manage.js';
import { hasTrackingFinalizer, isIndexedJob, isJobPodActive, isPodFailed, pastBackoffLimitOnFailure } from './job-pods.js';
import { FinalizerExpectations, removeTrackingFinalizers, trackJobStatus } from './job-tracking.js';
import { completionIndexOf, formatIndexes, matchSuccessPolicy, parseIndexes } from './indexes.js';
import { failedIndexes, failuresByIndex, hasBackoffLimitPerIndex } from './per-index.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';

/** The value of spec.managedBy that this controller answers to (unset means the same). */
export const JOB_CONTROLLER_MANAGER = 'kubernetes.io/job-controller';
const JOB_GVK = { group: 'batch', version: 'v1', kind: 'Job' };

export class JobReconciler implements Reconciler {
  readonly finalizerExpectations = new FinalizerExpectations();
  private readonly backoffs = new Map<string, BackoffRecord>();

  constructor(private readonly deps: JobControllerDeps) {}

  /** Feeds expectations from pod events (wire to the pod informer). */
  observePod(event: 'add' | 'update' | 'delete', pod: Pod): void {
    const ref = pod.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'Job');
    if (!ref) return;
    const key = `${pod.metadata.namespace}/${ref.name}`;
    if (event === 'add') this.deps.expectations.creationObserved(key);
    // A graceful deletion counts as observed once the pod is marked (upstream updatePod).
    if (event === 'delete' || pod.metadata.deletionTimestamp) this.deps.expectations.deletionObserved(key, objectKey(pod));
    if (event === 'delete' || !hasTrackingFinalizer(pod)) this.finalizerExpectations.observed(key, pod.metadata.uid ?? '');
  }

  async reconcile(req: Request): Promise<Result | void> {
    const key = requestKey(req);
    const cached = this.deps.jobs.getByName(req.namespace, req.name);
    if (!cached) {
      this.forget(key);
      await this.releaseOrphans(req);
      return;
    }
    if (cached.spec?.managedBy && cached.spec.managedBy !== JOB_CONTROLLER_MANAGER) return;
    const job = deepClone(cached);
    const pods = await this.podsFor(job);
    if (isJobFinished(job)) {
      this.backoffs.delete(key);
      const { error } = await removeTrackingFinalizers(this.deps, this.finalizerExpectations, { key, pods: pods.filter(hasTrackingFinalizer) });
      if (error) throw error;
      return;
    }
    const ctx = this.newContext(key, job, pods);
    await this.sync(ctx);
    this.backoffs.set(key, ctx.backoff);
    return ctx.requeueAfterMs !== undefined ? { requeueAfterMs: ctx.requeueAfterMs } : undefined;
  }

  private forget(key: string): void {
    this.backoffs.delete(key);
    this.deps.expectations.delete(key);
    this.finalizerExpectations.delete(key);
  }

  /** Pods of a deleted Job still carry our finalizer: remove it so that they can go. */
  private async releaseOrphans(req: Request): Promise<void> {
    const orphans = this.deps.pods.byIndex(NAMESPACE_INDEX, req.namespace).filter((p) => {
      const ref = p.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'Job');
      return ref?.name === req.name && hasTrackingFinalizer(p);
    });
    const { error } = await removeTrackingFinalizers(this.deps, this.finalizerExpectations, { key: requestKey(req), pods: orphans });
    if (error) throw error;
  }

  /** Owned pods, plus orphans the selector matches (adopted). */
  private async podsFor(job: Job): Promise<Pod[]> {
    if (job.metadata.deletionTimestamp) return this.deps.pods.byIndex(OWNER_UID_INDEX, job.metadata.uid ?? '');
    let selector;
    try {
      selector = selectorFromLabelSelector(job.spec.selector ?? { matchLabels: { [JOB_LABELS.controllerUid]: job.metadata.uid ?? '' } });
    } catch {
      return this.deps.pods.byIndex(OWNER_UID_INDEX, job.metadata.uid ?? '');
    }
    return claimPods(this.deps, job, {
      gvk: JOB_GVK,
      selector,
      getOwner: () => this.deps.jobClient.get(job.metadata.namespace, job.metadata.name ?? ''),
      adoptable: (p) => !isPodTerminal(p),
    });
  }

  private newContext(key: string, job: Job, pods: Pod[]): SyncCtx {
    const now = this.deps.clock.now();
    const u = job.status?.uncountedTerminatedPods;
    const ctx: SyncCtx = {
      key,
      job,
      pods,
      activePods: pods.filter(isJobPodActive),
      now,
      uncounted: { succeeded: new Set(u?.succeeded ?? []), failed: new Set(u?.failed ?? []) },
      expectedRmFinalizers: this.finalizerExpectations.get(key),
      succeeded: 0,
      failed: 0,
      terminating: pods.filter((p) => p.metadata.deletionTimestamp && !isPodTerminal(p)).length,
      prevSucceededIndexes: new Set(),
      succeededIndexes: new Set(),
      failedIndexes: new Set(),
      indexFailures: new Map(),
      backoff: { failuresAfterLastSuccess: 0 },
    };
    const fresh = (p: Pod, seen: Set<string>) => {
      const uid = p.metadata.uid ?? '';
      if (!hasTrackingFinalizer(p) || seen.has(uid) || ctx.expectedRmFinalizers.has(uid)) return false;
      if (!isIndexedJob(job)) return true;
      const ix = completionIndexOf(p);
      return ix !== undefined && ix < (job.spec.completions ?? 0);
    };
    const newSucceeded = pods.filter((p) => fresh(p, ctx.uncounted.succeeded) && p.status?.phase === 'Succeeded');
    const newFailed = pods.filter((p) => fresh(p, ctx.uncounted.failed) && isPodFailed(p, job));
    const counted = newFailed.filter((p) => matchPodFailurePolicy(job.spec.podFailurePolicy, p).countFailed).length;
    ctx.succeeded = (job.status?.succeeded ?? 0) + newSucceeded.length + ctx.uncounted.succeeded.size;
    ctx.failed = (job.status?.failed ?? 0) + counted + ctx.uncounted.failed.size;
    ctx.backoff = nextBackoffRecord(this.backoffs.get(key), newSucceeded, newFailed);
    return ctx;
  }

  private failJobMessage(ctx: SyncCtx): string | undefined {
    if (!ctx.job.spec.podFailurePolicy) return undefined;
    for (const p of ctx.pods) {
      if (!isPodFailed(p, ctx.job)) continue;
      const m = matchPodFailurePolicy(ctx.job.spec.podFailurePolicy, p);
      if (m.failJobMessage) return m.failJobMessage;
    }
    return undefined;
  }

  private pastActiveDeadline(job: Job, now: number): boolean {
    const limit = job.spec.activeDeadlineSeconds;
    const start = job.status?.startTime ? Date.parse(job.status.startTime) : NaN;
    if (limit == null || !Number.isFinite(start) || isSuspended(job)) return false;
    return now - start >= limit * 1000;
  }

  /** The condition that finishes the Job now, if any (interim FailureTarget/SuccessCriteriaMet). */
  private decideFinish(ctx: SyncCtx): JobCondition | undefined {
    const job = ctx.job;
    const existing = findJobCondition(job, 'SuccessCriteriaMet') ?? findJobCondition(job, 'FailureTarget');
    if (existing) return existing;
    const policyMessage = this.failJobMessage(ctx);
    if (policyMessage) return newJobCondition('FailureTarget', REASONS.podFailurePolicy, policyMessage, ctx.now);
    if (ctx.failed > (job.spec.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, ctx.pods)) {
      return newJobCondition('FailureTarget', REASONS.backoffLimitExceeded, 'Job has reached the specified backoff limit', ctx.now);
    }
    if (this.pastActiveDeadline(job, ctx.now)) {
      return newJobCondition('FailureTarget', REASONS.deadlineExceeded, 'Job was active longer than specified deadline', ctx.now);
    }
    if (job.spec.activeDeadlineSeconds != null && !isSuspended(job) && job.status?.startTime) {
      setRequeue(ctx, Date.parse(job.status.startTime) + job.spec.activeDeadlineSeconds * 1000 - ctx.now);
    }
    return undefined;
  }

  private indexedProgress(ctx: SyncCtx): void {
    const job = ctx.job;
    const completions = job.spec.completions ?? 0;
    ctx.prevSucceededIndexes = parseIndexes(job.status?.completedIndexes, completions);
    ctx.succeededIndexes = new Set(ctx.prevSucceededIndexes);
    for (const p of ctx.pods) {
      if (p.status?.phase !== 'Succeeded' || !hasTrackingFinalizer(p)) continue;
      const ix = completionIndexOf(p);
      if (ix !== undefined && ix < completions) ctx.succeededIndexes.add(ix);
    }
    ctx.succeeded = ctx.succeededIndexes.size;
    if (hasBackoffLimitPerIndex(job)) this.perIndexProgress(ctx);
    if (ctx.finishing) return;
    const msg = matchSuccessPolicy(job.spec.successPolicy, completions, ctx.succeededIndexes);
    if (msg) ctx.finishing = newJobCondition('SuccessCriteriaMet', REASONS.successPolicy, msg, ctx.now);
  }

  /** backoffLimitPerIndex: failed indexes, and the Job's failure when too many or all are done. */
  private perIndexProgress(ctx: SyncCtx): void {
    const job = ctx.job;
    ctx.failedIndexes = failedIndexes(job, ctx.pods);
    for (const ix of ctx.succeededIndexes) ctx.failedIndexes.delete(ix);
    ctx.indexFailures = failuresByIndex(job, ctx.pods);
    job.status!.failedIndexes = formatIndexes(ctx.failedIndexes);
    if (ctx.finishing) return;
    const failedCount = ctx.failedIndexes.size;
    if (job.spec.maxFailedIndexes != null && failedCount > job.spec.maxFailedIndexes) {
      ctx.finishing = newJobCondition('FailureTarget', REASONS.maxFailedIndexesExceeded, 'Job has exceeded the specified maximal number of failed indexes', ctx.now);
    } else if (failedCount > 0 && failedCount + ctx.succeededIndexes.size >= (job.spec.completions ?? 0)) {
      ctx.finishing = newJobCondition('FailureTarget', REASONS.failedIndexes, 'Job has failed indexes', ctx.now);
    }
  }

  private async sync(ctx: SyncCtx): Promise<void> {
    const job = ctx.job;
    const status = (job.status ??= {});
    const orig = { active: status.active, ready: status.ready, terminating: status.terminating, startTime: status.startTime, failedIndexes: status.failedIndexes };
    if (!status.startTime && !isSuspended(job)) status.startTime = rfc3339(ctx.now);
    ctx.finishing = this.decideFinish(ctx);
    if (isIndexedJob(job)) this.indexedProgress(ctx);
    let active = ctx.activePods.length;
    let suspendChanged = false;
    let manageError: unknown;
    if (ctx.finishing) {
      const { deleted, error } = await deleteJobPods(this.deps, ctx, ctx.activePods);
      active -= deleted;
      ctx.terminating += deleted;
      manageError = error;
      if (deleted !== ctx.activePods.length) ctx.finishing = undefined;
    } else {
      let managed = false;
      if (this.deps.expectations.satisfied(ctx.key) && !job.metadata.deletionTimestamp) {
        try {
          active = await manageJob(this.deps, ctx);
        } catch (err) {
          manageError = err;
          active = ctx.activePods.length;
        }
        managed = true;
      }
      const completions = job.spec.completions;
      const complete = active === 0 && (completions == null ? ctx.succeeded > 0 : ctx.succeeded >= completions);
      if (complete) {
        ctx.finishing = newJobCondition('SuccessCriteriaMet', REASONS.completionsReached, 'Reached expected number of succeeded pods', ctx.now);
      } else if (managed) {
        suspendChanged = this.syncSuspended(ctx);
      }
    }
    status.active = active;
    status.ready = ctx.activePods.filter(isPodReady).length;
    status.terminating = ctx.terminating;
    const changed = suspendChanged || status.active !== orig.active || status.ready !== orig.ready || status.terminating !== orig.terminating || status.startTime !== orig.startTime || status.failedIndexes !== orig.failedIndexes;
    await trackJobStatus(this.deps, this.finalizerExpectations, ctx, changed);
    if (manageError && !isNotFound(manageError)) throw manageError;
  }

  /** The Suspended condition and its events; resuming restarts the clock of activeDeadlineSeconds. */
  private syncSuspended(ctx: SyncCtx): boolean {
    const job = ctx.job;
    const status = job.status!;
    const suspended = isSuspended(job);
    const want = suspended
      ? { type: 'Suspended', status: 'True' as const, reason: 'JobSuspended', message: 'Job suspended' }
      : { type: 'Suspended', status: 'False' as const, reason: 'JobResumed', message: 'Job resumed' };
    const r = ensureJobCondition(status.conditions, want, ctx.now);
    if (!r.changed) return false;
    status.conditions = r.conditions;
    this.deps.events.event(job, { type: 'Normal', reason: suspended ? 'Suspended' : 'Resumed', message: want.message });
    if (!suspended) status.startTime = rfc3339(ctx.now);
    return true;
  }
}
