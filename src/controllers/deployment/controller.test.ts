import { afterEach, describe, expect, it } from 'vitest';
import { deployment as deploymentKind, replicaSet as replicaSetKind, type Deployment, type ReplicaSet } from '../../api/apps/v1/index.js';
import { event as eventKind, pod as podKind, type Event, type Pod } from '../../api/core/v1/index.js';
import { replicaSetController } from '../replicaset/index.js';
import { FakeApi } from '../runtime/testing/fake-api.js';
import { startFakeKubelet, useControllers, waitUntil } from '../runtime/testing/harness.js';
import { deploymentController } from './controller.js';

const NS = 'ns';
function dep(name: string, replicas: number, spec: Partial<Deployment['spec']> = {}): Deployment {
  return {
    metadata: { name, namespace: NS },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } },
      ...spec,
    },
  };
}

const run = useControllers();
let stopKubelet: (() => void) | undefined;
afterEach(() => {
  stopKubelet?.();
  stopKubelet = undefined;
});

async function start(api: FakeApi, kubelet: Parameters<typeof startFakeKubelet>[1] | false = {}): Promise<void> {
  if (kubelet) stopKubelet = startFakeKubelet(api, kubelet);
  await run(api, [deploymentController(), replicaSetController()]);
}
const getD = (api: FakeApi, name = 'web') => api.get<Deployment>(deploymentKind, NS, name)!;
const rss = (api: FakeApi) => api.list<ReplicaSet>(replicaSetKind, NS);
const livePods = (api: FakeApi) => api.list<Pod>(podKind, NS).filter((p) => !p.metadata.deletionTimestamp);
const cond = (d: Deployment, type: string) => d.status?.conditions?.find((c) => c.type === type);
const complete = (d: Deployment) => cond(d, 'Progressing')?.reason === 'NewReplicaSetAvailable' && d.status?.observedGeneration === d.metadata.generation && d.status?.updatedReplicas === d.spec.replicas && (d.status?.replicas ?? 0) === d.spec.replicas && d.status?.availableReplicas === d.spec.replicas;
const setImage = (api: FakeApi, image: string, name = 'web') =>
  api.resource<Deployment>(deploymentKind).patch(NS, name, { type: 'strategic', body: { spec: { template: { spec: { containers: [{ name: 'c', image }] } } } } });

