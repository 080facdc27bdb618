/**
 * Jobs against a real server, scheduler and simulated nodes: one runs to Complete, one fails
 * after its backoffLimit (the backoff base is shortened through the controller settings).
 */
import { describe, expect, it } from 'vitest';
import { job as jobKind, type Job } from '../../src/api/batch/v1/index.js';
import { pod as podKind, type Pod } from '../../src/api/core/v1/index.js';
import { useBCluster, waitFor } from './b-harness.js';

const cluster = useBCluster({ nodes: 2, controllers: ['job-controller'], settings: { jobBackoffBaseMs: 300 } });

function jobManifest(name: string, opts: { exitCode: number; completions: number; parallelism: number; backoffLimit: number }): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      completions: opts.completions,
      parallelism: opts.parallelism,
      backoffLimit: opts.backoffLimit,
      template: {
        metadata: { annotations: { 'gantry.dev/simulate-duration': '300ms', 'gantry.dev/simulate-exit-code': String(opts.exitCode) } },
        spec: { restartPolicy: 'Never', terminationGracePeriodSeconds: 0, containers: [{ name: 'work', image: 'busybox' }] },
      },
    },
  };
}

const condition = (j: Job, type: string) => j.status?.conditions?.find((c) => c.type === type && c.status === 'True');

/** Waits until the Job has condition `type` True; answers the Job. */
function jobWith(c: ReturnType<typeof cluster>, ns: string, name: string, type: string): Promise<Job> {
  const jobs = c.client.resource<Job>(jobKind);
  return waitFor(
    async () => {
      const j = await jobs.get(ns, name);
      if (condition(j, type)) return j;
      const pods = (await c.client.resource<Pod>(podKind).list(ns)).items.map((p) => `${p.metadata.name}:${p.status?.phase}${p.metadata.deletionTimestamp ? ':deleting' : ''}:${(p.metadata.finalizers ?? []).length}`);
      throw new Error(`status ${JSON.stringify(j.status)} pods ${pods.join(' ')}`);
    },
    { timeoutMs: 30_000, description: `job ${name} ${type}` },
  );
}

describe('Job controller (integration)', () => {
  it('runs a Job to Complete', async () => {
    const c = cluster();
    const ns = await c.namespace('job-ok');
    const jobs = c.client.resource<Job>(jobKind);
    await jobs.create(jobManifest('ok', { exitCode: 0, completions: 3, parallelism: 2, backoffLimit: 2 }), { namespace: ns });
    const done = await jobWith(c, ns, 'ok', 'Complete');
    expect(done.status).toMatchObject({ succeeded: 3, active: 0 });
    expect(condition(done, 'SuccessCriteriaMet')?.reason).toBe('CompletionsReached');
    expect(done.status?.completionTime).toBeDefined();
    const pods = await c.client.resource<Pod>(podKind).list(ns);
    expect(pods.items).toHaveLength(3);
    expect(pods.items.every((p) => !p.metadata.finalizers?.includes('batch.kubernetes.io/job-tracking'))).toBe(true);
  }, 40_000);

  it('fails a Job after its backoffLimit', async () => {
    const c = cluster();
    const ns = await c.namespace('job-bad');
    const jobs = c.client.resource<Job>(jobKind);
    await jobs.create(jobManifest('bad', { exitCode: 3, completions: 1, parallelism: 1, backoffLimit: 2 }), { namespace: ns });
    const failed = await jobWith(c, ns, 'bad', 'Failed');
    expect(condition(failed, 'Failed')).toMatchObject({ reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    expect(condition(failed, 'FailureTarget')?.reason).toBe('BackoffLimitExceeded');
    expect(failed.status?.failed).toBe(3);
    expect(failed.status?.active ?? 0).toBe(0);
  }, 40_000);
});
