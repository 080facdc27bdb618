import { beforeEach, describe, expect, it } from 'vitest';
import { cronJob as cronJobKind, job as jobKind, type CronJob, type CronJobSpec, type Job } from '../../api/batch/v1/index.js';
import { FakeApi } from '../../../test/controllers/b-fake-api.js';
import { CronJobReconciler } from './cronjob-sync.js';

const T = (iso: string) => Date.parse(iso);
let api: FakeApi;
let now: number;
let r: CronJobReconciler;

beforeEach(() => {
  api = new FakeApi();
  now = T('2024-01-01T12:00:30Z');
  r = new CronJobReconciler({
    cronJobs: api.store<CronJob>(cronJobKind),
    jobs: api.store<Job>(jobKind),
    cronJobClient: api.writer<CronJob>(cronJobKind),
    jobClient: api.writer<Job>(jobKind),
    events: api.recorder,
    now: () => now,
  });
});

function makeCronJob(spec: Partial<CronJobSpec> = {}, created = '2024-01-01T12:00:10Z'): CronJob {
  return api.seed<CronJob>(cronJobKind, {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'tick', namespace: 'ns', uid: 'cj-uid', creationTimestamp: created },
    spec: {
      schedule: '* * * * *',
      concurrencyPolicy: 'Allow',
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      suspend: false,
      jobTemplate: { metadata: { labels: { app: 'tick' }, annotations: { note: 'x' } }, spec: { template: { spec: { containers: [{ name: 'c', image: 'i' }], restartPolicy: 'Never' } } } },
      ...spec,
    },
    status: {},
  });
}

const cj = () => api.store<CronJob>(cronJobKind).getByName('ns', 'tick')!;
const jobs = () => api.store<Job>(jobKind).list();
const reasons = () => api.events.map((e) => e.reason);
const sync = () => r.reconcile({ namespace: 'ns', name: 'tick' });

function finishJob(name: string, type: 'Complete' | 'Failed', at: string): void {
  const j = api.store<Job>(jobKind).getByName('ns', name)!;
  api.seed<Job>(jobKind, { ...j, status: { ...j.status, startTime: at, completionTime: type === 'Complete' ? at : undefined, conditions: [{ type, status: 'True' }] } });
}

