/** batch/v1 CronJob: runs Jobs on a schedule. */
import type { ObjectReference } from '../../core/v1/object-reference.js';
import { defineKind } from '../../kind.js';
import type { KubeObject, ObjectMeta } from '../../meta.js';
import { col, formatAge } from '../../printing.js';
import { formatBoolPtr, workloadCells, workloadColumns } from '../../printing-workloads.js';
import { type FieldError, invalid, notSupported, required } from '../../validation/field-errors.js';
import { goLabelSelector, invalidRendered } from '../../validation/go-format.js';
import { validateNonNegative } from '../../validation/intstr.js';
import { formatLabelSelector } from '../../validation/label-selector.js';
import { cronScheduleError, timeZoneError } from './cron-schedule.js';
import { defaultJobTemplate } from './job.js';
import type { JobSpec } from './job-types.js';
import { validateJobSpecFields } from './job-validation.js';

export type ConcurrencyPolicy = 'Allow' | 'Forbid' | 'Replace';

/** The Job a CronJob creates. */
export interface JobTemplateSpec {
  /** Labels and annotations of the created jobs. */
  metadata?: ObjectMeta;
  /** The spec of the created jobs; its selector is always generated. */
  spec: JobSpec;
}

/** The desired schedule and job. */
export interface CronJobSpec {
  /** The schedule in cron format (five fields, or a descriptor such as @hourly). */
  schedule: string;
  /** The IANA time zone the schedule is read in; the controller's zone when unset. */
  timeZone?: string;
  /** Seconds after a missed scheduled time within which the job may still start. */
  startingDeadlineSeconds?: number;
  /** Allow (the default), Forbid (skip a run while one is active) or Replace (replace the active run). */
  concurrencyPolicy?: ConcurrencyPolicy;
  /** While true, no new runs start. Defaults to false. */
  suspend?: boolean;
  /** The job each run creates. */
  jobTemplate: JobTemplateSpec;
  /** Finished successful jobs to keep. Defaults to 3. */
  successfulJobsHistoryLimit?: number;
  /** Finished failed jobs to keep. Defaults to 1. */
  failedJobsHistoryLimit?: number;
}

/** The observed state of a CronJob. */
export interface CronJobStatus {
  /** The jobs currently running. */
  active?: ObjectReference[];
  /** When a job was last scheduled. */
  lastScheduleTime?: string;
  /** When a job last completed successfully. */
  lastSuccessfulTime?: string;
}

/** Creates Jobs on a repeating schedule. */
export interface CronJob extends KubeObject {
  /** The desired schedule and job. */
  spec: CronJobSpec;
  /** The current status. */
  status?: CronJobStatus;
}

/** Job names get an 11-character suffix, and must stay DNS labels. */
const MAX_NAME_LENGTH = 52;
const POLICIES = ['Allow', 'Forbid', 'Replace'];

function validateSchedule(spec: CronJobSpec, old: CronJobSpec | undefined): FieldError[] {
  if (!spec.schedule) return [required('spec.schedule')];
  const errs: FieldError[] = [];
  const problem = cronScheduleError(spec.schedule);
  if (problem) errs.push(invalid('spec.schedule', spec.schedule, problem));
  const allowTZ = !!old?.schedule?.includes('TZ');
  if (spec.schedule.includes('TZ')) {
    if (!allowTZ) errs.push(invalid('spec.schedule', spec.schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    else if (spec.timeZone != null) errs.push(invalid('spec.schedule', spec.schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  }
  return errs;
}

/** ValidateJobTemplateSpec: a job spec whose selector the controller generates. */
function validateJobTemplate(tpl: JobTemplateSpec | undefined): FieldError[] {
  const spec = tpl?.spec ?? ({} as JobSpec);
  const base = 'spec.jobTemplate.spec';
  const errs = validateJobSpecFields(spec, base);
  if (spec.selector) errs.push(invalidRendered(`${base}.selector`, goLabelSelector(spec.selector), '`selector` will be auto-generated'));
  if (spec.manualSelector) errs.push(notSupported(`${base}.manualSelector`, spec.manualSelector, ['nil', 'false']));
  return errs;
}

function validateCronJobSpec(cj: CronJob, old?: CronJob): FieldError[] {
  const spec = cj.spec ?? ({} as CronJobSpec);
  const errs = validateSchedule(spec, old?.spec);
  errs.push(...validateNonNegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  if (spec.timeZone != null && spec.timeZone !== old?.spec.timeZone) {
    const problem = timeZoneError(spec.timeZone);
    if (problem) errs.push(invalid('spec.timeZone', spec.timeZone, problem));
  }
  if (!spec.concurrencyPolicy) errs.push(required('spec.concurrencyPolicy'));
  else if (!POLICIES.includes(spec.concurrencyPolicy)) errs.push(notSupported('spec.concurrencyPolicy', spec.concurrencyPolicy, POLICIES));
  errs.push(...validateJobTemplate(spec.jobTemplate));
  errs.push(...validateNonNegative(spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
  errs.push(...validateNonNegative(spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
  return errs;
}

export const cronJob = defineKind<CronJob>({
  group: 'batch',
  version: 'v1',
  kind: 'CronJob',
  plural: 'cronjobs',
  singular: 'cronjob',
  namespaced: true,
  shortNames: ['cj'],
  categories: ['all'],
  statusSubresource: true,
  generationFields: ['spec'],
  defaults(cj) {
    cj.spec ??= {} as CronJobSpec;
    const spec = cj.spec;
    spec.concurrencyPolicy ||= 'Allow';
    spec.suspend ??= false;
    spec.successfulJobsHistoryLimit ??= 3;
    spec.failedJobsHistoryLimit ??= 1;
    spec.jobTemplate ??= { spec: {} as JobSpec };
    spec.jobTemplate.spec ??= {} as JobSpec;
    defaultJobTemplate(spec.jobTemplate.spec);
  },
  prepareForCreate(cj) {
    cj.status = {};
  },
  validate(cj) {
    const errs = validateCronJobSpec(cj);
    const name = cj.metadata.name ?? '';
    if (name.length > MAX_NAME_LENGTH) errs.push(invalid('metadata.name', name, `must be no more than ${MAX_NAME_LENGTH} characters`));
    return errs;
  },
  validateUpdate: (cj, old) => validateCronJobSpec(cj, old),
  table: {
    columns: workloadColumns(
      [
        col('Schedule', 0, 'string', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
        col('Timezone', 0, 'string', 'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones.'),
        col('Suspend', 0, 'boolean', 'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.'),
        col('Active', 0, 'integer', 'A list of pointers to currently running jobs.'),
        col('Last Schedule', 0, 'string', 'Information when was the last time the job was successfully scheduled.'),
      ],
      'A label query over pods that should match the pod count.',
    ),
    cells: (cj, now) =>
      workloadCells(cj, now, {
        own: [
          cj.spec?.schedule ?? '',
          cj.spec?.timeZone ?? '<none>',
          formatBoolPtr(cj.spec?.suspend),
          cj.status?.active?.length ?? 0,
          cj.status?.lastScheduleTime ? formatAge(cj.status.lastScheduleTime, now) : '<none>',
        ],
        containers: cj.spec?.jobTemplate?.spec?.template?.spec?.containers,
        selector: formatLabelSelector(cj.spec?.jobTemplate?.spec?.selector),
      }),
  },
});