describe('deployment controller', () => {
  it('rolls out a new deployment to Available with upstream conditions, annotations and events', async () => {
    const api = new FakeApi();
    api.seed(deploymentKind, dep('web', 3));
    await start(api);
    await waitUntil(() => complete(getD(api)), { what: 'rollout complete' });
    const [rs] = rss(api);
    expect(rss(api)).toHaveLength(1);
    const hash = rs!.metadata.labels!['pod-template-hash']!;
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(rs!.metadata.name).toBe(`web-${hash}`);
    expect(rs!.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
    const d = getD(api);
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(cond(d, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    expect(cond(d, 'Progressing')).toMatchObject({ status: 'True', message: `ReplicaSet "${rs!.metadata.name}" has successfully progressed.` });
    expect(livePods(api).every((p) => p.metadata.labels?.['pod-template-hash'] === hash)).toBe(true);
    await waitUntil(() => api.list<Event>(eventKind, NS).some((e) => e.reason === 'ScalingReplicaSet'));
    expect(api.list<Event>(eventKind, NS).find((e) => e.reason === 'ScalingReplicaSet')?.message).toBe(`Scaled up replica set ${rs!.metadata.name} to 3`);
    // the same template always gives the same hash
    const again = new FakeApi();
    again.seed(deploymentKind, dep('web', 3));
    await run(again, [deploymentController()]);
    await waitUntil(() => rss(again).length === 1);
    expect(rss(again)[0]!.metadata.name).toBe(rs!.metadata.name);
  });

  it('rolling update keeps within maxSurge and maxUnavailable at every step', async () => {
    const api = new FakeApi();
    api.seed(deploymentKind, dep('web', 10, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 2, maxUnavailable: '20%' } } }));
    await start(api);
    await waitUntil(() => complete(getD(api)), { what: 'first rollout' });
    const violations: string[] = [];
    const check = () => {
      const pods = livePods(api);
      const ready = pods.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
      if (pods.length > 12) violations.push(`${pods.length} pods > 12`);
      if (ready < 8) violations.push(`${ready} ready < 8`);
    };
    const probe = setInterval(check, 1);
    await setImage(api, 'nginx:2');
    await waitUntil(() => rss(api).length === 2 && complete(getD(api)), { what: 'second rollout', ms: 10_000 });
    clearInterval(probe);
    expect(violations).toEqual([]);
    const sorted = rss(api).sort((a, b) => Number(a.metadata.annotations!['deployment.kubernetes.io/revision']) - Number(b.metadata.annotations!['deployment.kubernetes.io/revision']));
    expect(sorted.map((r) => r.spec.replicas)).toEqual([0, 10]);
    expect(livePods(api).every((p) => p.spec.containers[0]!.image === 'nginx:2')).toBe(true);
    expect(getD(api).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
  });

  it('rollback to an old template reuses its replica set as a new revision', async () => {
    const api = new FakeApi();
    api.seed(deploymentKind, dep('web', 2));
    await start(api);
    await waitUntil(() => complete(getD(api)));
    const first = rss(api)[0]!;
    await setImage(api, 'nginx:2');
    await waitUntil(() => rss(api).length === 2 && complete(getD(api)), { what: 'v2' });
    // what kubectl rollout undo sends: the old template without the hash label
    const tpl = structuredClone(first.spec.template!);
    delete tpl.metadata!.labels!['pod-template-hash'];
    await api.resource<Deployment>(deploymentKind).patch(NS, 'web', { type: 'json', body: [{ op: 'replace', path: '/spec/template', value: tpl }] });
    await waitUntil(() => complete(getD(api)) && getD(api).metadata.annotations?.['deployment.kubernetes.io/revision'] === '3', { what: 'undo' });
    expect(rss(api)).toHaveLength(2);
    const reused = api.get<ReplicaSet>(replicaSetKind, NS, first.metadata.name!)!;
    expect(reused.spec.replicas).toBe(2);
    expect(reused.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
  });

  it('Recreate scales the old replica set to zero before creating the new one', async () => {
    const api = new FakeApi();
    api.seed(deploymentKind, dep('web', 3, { strategy: { type: 'Recreate' } }));
    await start(api);
    await waitUntil(() => complete(getD(api)));
    const seen: number[] = [];
    const probe = setInterval(() => {
      const versions = new Set(livePods(api).map((p) => p.spec.containers[0]!.image));
      seen.push(versions.size);
    }, 1);
    await setImage(api, 'nginx:2');
    await waitUntil(() => rss(api).length === 2 && complete(getD(api)), { what: 'recreate', ms: 8000 });
    clearInterval(probe);
    expect(Math.max(...seen)).toBe(1);
  });

  it('cleans up old replica sets beyond revisionHistoryLimit', async () => {
    const api = new FakeApi();
    api.seed(deploymentKind, dep('web', 1, { revisionHistoryLimit: 1 }));
    await start(api);
    for (const v of ['2', '3', '4']) {
      await waitUntil(() => complete(getD(api)));
      await setImage(api, `nginx:${v}`);
    }
    await waitUntil(() => complete(getD(api)) && rss(api).length === 2, { what: 'cleanup', ms: 8000 });
    expect(rss(api).map((r) => r.metadata.annotations!['deployment.kubernetes.io/revision']).sort()).toEqual(['3', '4']);
  });

  it('a paused deployment does not roll out; resuming does', async () => {
    const api = new FakeApi();
    api.seed(deploymentKind, dep('web', 2));
    await start(api);
    await waitUntil(() => complete(getD(api)));
    await api.resource<Deployment>(deploymentKind).patch(NS, 'web', { type: 'merge', body: { spec: { paused: true } } });
    await waitUntil(() => cond(getD(api), 'Progressing')?.reason === 'DeploymentPaused');
    expect(cond(getD(api), 'Progressing')).toMatchObject({ status: 'Unknown', message: 'Deployment is paused' });
    await setImage(api, 'nginx:2');
    await new Promise((r) => setTimeout(r, 100));
    expect(rss(api)).toHaveLength(1);
    await api.resource<Deployment>(deploymentKind).patch(NS, 'web', { type: 'merge', body: { spec: { paused: false } } });
    await waitUntil(() => rss(api).length === 2 && complete(getD(api)), { what: 'resumed rollout' });
  });

  it('scales proportionally during a rollout', async () => {
    const api = new FakeApi();
    api.seed(deploymentKind, dep('web', 10, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }));
    await start(api, { ready: (p) => p.spec.containers[0]!.image === 'nginx:1' });
    await waitUntil(() => complete(getD(api)));
    await setImage(api, 'nginx:2'); // new pods never become ready: the rollout stalls
    // surge 3 over 10: new 3, old scaled down 2 (unavailable budget), then new to 5 → 8 old + 5 new
    const sizes = () => rss(api).map((r) => r.spec.replicas!).sort((a, b) => a - b).join(',');
    await waitUntil(() => rss(api).length === 2 && sizes() === '5,8', { what: 'stalled rollout at 5 new + 8 old' });
    await api.resource<Deployment>(deploymentKind).patch(NS, 'web', { type: 'merge', body: { spec: { replicas: 20 } } });
    // allowed 20 + 3 = 23: the 10 extra go 8:5 → old 8→14, new 5→9
    await waitUntil(() => rss(api).reduce((n, r) => n + r.spec.replicas!, 0) === 23, { what: 'proportional scale' });
    expect(rss(api).map((r) => r.spec.replicas).sort((a, b) => a! - b!)).toEqual([9, 14]);
  });

  it('reports ProgressDeadlineExceeded when a rollout makes no progress', async () => {
    const api = new FakeApi();
    api.seed(deploymentKind, dep('web', 1, { progressDeadlineSeconds: 1 }));
    await start(api, false);
    await waitUntil(() => cond(getD(api), 'Progressing')?.reason === 'ProgressDeadlineExceeded', { ms: 6000, what: 'deadline' });
    expect(cond(getD(api), 'Progressing')).toMatchObject({ status: 'False', message: expect.stringMatching(/^ReplicaSet "web-\w+" has timed out progressing\.$/) });
    expect(cond(getD(api), 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' });
  });
});
