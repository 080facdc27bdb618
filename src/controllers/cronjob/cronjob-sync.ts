/**
 * CronJobReconciler: upstream's cronjob ControllerV2 sync. Keeps status.active in step with the
 * Jobs the CronJob owns, removes finished Jobs past the history limits, and starts the Job of
 * the most recent unmet schedule time (named `<cronjob>-<minutes since epoch>`, so a start is
 * never made twice) as concurrencyPolicy and startingDeadlineSeconds allow.
 */
import type { CronJob, Job } from '../../api/batch/v1/index.js';
import type { ObjectReference } from '../../api/core/v1/index.js';
import { OWNER_UID_INDEX, type ReadonlyStore, type ResourceClient, type EventRecorder } from '../../client/index.js';
import { deepClone, isAlreadyExists, isControlledBy, isNotFound, newControllerRef } from '../../machinery/index.js';
import { finishedCondition, isJobFinished, isJobSucceeded } from '../job/index.js';
import { rfc3339, type Reconciler, type Request, type Result } from '../runtime/index.js';
import {
  TOO_MANY_MISSED,
  formatRFC1123Z,
  formatRFC3339InZone,
  isTimeZone,
  jobNameFor,
  nextScheduleDelay,
  nextScheduleTime,
  parseSchedule,
  type Schedule,
  type ScheduleState,
} from './schedule.js';

/** Set by `kubectl create job --from=cronjob/x` on Jobs made by hand from a CronJob. */
export const INSTANTIATE_ANNOTATION = 'cronjob.kubernetes.io/instantiate';
/** The scheduled time of the run, on each Job the controller creates (RFC 3339 in the CronJob's zone). */
export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

const CRONJOB_GVK = { group: 'batch', version: 'v1', kind: 'CronJob' };

export interface CronJobDeps {
  cronJobs: ReadonlyStore<CronJob>;
  jobs: ReadonlyStore<Job>;
  cronJobClient: Pick<ResourceClient<CronJob>, 'updateStatus'>;
  jobClient: Pick<ResourceClient<Job>, 'get' | 'create' | 'delete'>;
  events: Pick<EventRecorder, 'event'>;
  /** The time now, ms (injectable for tests). */
  now: () => number;
}

function refTo(job: Job): ObjectReference {
  return { kind: 'Job', namespace: job.metadata.namespace, name: job.metadata.name, uid: job.metadata.uid, apiVersion: 'batch/v1', resourceVersion: job.metadata.resourceVersion };
}

function inActive(cj: CronJob, uid: string | undefined): boolean {
  return (cj.status?.active ?? []).some((r) => r.uid === uid);
}

function removeActive(cj: CronJob, uid: string | undefined): void {
  cj.status = { ...cj.status, active: (cj.status?.active ?? []).filter((r) => r.uid !== uid) };
}

/** Oldest first by status.startTime (none last), then by name (upstream byJobStartTime). */
function byStartTime(a: Job, b: Job): number {
  const sa = a.status?.startTime;
  const sb = b.status?.startTime;
  if (!sb) return sa ? -1 : (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
  if (!sa) return 1;
  if (sa === sb) return (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
  return Date.parse(sa) - Date.parse(sb);
}

/** The Job a CronJob starts for `scheduled` (upstream getJobFromTemplate2). */
export function jobFromTemplate(cj: CronJob, scheduled: number): Job {
  const tpl = cj.spec.jobTemplate ?? { spec: {} };
  const annotations: Record<string, string> = { ...(tpl.metadata?.annotations ?? {}) };
  annotations[SCHEDULED_TIMESTAMP_ANNOTATION] = formatRFC3339InZone(scheduled, cj.spec.timeZone || 'UTC');
  const job: Job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobNameFor(cj.metadata.name ?? '', scheduled),
      namespace: cj.metadata.namespace,
      annotations,
      ownerReferences: [newControllerRef(cj, CRONJOB_GVK)],
    },
    spec: deepClone(tpl.spec),
  };
  if (tpl.metadata?.labels) job.metadata.labels = { ...tpl.metadata.labels };
  return job;
}

export class CronJobReconciler implements Reconciler {
  constructor(private readonly deps: CronJobDeps) {}

