/**
 * A StatefulSet scaling up in order against a real server: each pod is created only once its
 * predecessor is Running and Ready (watched as it happens), with its claim from the
 * volumeClaimTemplates; then a scale-down removes the highest ordinals.
 */
import { describe, expect, it } from 'vitest';
import { controllerRevision, statefulSet, type ControllerRevision, type StatefulSet } from '../../src/api/apps/v1/index.js';
import { persistentVolumeClaim, pod as podKind, type PersistentVolumeClaim, type Pod } from '../../src/api/core/v1/index.js';
import { useBCluster, waitFor } from './b-harness.js';

const cluster = useBCluster({ nodes: 2, controllers: ['statefulset-controller'] });

const isReady = (p: Pod): boolean => p.status?.phase === 'Running' && (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

function setManifest(replicas: number): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web' },
    spec: {
      replicas,
      serviceName: 'web',
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' }, annotations: { 'gantry.dev/simulate-ready-after': '300ms' } },
        spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'web', image: 'nginx' }] },
      },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  };
}

describe('StatefulSet controller (integration)', () => {
  it('scales up in order, each pod after its predecessor is Ready', async () => {
    const c = cluster();
    const ns = await c.namespace('sts');
    const pods = c.client.resource<Pod>(podKind);
    const ctl = new AbortController();
    const created: string[] = [];
    const readyWhenCreated: boolean[] = [];
    const latest = new Map<string, Pod>();
    const watching = (async () => {
      for await (const ev of pods.watch(ns, { signal: ctl.signal })) {
        const name = ev.object.metadata.name!;
        if (ev.type === 'ADDED' && !created.includes(name)) {
          const prev = created.length ? latest.get(created[created.length - 1]!) : undefined;
          readyWhenCreated.push(prev ? isReady(prev) : true);
          created.push(name);
        }
        if (ev.type === 'DELETED') latest.delete(name);
        else latest.set(name, ev.object);
      }
    })().catch(() => {});
    try {
      await c.client.resource<StatefulSet>(statefulSet).create(setManifest(3), { namespace: ns });
      await waitFor(async () => (await c.client.resource<StatefulSet>(statefulSet).get(ns, 'web')).status?.readyReplicas === 3, { timeoutMs: 30_000, description: '3 ready replicas' });
      const sets = c.client.resource<StatefulSet>(statefulSet);
      await sets.patch(ns, 'web', { type: 'merge', body: { spec: { replicas: 5 } } });
      const status = await waitFor(
        async () => {
          const s = (await sets.get(ns, 'web')).status;
          return s?.readyReplicas === 5 ? s : undefined;
        },
        { timeoutMs: 30_000, description: '5 ready replicas' },
      );
      expect(created).toEqual(['web-0', 'web-1', 'web-2', 'web-3', 'web-4']);
      expect(readyWhenCreated).toEqual([true, true, true, true, true]);
      const rev = (await c.client.resource<ControllerRevision>(controllerRevision).list(ns)).items;
      expect(rev).toHaveLength(1);
      expect(status).toMatchObject({ replicas: 5, currentReplicas: 5, updatedReplicas: 5, currentRevision: rev[0]!.metadata.name, updateRevision: rev[0]!.metadata.name });
      const web3 = await pods.get(ns, 'web-3');
      expect(web3.metadata.labels).toMatchObject({ 'statefulset.kubernetes.io/pod-name': 'web-3', 'apps.kubernetes.io/pod-index': '3', 'controller-revision-hash': rev[0]!.metadata.name });
      expect(web3.spec.hostname).toBe('web-3');
      const claims = (await c.client.resource<PersistentVolumeClaim>(persistentVolumeClaim).list(ns)).items.map((x) => x.metadata.name).sort();
      expect(claims).toEqual(['data-web-0', 'data-web-1', 'data-web-2', 'data-web-3', 'data-web-4']);

      await sets.patch(ns, 'web', { type: 'merge', body: { spec: { replicas: 2 } } });
      await waitFor(async () => (await pods.list(ns)).items.length === 2, { timeoutMs: 30_000, description: 'scaled down to 2' });
      expect((await pods.list(ns)).items.map((p) => p.metadata.name).sort()).toEqual(['web-0', 'web-1']);
    } finally {
      ctl.abort();
      await watching;
    }
  }, 70_000);
});
