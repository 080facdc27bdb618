/** The CronJob controller's declaration. */
import { cronJob as cronJobKind, job as jobKind, type CronJob, type Job } from '../../api/batch/v1/index.js';
import { defineController } from '../runtime/index.js';
import { CronJobReconciler } from './cronjob-sync.js';

/** Settings keys (ControllerSettings) the CronJob controller reads. */
export const CRONJOB_SETTINGS = {
  /** A `() => number` giving "now" in ms, for tests (default: the manager's clock). */
  now: 'cronJobNow',
} as const;

export const cronJobController = defineController({
  name: 'cronjob-controller',
  aliases: ['cronjob'],
  component: 'cronjob-controller',
  for: cronJobKind,
  owns: [jobKind],
  workers: 5,
  reconciler(ctx) {
    const cronJobs = ctx.informers.informerFor<CronJob>(cronJobKind);
    const jobs = ctx.informers.informerFor<Job>(jobKind);
    const injected = ctx.settings[CRONJOB_SETTINGS.now];
    const now = typeof injected === 'function' ? (injected as () => number) : () => ctx.clock.now();
    return new CronJobReconciler({
      cronJobs: cronJobs.store,
      jobs: jobs.store,
      cronJobClient: ctx.client.resource<CronJob>(cronJobKind),
      jobClient: ctx.client.resource<Job>(jobKind),
      events: ctx.events,
      now,
    });
  },
});