  async reconcile(req: Request): Promise<Result | void> {
    const cached = this.deps.cronJobs.getByName(req.namespace, req.name);
    if (!cached) return;
    const cj = deepClone(cached);
    cj.status ??= {};
    const jobs = this.deps.jobs.byIndex(OWNER_UID_INDEX, cj.metadata.uid ?? '');
    const before = JSON.stringify(cj.status);
    await this.cleanupFinished(cj, jobs);
    let requeueAfterMs: number | undefined;
    let error: unknown;
    try {
      requeueAfterMs = await this.sync(cj, jobs);
    } catch (err) {
      error = err;
    }
    if (JSON.stringify(cj.status) !== before) await this.deps.cronJobClient.updateStatus(cj);
    if (error) throw error;
    return requeueAfterMs !== undefined ? { requeueAfterMs } : undefined;
  }

  private async deleteJob(cj: CronJob, job: Job): Promise<boolean> {
    try {
      await this.deps.jobClient.delete(job.metadata.namespace, job.metadata.name ?? '', { propagationPolicy: 'Background' });
    } catch (err) {
      if (!isNotFound(err)) {
        this.deps.events.event(cj, { type: 'Warning', reason: 'FailedDelete', message: `Deleted job: ${(err as Error)?.message ?? String(err)}` });
        return false;
      }
    }
    removeActive(cj, job.metadata.uid);
    this.deps.events.event(cj, { type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted job ${job.metadata.name}` });
    return true;
  }

  /** Deletes the oldest finished Jobs beyond successfulJobsHistoryLimit and failedJobsHistoryLimit. */
  private async cleanupFinished(cj: CronJob, jobs: Job[]): Promise<void> {
    const limits: [string, number | undefined][] = [
      ['Complete', cj.spec.successfulJobsHistoryLimit],
      ['Failed', cj.spec.failedJobsHistoryLimit],
    ];
    for (const [type, limit] of limits) {
      if (limit == null) continue;
      const finished = jobs.filter((j) => finishedCondition(j)?.type === type && !j.metadata.deletionTimestamp).sort(byStartTime);
      for (const j of finished.slice(0, Math.max(0, finished.length - limit))) await this.deleteJob(cj, j);
    }
  }

  /** Brings status.active up to date with the owned Jobs. */
  private async syncActive(cj: CronJob, jobs: Job[]): Promise<void> {
    const status = cj.status!;
    for (const j of jobs) {
      const found = inActive(cj, j.metadata.uid);
      if (!found && !isJobFinished(j)) {
        if (j.metadata.annotations?.[INSTANTIATE_ANNOTATION] === 'manual') continue;
        this.deps.events.event(cj, { type: 'Warning', reason: 'UnexpectedJob', message: `Saw a job that the controller did not create or forgot: ${j.metadata.name}` });
      } else if (isJobFinished(j)) {
        if (found) {
          removeActive(cj, j.metadata.uid);
          const c = finishedCondition(j)!;
          this.deps.events.event(cj, { type: 'Normal', reason: 'SawCompletedJob', message: `Saw completed job: ${j.metadata.name}, condition: ${c.type}` });
        }
        const done = j.status?.completionTime;
        if (isJobSucceeded(j) && done && (!status.lastSuccessfulTime || Date.parse(done) > Date.parse(status.lastSuccessfulTime))) {
          cj.status!.lastSuccessfulTime = done;
        }
      }
    }
    const owned = new Set(jobs.map((j) => j.metadata.uid));
    for (const ref of [...(cj.status!.active ?? [])]) {
      if (owned.has(ref.uid)) continue;
      try {
        await this.deps.jobClient.get(ref.namespace ?? cj.metadata.namespace, ref.name ?? '');
      } catch (err) {
        if (!isNotFound(err)) throw err;
        this.deps.events.event(cj, { type: 'Normal', reason: 'MissingJob', message: `Active job went missing: ${ref.name}` });
        removeActive(cj, ref.uid);
      }
    }
  }

  private parse(cj: CronJob): Schedule | undefined {
    const schedule = cj.spec.schedule ?? '';
    if (schedule.includes('TZ')) {
      this.deps.events.event(cj, {
        type: 'Warning',
        reason: 'UnsupportedSchedule',
        message: `CRON_TZ or TZ used in schedule ${JSON.stringify(schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`,
      });
    }
    try {
      return parseSchedule(schedule, { timeZone: cj.spec.timeZone });
    } catch (err) {
      this.deps.events.event(cj, { type: 'Warning', reason: 'UnparseableSchedule', message: `unparseable schedule: ${JSON.stringify(schedule)} : ${(err as Error).message}` });
      return undefined;
    }
  }

  /** One sync; answers when to look again (ms), or undefined. */
  private async sync(cj: CronJob, jobs: Job[]): Promise<number | undefined> {
    const now = this.deps.now();
    await this.syncActive(cj, jobs);
    if (cj.metadata.deletionTimestamp) return undefined;
    if (cj.spec.timeZone != null && !isTimeZone(cj.spec.timeZone)) {
      this.deps.events.event(cj, { type: 'Warning', reason: 'UnknownTimeZone', message: `invalid timeZone: ${JSON.stringify(cj.spec.timeZone)}: unknown time zone ${cj.spec.timeZone}` });
      return undefined;
    }
    if (cj.spec.suspend) return undefined;
    const sched = this.parse(cj);
    if (!sched) return undefined;
    const state: ScheduleState = {
      created: Date.parse(cj.metadata.creationTimestamp ?? '') || now,
      lastScheduled: cj.status?.lastScheduleTime ? Date.parse(cj.status.lastScheduleTime) : undefined,
      startingDeadlineSeconds: cj.spec.startingDeadlineSeconds,
    };
    let scheduled: number | undefined;
    try {
      const next = nextScheduleTime(state, now, sched);
      scheduled = next.scheduled;
      if (scheduled !== undefined && next.missed > TOO_MANY_MISSED) {
        this.deps.events.event(cj, {
          type: 'Warning',
          reason: 'TooManyMissedTimes',
          message: `too many missed start times: ${next.missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`,
        });
      }
    } catch (err) {
      this.deps.events.event(cj, { type: 'Warning', reason: 'InvalidSchedule', message: `invalid schedule: ${cj.spec.schedule} : ${(err as Error).message}` });
      return undefined;
    }
    const later = () => nextScheduleDelay({ ...state, lastScheduled: cj.status?.lastScheduleTime ? Date.parse(cj.status.lastScheduleTime) : undefined }, now, sched);
    if (scheduled === undefined) return later();
    if (cj.spec.startingDeadlineSeconds != null && scheduled + cj.spec.startingDeadlineSeconds * 1000 < now) {
      this.deps.events.event(cj, { type: 'Warning', reason: 'MissSchedule', message: `Missed scheduled time to start a job: ${formatRFC1123Z(scheduled)}` });
      return later();
    }
    const name = jobNameFor(cj.metadata.name ?? '', scheduled);
    const last = cj.status?.lastScheduleTime ? Date.parse(cj.status.lastScheduleTime) : undefined;
    if ((cj.status?.active ?? []).some((r) => r.name === name) || last === Math.floor(scheduled / 1000) * 1000) return later();
    if (cj.spec.concurrencyPolicy === 'Forbid' && (cj.status?.active?.length ?? 0) > 0) {
      this.deps.events.event(cj, { type: 'Normal', reason: 'JobAlreadyActive', message: 'Not starting job because prior execution is running and concurrency policy is Forbid' });
      return later();
    }
    if (cj.spec.concurrencyPolicy === 'Replace') await this.replaceActive(cj);
    const job = await this.createJob(cj, scheduled);
    if (!job) return undefined;
    cj.status!.active = [...(cj.status!.active ?? []), refTo(job)];
    cj.status!.lastScheduleTime = rfc3339(scheduled);
    return later();
  }

  private async replaceActive(cj: CronJob): Promise<void> {
    for (const ref of [...(cj.status?.active ?? [])]) {
      let job: Job;
      try {
        job = await this.deps.jobClient.get(ref.namespace ?? cj.metadata.namespace, ref.name ?? '');
      } catch (err) {
        this.deps.events.event(cj, { type: 'Warning', reason: 'FailedGet', message: `Get job: ${(err as Error)?.message ?? String(err)}` });
        throw err;
      }
      if (!(await this.deleteJob(cj, job))) throw new Error(`could not replace job ${job.metadata.namespace}/${job.metadata.name}`);
    }
  }

  /** Creates the run's Job; answers it, or undefined when it exists and belongs to someone else or is already tracked. */
  private async createJob(cj: CronJob, scheduled: number): Promise<Job | undefined> {
    const want = jobFromTemplate(cj, scheduled);
    try {
      const created = await this.deps.jobClient.create(want);
      this.deps.events.event(cj, { type: 'Normal', reason: 'SuccessfulCreate', message: `Created job ${created.metadata.name}` });
      return created;
    } catch (err) {
      if (!isAlreadyExists(err)) {
        this.deps.events.event(cj, { type: 'Warning', reason: 'FailedCreate', message: `Error creating job: ${(err as Error)?.message ?? String(err)}` });
        throw err;
      }
    }
    const existing = await this.deps.jobClient.get(want.metadata.namespace, want.metadata.name ?? '');
    if (!isControlledBy(existing, cj) || inActive(cj, existing.metadata.uid)) return undefined;
    return existing;
  }
}
