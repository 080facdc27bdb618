import { beforeEach, describe, expect, it } from 'vitest';
import { job as jobKind, type Job, type JobSpec } from '../../api/batch/v1/index.js';
import { pod as podKind, type Pod, type PodStatus } from '../../api/core/v1/index.js';
import { FakeApi } from '../../../test/controllers/b-fake-api.js';
import { Expectations } from '../runtime/index.js';
import { JOB_TRACKING_FINALIZER } from './job-pods.js';
import { JobReconciler } from './job-sync.js';

let api: FakeApi;
let r: JobReconciler;

function setup(): void {
  api = new FakeApi();
  r = new JobReconciler({
    jobs: api.store<Job>(jobKind),
    pods: api.store<Pod>(podKind),
    jobClient: api.writer<Job>(jobKind),
    podClient: api.writer<Pod>(podKind),
    podControl: api.podControl(),
    events: api.recorder,
    clock: api.clock,
    expectations: new Expectations({ clock: api.clock }),
    backoff: { baseMs: 10_000, maxMs: 360_000 },
  });
  api.onChange<Pod>(podKind, (type, p) => r.observePod(type, p));
}

function makeJob(name: string, spec: Partial<JobSpec> = {}): Job {
  const uid = `job-uid-${name}`;
  return api.seed<Job>(jobKind, {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'ns', uid },
    spec: {
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      template: {
        metadata: { labels: { 'batch.kubernetes.io/controller-uid': uid, 'job-name': name } },
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] },
      },
      ...spec,
    },
  });
}

const getJob = (name: string) => api.store<Job>(jobKind).getByName('ns', name)!;
const podsOf = (name: string) =>
  api
    .store<Pod>(podKind)
    .list()
    .filter((p) => p.metadata.ownerReferences?.[0]?.name === name);
const activePods = (name: string) => podsOf(name).filter((p) => !p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(p.status?.phase ?? ''));

async function sync(name: string) {
  return r.reconcile({ namespace: 'ns', name });
}

/** Reconciles until a pass changes nothing (bounded). */
async function settle(name: string): Promise<unknown> {
  let res: unknown;
  for (let i = 0; i < 10; i++) {
    const before = api.actions.length;
    res = await sync(name);
    if (api.actions.length === before) break;
  }
  return res;
}

async function finish(p: Pod, exitCode: number, extra: Partial<PodStatus> = {}): Promise<void> {
  const finishedAt = new Date(api.clock.now()).toISOString();
  await api.writer<Pod>(podKind).patch('ns', p.metadata.name!, {
    type: 'merge',
    body: {
      status: {
        phase: exitCode === 0 ? 'Succeeded' : 'Failed',
        containerStatuses: [{ name: 'main', ready: false, restartCount: 0, image: 'busybox', imageID: '', state: { terminated: { exitCode, finishedAt } } }],
        ...extra,
      },
    },
  });
}

const cond = (j: Job, type: string) => j.status?.conditions?.find((c) => c.type === type);

beforeEach(setup);

