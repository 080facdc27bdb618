/** @kubernetes/client-node `Watch` against `gantry server`: event types, replay, selectors, timeouts. */
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { PatchStrategy, setHeaderOptions, type CoreV1Api, type KubeConfig, type V1ConfigMap } from '@kubernetes/client-node';
import { startGantry, type Gantry } from '../support/index.js';
import { createNamespace, nodeClient } from './lib/cluster.js';
import { WatchRecorder } from './lib/recorder.js';

const NS = 'client-watch';
const PATH = `/api/v1/namespaces/${NS}/configmaps`;

function cm(name: string, labels: Record<string, string> = {}, data: Record<string, string> = {}): V1ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: NS, labels }, data };
}

describe('client-node Watch of ConfigMaps', () => {
  let g: Gantry;
  let kc: KubeConfig;
  let core: CoreV1Api;
  const recorders: WatchRecorder[] = [];

  async function watch(query: Record<string, string | number | boolean | undefined>): Promise<WatchRecorder> {
    const rec = await WatchRecorder.start(kc, PATH, query);
    recorders.push(rec);
    return rec;
  }

  async function listRevision(): Promise<string> {
    const list = await core.listNamespacedConfigMap({ namespace: NS });
    return list.metadata!.resourceVersion!;
  }

  function setLabels(name: string, labels: Record<string, string>): Promise<V1ConfigMap> {
    return core.patchNamespacedConfigMap(
      { name, namespace: NS, body: { metadata: { labels } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  }

  beforeAll(async () => {
    g = await startGantry();
    ({ kc, core } = nodeClient(g));
    await createNamespace(core, NS);
  });
  afterEach(() => {
    for (const r of recorders.splice(0)) r.stop();
  });
  afterAll(async () => {
    await g?.dispose();
  });

  it('sees ADDED, MODIFIED and DELETED in order, with increasing resourceVersions', async () => {
    const rec = await watch({ resourceVersion: await listRevision() });
    const created = await core.createNamespacedConfigMap({ namespace: NS, body: cm('w1', {}, { v: '1' }) });
    const replaced = await core.replaceNamespacedConfigMap({ name: 'w1', namespace: NS, body: { ...created, data: { v: '2' } } });
    await core.deleteNamespacedConfigMap({ name: 'w1', namespace: NS });

    const events = await rec.waitForCount(3);
    expect(rec.summary()).toEqual(['ADDED w1', 'MODIFIED w1', 'DELETED w1']);
    expect(events[0].resourceVersion).toBe(created.metadata?.resourceVersion);
    expect(events[0].object.data).toEqual({ v: '1' });
    expect(events[1].resourceVersion).toBe(replaced.metadata?.resourceVersion);
    expect(events[1].object.data).toEqual({ v: '2' });
    expect(events[2].object.data).toEqual({ v: '2' });
    const rvs = events.map((e) => Number(e.resourceVersion));
    expect(rvs[1]).toBeGreaterThan(rvs[0]);
    expect(rvs[2]).toBeGreaterThan(rvs[1]);
    for (const e of events) expect(e.object).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap' });
  });

  it('starts with a synthetic ADDED for each existing object when no resourceVersion is given', async () => {
    await core.createNamespacedConfigMap({ namespace: NS, body: cm('existing-a', { set: 'initial' }) });
    await core.createNamespacedConfigMap({ namespace: NS, body: cm('existing-b', { set: 'initial' }) });
    const rec = await watch({ labelSelector: 'set=initial' });
    await rec.waitForCount(2);
    expect(rec.summary().sort()).toEqual(['ADDED existing-a', 'ADDED existing-b']);
    await core.deleteNamespacedConfigMap({ name: 'existing-a', namespace: NS });
    await rec.waitForCount(3);
    expect(rec.summary()[2]).toBe('DELETED existing-a');
  });

  it('replays the events after an older resourceVersion', async () => {
    const from = await listRevision();
    await core.createNamespacedConfigMap({ namespace: NS, body: cm('replay-1') });
    await core.createNamespacedConfigMap({ namespace: NS, body: cm('replay-2') });
    await core.deleteNamespacedConfigMap({ name: 'replay-1', namespace: NS });
    const rec = await watch({ resourceVersion: from });
    await rec.waitForCount(3);
    expect(rec.summary()).toEqual(['ADDED replay-1', 'ADDED replay-2', 'DELETED replay-1']);
  });

  it('filters by label selector: leaving the selector is DELETED, entering it is ADDED', async () => {
    await core.createNamespacedConfigMap({ namespace: NS, body: cm('sel', { color: 'red' }) });
    const rec = await watch({ resourceVersion: await listRevision(), labelSelector: 'color=blue' });
    await core.createNamespacedConfigMap({ namespace: NS, body: cm('other', { color: 'green' }) });
    await setLabels('sel', { color: 'blue' });
    await setLabels('sel', { color: 'blue', extra: 'x' });
    const left = await setLabels('sel', { color: 'red' });
    await rec.waitForCount(3);
    expect(rec.summary()).toEqual(['ADDED sel', 'MODIFIED sel', 'DELETED sel']);
    // As kube-apiserver's cacher does: the last state that matched, at the event's resourceVersion.
    expect(rec.events[2].object.metadata?.labels).toEqual({ color: 'blue', extra: 'x' });
    expect(rec.events[2].resourceVersion).toBe(left.metadata?.resourceVersion);
  });

  it('ends the watch after timeoutSeconds', async () => {
    const started = Date.now();
    const rec = await watch({ resourceVersion: await listRevision(), timeoutSeconds: 1 });
    expect(await rec.waitForEnd(8000)).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('reports a watch from a resourceVersion in the future that never arrives as an error, not a hang', async () => {
    const rec = await watch({ resourceVersion: String(Number(await listRevision()) + 1_000_000), timeoutSeconds: 5 });
    const end = await rec.waitForEnd(15_000);
    const errorEvents = rec.events.filter((e) => e.type === 'ERROR');
    const statusCode = errorEvents[0]?.object.code ?? (end as { statusCode?: number } | null)?.statusCode;
    expect(statusCode, `events ${JSON.stringify(rec.events)} end ${String(end)}`).toBe(504);
  });
});
