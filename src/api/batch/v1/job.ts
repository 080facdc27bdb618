/** batch/v1 Job: defaults, the generated selector, status checks and the printer. */
import { defaultPodTemplateSpec } from '../../core/v1/pod-spec.js';
import { defineKind } from '../../kind.js';
import { col, humanDuration } from '../../printing.js';
import { workloadCells, workloadColumns } from '../../printing-workloads.js';
import { type FieldError, invalid } from '../../validation/field-errors.js';
import { invalidOmitValue } from '../../validation/go-format.js';
import { validateNonNegative } from '../../validation/intstr.js';
import { formatLabelSelector } from '../../validation/label-selector.js';
import { semanticEqual } from '../../validation/semantic-equal.js';
import type { Job, JobSpec, JobStatus } from './job-types.js';
import { JOB_LABELS, validateJob, validateJobUpdate } from './job-validation.js';

export type * from './job-types.js';

/** Defaults a JobSpec shares with CronJob job templates: the pod template's. */
export function defaultJobTemplate(spec: JobSpec): void {
  spec.template ??= {};
  defaultPodTemplateSpec(spec.template);
  for (const rule of spec.podFailurePolicy?.rules ?? []) {
    for (const pattern of rule.onPodConditions ?? []) pattern.status ||= 'True';
  }
}

/** SetDefaults_Job. */
export function defaultJob(job: Job): void {
  job.spec ??= {} as JobSpec;
  const spec = job.spec;
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex != null ? 2147483647 : 6;
  const templateLabels = spec.template?.metadata?.labels;
  if (templateLabels && !Object.keys(job.metadata.labels ?? {}).length) job.metadata.labels = { ...templateLabels };
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  spec.manualSelector ??= false;
  defaultJobTemplate(spec);
}

/**
 * generateSelector: unless the selector is manual, label the template with the job's name and uid
 * (without overriding labels the user set, which validation then checks) and select by uid.
 */
export function generateJobSelector(job: Job): void {
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  const tpl = (job.spec.template ??= {});
  tpl.metadata ??= {};
  const labels = (tpl.metadata.labels ??= {});
  labels[JOB_LABELS.legacyJobName] ??= name;
  labels[JOB_LABELS.jobName] ??= name;
  labels[JOB_LABELS.legacyControllerUid] ??= uid;
  labels[JOB_LABELS.controllerUid] ??= uid;
  job.spec.selector ??= {};
  job.spec.selector.matchLabels ??= {};
  job.spec.selector.matchLabels[JOB_LABELS.controllerUid] ??= uid;
}

function isTrue(status: JobStatus | undefined, type: string): boolean {
  return (status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** The Status cell: Complete, Failed, Terminating, Suspended, FailureTarget or Running. */
export function jobStatusText(job: Job): string {
  if (isTrue(job.status, 'Complete')) return 'Complete';
  if (isTrue(job.status, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (isTrue(job.status, 'Suspended')) return 'Suspended';
  if (isTrue(job.status, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** "succeeded/completions", or "n/1 of parallelism" for a work-queue job. */
function completionsText(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec?.completions != null) return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function durationText(job: Job, now: Date): string {
  const start = job.status?.startTime ? Date.parse(job.status.startTime) : NaN;
  if (Number.isNaN(start)) return '';
  const end = job.status?.completionTime ? Date.parse(job.status.completionTime) : now.getTime();
  return humanDuration(end - start);
}

const COUNTERS = ['active', 'succeeded', 'failed', 'ready', 'terminating'] as const;
const TERMINAL = ['Failed', 'Complete', 'FailureTarget'];

/** The status checks that hold for every job. */
function validateJobStatus(job: Job, old: Job): FieldError[] {
  const s = job.status ?? {};
  const errs = COUNTERS.flatMap((k) => validateNonNegative(s[k], `status.${k}`));
  if (isTrue(s, 'Complete') && isTrue(s, 'Failed')) {
    errs.push(invalidOmitValue('status.conditions', 'cannot set Complete=True and Failed=true conditions'));
  }
  for (const type of TERMINAL) {
    if (isTrue(old.status, type) && !isTrue(s, type)) {
      errs.push(invalidOmitValue('status.conditions', `cannot disable the terminal ${type}=True condition`));
    }
  }
  if ((s.failed ?? 0) < (old.status?.failed ?? 0)) errs.push(invalid('status.failed', s.failed ?? 0, 'cannot decrease the failed counter'));
  if ((s.succeeded ?? 0) < (old.status?.succeeded ?? 0)) {
    errs.push(invalid('status.succeeded', s.succeeded ?? 0, 'cannot decrease the succeeded counter'));
  }
  return errs;
}

export const job = defineKind<Job>({
  group: 'batch',
  version: 'v1',
  kind: 'Job',
  plural: 'jobs',
  singular: 'job',
  namespaced: true,
  categories: ['all'],
  statusSubresource: true,
  generationFields: ['spec'],
  defaults: defaultJob,
  prepareForCreate(j) {
    j.status = {};
    // A job without labels of its own carries its template's labels (defaulting copies them),
    // including the generated ones, as upstream's shared label map does.
    const labels = j.metadata.labels ?? {};
    const copied = !Object.keys(labels).length || semanticEqual(labels, j.spec.template?.metadata?.labels);
    if (!j.spec.manualSelector) generateJobSelector(j);
    const templateLabels = j.spec.template?.metadata?.labels;
    if (copied && templateLabels && Object.keys(templateLabels).length) j.metadata.labels = { ...templateLabels };
  },
  validate: validateJob,
  validateUpdate: validateJobUpdate,
  validateStatusUpdate: validateJobStatus,
  table: {
    columns: workloadColumns(
      [
        col('Status', 0, 'string', 'Status of the job.'),
        col('Completions', 0, 'string', 'The number of pods which reached phase Succeeded.'),
        col('Duration', 0, 'string', 'Time required to complete the job.'),
      ],
      'A label query over pods that should match the pod count.',
    ),
    cells: (j, now) =>
      workloadCells(j, now, {
        own: [jobStatusText(j), completionsText(j), durationText(j, now)],
        containers: j.spec?.template?.spec?.containers,
        selector: formatLabelSelector(j.spec?.selector),
      }),
  },
});
