/**
 * A CronJob firing against a real server. "Now" is injected into the CronJob controller (a
 * minute and a half ahead of the wall clock), so a `* * * * *` schedule is due at once; the
 * Job it starts runs on a simulated node and completes. With GANTRY_SLOW_TESTS=1 a second test
 * waits for a real minute boundary instead.
 */
import { describe, expect, it } from 'vitest';
import { cronJob as cronJobKind, job as jobKind, type CronJob, type Job } from '../../src/api/batch/v1/index.js';
import { useBCluster, waitFor } from './b-harness.js';

const AHEAD_MS = 90_000;

function cronJobManifest(name: string): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      schedule: '* * * * *',
      jobTemplate: {
        metadata: { labels: { app: name } },
        spec: {
          template: {
            metadata: { annotations: { 'gantry.dev/simulate-duration': '200ms' } },
            spec: { restartPolicy: 'Never', terminationGracePeriodSeconds: 0, containers: [{ name: 'tick', image: 'busybox' }] },
          },
        },
      },
    },
  };
}

describe('CronJob controller (integration)', () => {
  const cluster = useBCluster({ nodes: 1, controllers: ['cronjob-controller', 'job-controller'], settings: { cronJobNow: () => Date.now() + AHEAD_MS } });

  it('starts the Job of the due minute and records its success', async () => {
    const c = cluster();
    const ns = await c.namespace('cron');
    await c.client.resource<CronJob>(cronJobKind).create(cronJobManifest('tick'), { namespace: ns });
    const job = await waitFor(async () => (await c.client.resource<Job>(jobKind).list(ns)).items[0], { timeoutMs: 20_000, description: 'a Job from the CronJob' });
    expect(job.metadata.name).toMatch(/^tick-\d+$/);
    expect(job.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'CronJob', name: 'tick', controller: true });
    expect(job.metadata.labels).toMatchObject({ app: 'tick' });
    const minutes = Number(job.metadata.name!.slice('tick-'.length));
    expect(Math.abs(minutes * 60_000 - (Date.now() + AHEAD_MS))).toBeLessThan(3 * 60_000);
    const cj = await waitFor(
      async () => {
        const x = await c.client.resource<CronJob>(cronJobKind).get(ns, 'tick');
        return x.status?.lastSuccessfulTime ? x : undefined;
      },
      { timeoutMs: 20_000, description: 'lastSuccessfulTime' },
    );
    expect(cj.status?.lastScheduleTime).toBe(new Date(minutes * 60_000).toISOString().replace('.000Z', 'Z'));
    expect(cj.status?.active ?? []).toHaveLength(0);
  }, 40_000);
});

describe.skipIf(!process.env.GANTRY_SLOW_TESTS)('CronJob controller on the wall clock (slow)', () => {
  const cluster = useBCluster({ nodes: 1, controllers: ['cronjob-controller'] });

  it('fires at the next minute (up to ~65 s)', async () => {
    const c = cluster();
    const ns = await c.namespace('cron-slow');
    const created = Date.now();
    await c.client.resource<CronJob>(cronJobKind).create(cronJobManifest('wall'), { namespace: ns });
    const job = await waitFor(async () => (await c.client.resource<Job>(jobKind).list(ns)).items[0], { timeoutMs: 70_000, intervalMs: 500, description: 'a Job on the minute' });
    const scheduled = Number(job.metadata.name!.slice('wall-'.length)) * 60_000;
    expect(scheduled).toBeGreaterThan(created - 1000);
    expect(scheduled).toBeLessThanOrEqual(created + 61_000);
  }, 90_000);
});
