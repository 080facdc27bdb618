/** The Job controller's declaration: what it watches and how its reconciler is built. */
import { job as jobKind, type Job } from '../../api/batch/v1/index.js';
import { pod as podKind, type Pod } from '../../api/core/v1/index.js';
import { Expectations, RealPodControl, defineController } from '../runtime/index.js';
import { DEFAULT_POD_FAILURE_BACKOFF_MS, MAX_POD_FAILURE_BACKOFF_MS } from './backoff.js';
import { JobReconciler } from './job-sync.js';

/** Settings keys (ControllerSettings) the Job controller reads. */
export const JOB_SETTINGS = {
  /** First delay after a failed pod, ms (default 10 s). */
  backoffBaseMs: 'jobBackoffBaseMs',
  /** Largest delay after failed pods, ms (default 6 min). */
  backoffMaxMs: 'jobBackoffMaxMs',
} as const;

function numberSetting(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback;
}

export const jobController = defineController({
  name: 'job-controller',
  aliases: ['job'],
  component: 'job-controller',
  for: jobKind,
  owns: [podKind],
  workers: 5,
  reconciler(ctx) {
    const jobs = ctx.informers.informerFor<Job>(jobKind);
    const pods = ctx.informers.informerFor<Pod>(podKind);
    const r = new JobReconciler({
      jobs: jobs.store,
      pods: pods.store,
      jobClient: ctx.client.resource<Job>(jobKind),
      podClient: ctx.client.resource<Pod>(podKind),
      podControl: new RealPodControl(ctx.client, ctx.events),
      events: ctx.events,
      clock: ctx.clock,
      expectations: new Expectations({ clock: ctx.clock }),
      backoff: {
        baseMs: numberSetting(ctx.settings[JOB_SETTINGS.backoffBaseMs], DEFAULT_POD_FAILURE_BACKOFF_MS),
        maxMs: numberSetting(ctx.settings[JOB_SETTINGS.backoffMaxMs], MAX_POD_FAILURE_BACKOFF_MS),
      },
      log: ctx.log,
    });
    pods.addEventHandler({
      onAdd: (p) => r.observePod('add', p),
      onUpdate: (_old, p) => r.observePod('update', p),
      onDelete: (p) => r.observePod('delete', p),
    });
    return r;
  },
});