describe('CronJobReconciler', () => {
  it('waits for the first schedule time', async () => {
    makeCronJob();
    const res = await sync();
    expect(jobs()).toHaveLength(0);
    expect(res).toEqual({ requeueAfterMs: 30_100 });
  });

  it('starts the Job of the due time, named by minutes since the epoch', async () => {
    makeCronJob();
    now = T('2024-01-01T12:01:02Z');
    const res = await sync();
    const minute = T('2024-01-01T12:01:00Z') / 60_000;
    expect(jobs().map((j) => j.metadata.name)).toEqual([`tick-${minute}`]);
    const j = jobs()[0]!;
    expect(j.metadata.labels).toEqual({ app: 'tick' });
    expect(j.metadata.annotations).toEqual({ note: 'x', 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2024-01-01T12:01:00Z' });
    expect(j.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'CronJob', name: 'tick', uid: 'cj-uid', controller: true });
    expect(cj().status?.lastScheduleTime).toBe('2024-01-01T12:01:00Z');
    expect(cj().status?.active).toEqual([expect.objectContaining({ kind: 'Job', name: `tick-${minute}`, uid: j.metadata.uid })]);
    expect(res).toEqual({ requeueAfterMs: 58_100 });
    expect(reasons()).toEqual(['SuccessfulCreate']);
    // Idempotent: the same minute is not started twice.
    await sync();
    expect(jobs()).toHaveLength(1);
  });

  it('names the scheduled time in the CronJob time zone', async () => {
    makeCronJob({ schedule: '0 7 * * *', timeZone: 'America/New_York' }, '2024-01-01T11:00:00Z');
    now = T('2024-01-01T12:00:05Z');
    await sync();
    expect(jobs()[0]!.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2024-01-01T07:00:00-05:00');
  });

  it('Forbid skips a run while one is active; Replace replaces it', async () => {
    makeCronJob({ concurrencyPolicy: 'Forbid' });
    now = T('2024-01-01T12:01:01Z');
    await sync();
    now = T('2024-01-01T12:02:01Z');
    await sync();
    expect(jobs()).toHaveLength(1);
    expect(reasons()).toContain('JobAlreadyActive');

    const c = cj();
    api.seed<CronJob>(cronJobKind, { ...c, spec: { ...c.spec, concurrencyPolicy: 'Replace' } });
    await sync();
    expect(jobs().map((j) => j.metadata.name)).toEqual([`tick-${T('2024-01-01T12:02:00Z') / 60_000}`]);
    expect(reasons()).toContain('SuccessfulDelete');
    expect(cj().status?.active).toHaveLength(1);
  });

  it('notices finished Jobs, records lastSuccessfulTime and trims history', async () => {
    makeCronJob({ successfulJobsHistoryLimit: 1 });
    for (const m of ['12:01', '12:02', '12:03']) {
      now = T(`2024-01-01T${m}:01Z`);
      await sync();
    }
    expect(jobs()).toHaveLength(3);
    const names = jobs().map((j) => j.metadata.name!).sort();
    finishJob(names[0]!, 'Complete', '2024-01-01T12:01:30Z');
    finishJob(names[1]!, 'Complete', '2024-01-01T12:02:30Z');
    await sync();
    expect(jobs().map((j) => j.metadata.name).sort()).toEqual([names[1], names[2]]);
    expect(cj().status?.active?.map((a) => a.name)).toEqual([names[2]]);
    expect(cj().status?.lastSuccessfulTime).toBe('2024-01-01T12:02:30Z');
    expect(reasons()).toContain('SawCompletedJob');
  });

  it('does nothing while suspended', async () => {
    makeCronJob({ suspend: true });
    now = T('2024-01-01T12:05:00Z');
    expect(await sync()).toBeUndefined();
    expect(jobs()).toHaveLength(0);
  });

  it('warns about too many missed start times but still starts the latest', async () => {
    makeCronJob({}, '2023-12-01T00:00:00Z');
    now = T('2024-01-01T12:00:30Z');
    await sync();
    expect(reasons()).toContain('TooManyMissedTimes');
    expect(jobs()[0]!.metadata.name).toBe(`tick-${T('2024-01-01T12:00:00Z') / 60_000}`);
  });

  it('does not start a run older than startingDeadlineSeconds', async () => {
    makeCronJob({ schedule: '0 * * * *', startingDeadlineSeconds: 10 });
    now = T('2024-01-01T13:00:30Z');
    await sync();
    expect(jobs()).toHaveLength(0);
    now = T('2024-01-01T14:00:05Z');
    await sync();
    expect(jobs()).toHaveLength(1);
  });

  it('drops a vanished active Job, and leaves manual Jobs alone', async () => {
    makeCronJob();
    now = T('2024-01-01T12:01:01Z');
    await sync();
    const name = jobs()[0]!.metadata.name!;
    api.store<Job>(jobKind).delete(`ns/${name}`);
    api.seed<Job>(jobKind, {
      metadata: { name: 'by-hand', namespace: 'ns', annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' }, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'tick', uid: 'cj-uid', controller: true }] },
      spec: { template: {} },
    });
    await sync();
    expect(cj().status?.active ?? []).toHaveLength(0);
    expect(reasons()).toContain('MissingJob');
    expect(reasons()).not.toContain('UnexpectedJob');
  });

  it('reports an unparseable schedule', async () => {
    makeCronJob({ schedule: '0 0 30 2 *' });
    now = T('2024-01-01T12:05:00Z');
    expect(await sync()).toBeUndefined();
    expect(reasons()).toContain('UnparseableSchedule');
  });
});