describe('JobReconciler', () => {
  it('runs pods to completion and marks the Job Complete', async () => {
    makeJob('done', { completions: 2, parallelism: 1 });
    await settle('done');
    expect(activePods('done')).toHaveLength(1);
    const first = activePods('done')[0]!;
    expect(first.metadata.finalizers).toContain(JOB_TRACKING_FINALIZER);
    expect(first.metadata.generateName).toBe('done-');
    expect(getJob('done').status?.startTime).toBeDefined();
    expect(getJob('done').status?.active).toBe(1);

    await finish(first, 0);
    await settle('done');
    expect(getJob('done').status?.succeeded).toBe(1);
    expect(podsOf('done').find((p) => p.metadata.name === first.metadata.name)?.metadata.finalizers ?? []).not.toContain(JOB_TRACKING_FINALIZER);
    expect(activePods('done')).toHaveLength(1);

    await finish(activePods('done')[0]!, 0);
    await settle('done');
    const j = getJob('done');
    expect(j.status?.succeeded).toBe(2);
    expect(cond(j, 'SuccessCriteriaMet')).toMatchObject({ status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' });
    expect(cond(j, 'Complete')).toMatchObject({ status: 'True', reason: 'CompletionsReached' });
    expect(j.status?.completionTime).toBeDefined();
    expect(j.status?.uncountedTerminatedPods).toEqual({});
    expect(api.events.map((e) => e.reason)).toContain('Completed');
  });

  it('backs off between failures and fails after backoffLimit', async () => {
    makeJob('bad', { backoffLimit: 1 });
    await settle('bad');
    await finish(activePods('bad')[0]!, 1);
    const res = (await settle('bad')) as { requeueAfterMs?: number };
    expect(getJob('bad').status?.failed).toBe(1);
    expect(activePods('bad')).toHaveLength(0);
    expect(res?.requeueAfterMs).toBe(10_000);

    api.clock.advance(10_000);
    await settle('bad');
    expect(activePods('bad')).toHaveLength(1);
    await finish(activePods('bad')[0]!, 1);
    await settle('bad');
    const j = getJob('bad');
    expect(j.status?.failed).toBe(2);
    expect(cond(j, 'FailureTarget')).toMatchObject({ reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    expect(cond(j, 'Failed')).toMatchObject({ status: 'True', reason: 'BackoffLimitExceeded' });
    expect(j.status?.completionTime).toBeUndefined();
    expect(api.events.find((e) => e.reason === 'BackoffLimitExceeded')?.type).toBe('Warning');
  });

  it('gives Indexed pods their index, hostname and env var, and tracks completed indexes', async () => {
    makeJob('ix', { completionMode: 'Indexed', completions: 3, parallelism: 3 });
    await settle('ix');
    const pods = activePods('ix').sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!));
    expect(pods.map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'])).toEqual(['0', '1', '2']);
    expect(pods[1]!.spec.hostname).toBe('ix-1');
    expect(pods[1]!.metadata.generateName).toBe('ix-1-');
    expect(pods[1]!.spec.containers[0]!.env).toContainEqual({
      name: 'JOB_COMPLETION_INDEX',
      valueFrom: { fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } },
    });
    await finish(pods[1]!, 0);
    await settle('ix');
    expect(getJob('ix').status?.completedIndexes).toBe('1');
    expect(getJob('ix').status?.succeeded).toBe(1);
    expect(activePods('ix')).toHaveLength(2);
  });

  it('fails the Job through a FailJob pod failure policy rule', async () => {
    makeJob('pfp', {
      backoffLimit: 6,
      podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } }] },
    });
    await settle('pfp');
    const p = activePods('pfp')[0]!;
    await finish(p, 42);
    await settle('pfp');
    const failed = cond(getJob('pfp'), 'Failed');
    expect(failed).toMatchObject({ reason: 'PodFailurePolicy', message: `Container main for pod ns/${p.metadata.name} failed with exit code 42 matching FailJob rule at index 0` });
  });

  it('fails the Job past activeDeadlineSeconds, after its pods terminate', async () => {
    makeJob('late', { activeDeadlineSeconds: 30 });
    const first = (await settle('late')) as { requeueAfterMs?: number };
    expect(first?.requeueAfterMs).toBe(30_000);
    api.clock.advance(30_000);
    await settle('late');
    const j = getJob('late');
    expect(cond(j, 'FailureTarget')?.reason).toBe('DeadlineExceeded');
    expect(cond(j, 'Failed')).toMatchObject({ reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' });
    expect(podsOf('late')).toHaveLength(0);
    expect(j.status?.failed).toBe(1);
  });

  it('suspends and resumes', async () => {
    makeJob('sus', { suspend: true });
    await settle('sus');
    expect(podsOf('sus')).toHaveLength(0);
    expect(cond(getJob('sus'), 'Suspended')).toMatchObject({ status: 'True', reason: 'JobSuspended' });
    expect(getJob('sus').status?.startTime).toBeUndefined();
    const j = getJob('sus');
    api.seed<Job>(jobKind, { ...j, spec: { ...j.spec, suspend: false } });
    await settle('sus');
    expect(activePods('sus')).toHaveLength(1);
    expect(cond(getJob('sus'), 'Suspended')).toMatchObject({ status: 'False', reason: 'JobResumed' });
    expect(api.events.map((e) => e.reason)).toEqual(expect.arrayContaining(['Suspended', 'Resumed']));
  });

  it('ignores failures matching an Ignore rule', async () => {
    makeJob('ign', {
      backoffLimit: 0,
      podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] },
    });
    await settle('ign');
    await finish(activePods('ign')[0]!, 137, { conditions: [{ type: 'DisruptionTarget', status: 'True' }] });
    await settle('ign');
    const j = getJob('ign');
    expect(j.status?.failed ?? 0).toBe(0);
    expect(cond(j, 'Failed')).toBeUndefined();
    // As upstream, an ignored failure still delays the next pod.
    api.clock.advance(10_000);
    await settle('ign');
    expect(activePods('ign')).toHaveLength(1);
  });

  it('removes the finalizer from pods of a deleted Job', async () => {
    makeJob('gone');
    await settle('gone');
    const p = activePods('gone')[0]!;
    api.store<Job>(jobKind).delete('ns/gone');
    await sync('gone');
    expect(api.store<Pod>(podKind).getByName('ns', p.metadata.name!)?.metadata.finalizers ?? []).not.toContain(JOB_TRACKING_FINALIZER);
  });

  it('retries each index up to backoffLimitPerIndex and fails the Job on failed indexes', async () => {
    makeJob('per', { completionMode: 'Indexed', completions: 2, parallelism: 2, backoffLimitPerIndex: 1, backoffLimit: 2147483647 });
    await settle('per');
    const byIndex = (ix: string) => activePods('per').find((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'] === ix)!;
    expect(byIndex('0').metadata.annotations?.['batch.kubernetes.io/job-index-failure-count']).toBe('0');
    await finish(byIndex('0'), 1);
    await finish(byIndex('1'), 0);
    await settle('per');
    api.clock.advance(10_000);
    await settle('per');
    expect(byIndex('0').metadata.annotations?.['batch.kubernetes.io/job-index-failure-count']).toBe('1');
    await finish(byIndex('0'), 1);
    await settle('per');
    const j = getJob('per');
    expect(j.status?.failedIndexes).toBe('0');
    expect(j.status?.completedIndexes).toBe('1');
    expect(cond(j, 'Failed')).toMatchObject({ reason: 'FailedIndexes', message: 'Job has failed indexes' });
  });

  it('fails an index at once through a FailIndex rule', async () => {
    makeJob('fi', {
      completionMode: 'Indexed',
      completions: 3,
      parallelism: 3,
      backoffLimitPerIndex: 5,
      maxFailedIndexes: 0,
      podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [7] } }] },
    });
    await settle('fi');
    await finish(activePods('fi')[0]!, 7);
    await settle('fi');
    const j = getJob('fi');
    expect(j.status?.failedIndexes).toMatch(/^\d$/);
    expect(cond(j, 'Failed')?.reason).toBe('MaxFailedIndexesExceeded');
  });
});
