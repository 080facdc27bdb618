import type { KindDefinition } from '../../kind.js';
import { cronJob } from './cronjob.js';
import { job } from './job.js';

export type * from './job-types.js';
export type { CronJob, CronJobSpec, CronJobStatus, JobTemplateSpec, ConcurrencyPolicy } from './cronjob.js';
export { JOB_LABELS } from './job-validation.js';
export { cronScheduleError, timeZoneError } from './cron-schedule.js';
export { cronJob, job };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const batchV1Kinds: KindDefinition<any>[] = [cronJob, job];
