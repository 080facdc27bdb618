/**
 * The TTL-after-finished controller (upstream ttlafterfinished): deletes a finished Job (with
 * foreground propagation, so its pods go first) once ttlSecondsAfterFinished has passed since
 * it completed or failed.
 */
import { job as jobKind, type Job } from '../../api/batch/v1/index.js';
import type { ReadonlyStore, ResourceClient } from '../../client/index.js';
import { isNotFound } from '../../machinery/index.js';
import type { Clock } from '../../util/index.js';
import { defineController, type Reconciler, type Request, type Result } from '../runtime/index.js';
import { finishedCondition } from './job-conditions.js';

export interface TtlDeps {
  jobs: ReadonlyStore<Job>;
  jobClient: Pick<ResourceClient<Job>, 'get' | 'delete'>;
  clock: Clock;
}

/** When the Job finished (completionTime, else the terminal condition's transition), ms. */
export function jobFinishTime(job: Job): number | undefined {
  const cond = finishedCondition(job);
  if (!cond) return undefined;
  const t = cond.type === 'Complete' && job.status?.completionTime ? job.status.completionTime : cond.lastTransitionTime;
  const ms = t ? Date.parse(t) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/** ms until the Job expires (≤ 0: expired); undefined when it has no TTL or has not finished. */
export function timeLeft(job: Job, now: number): number | undefined {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  if (ttl == null || job.metadata.deletionTimestamp) return undefined;
  const finished = jobFinishTime(job);
  if (finished === undefined) return undefined;
  return finished + ttl * 1000 - now;
}

export class TtlAfterFinishedReconciler implements Reconciler {
  constructor(private readonly deps: TtlDeps) {}

  async reconcile(req: Request): Promise<Result | void> {
    const cached = this.deps.jobs.getByName(req.namespace, req.name);
    if (!cached) return;
    const left = timeLeft(cached, this.deps.clock.now());
    if (left === undefined) return;
    if (left > 0) return { requeueAfterMs: left };
    // The TTL may have been changed since the cache saw it: check the live object first.
    let fresh: Job;
    try {
      fresh = await this.deps.jobClient.get(req.namespace, req.name);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    const freshLeft = timeLeft(fresh, this.deps.clock.now());
    if (freshLeft === undefined) return;
    if (freshLeft > 0) return { requeueAfterMs: freshLeft };
    try {
      await this.deps.jobClient.delete(req.namespace, req.name, { propagationPolicy: 'Foreground', preconditions: { uid: fresh.metadata.uid } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}

export const ttlAfterFinishedController = defineController({
  name: 'ttl-after-finished-controller',
  aliases: ['ttl-after-finished'],
  component: 'ttl-after-finished-controller',
  for: jobKind,
  workers: 5,
  reconciler(ctx) {
    const jobs = ctx.informers.informerFor<Job>(jobKind);
    return new TtlAfterFinishedReconciler({ jobs: jobs.store, jobClient: ctx.client.resource<Job>(jobKind), clock: ctx.clock });
  },
});
