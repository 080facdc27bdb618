/**
 * A DaemonSet against a real server: a pod on every node, one more when a node joins later, and
 * a rolling update that replaces them one node at a time.
 */
import { describe, expect, it } from 'vitest';
import { daemonSet, type DaemonSet } from '../../src/api/apps/v1/index.js';
import { pod as podKind, type Pod } from '../../src/api/core/v1/index.js';
import { useBCluster, waitFor } from './b-harness.js';

const cluster = useBCluster({ nodes: 2, controllers: ['daemonset-controller'] });

function dsManifest(image: string): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'agent', image }] } },
    },
  };
}

describe('DaemonSet controller (integration)', () => {
  it('covers every node, including one that joins later, and rolls out updates', async () => {
    const c = cluster();
    const ns = await c.namespace('ds');
    const sets = c.client.resource<DaemonSet>(daemonSet);
    const pods = c.client.resource<Pod>(podKind);
    await sets.create(dsManifest('agent:1'), { namespace: ns });
    const ready = (n: number) => async () => {
      const s = (await sets.get(ns, 'agent')).status;
      return s?.desiredNumberScheduled === n && s.numberReady === n && s.updatedNumberScheduled === n ? s : undefined;
    };
    await waitFor(ready(2), { timeoutMs: 30_000, description: 'two ready daemon pods' });
    await c.addNodes(1, 'b-late-');
    const status = await waitFor(ready(3), { timeoutMs: 30_000, description: 'three ready daemon pods' });
    expect(status).toMatchObject({ currentNumberScheduled: 3, numberMisscheduled: 0, numberAvailable: 3, observedGeneration: 1 });
    const list = (await pods.list(ns)).items;
    expect(list.map((p) => p.spec.nodeName).sort()).toEqual(['b-late-0', 'b-node-0', 'b-node-1']);
    const late = list.find((p) => p.spec.nodeName === 'b-late-0')!;
    expect(late.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['b-late-0'] }] },
    ]);
    expect(late.spec.tolerations?.some((t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute' && t.tolerationSeconds === undefined)).toBe(true);

    await sets.patch(ns, 'agent', { type: 'merge', body: { spec: { template: { spec: { containers: [{ name: 'agent', image: 'agent:2' }] } } } } });
    await waitFor(
      async () => {
        const items = (await pods.list(ns)).items.filter((p) => !p.metadata.deletionTimestamp);
        return items.length === 3 && items.every((p) => p.spec.containers[0]!.image === 'agent:2' && p.status?.phase === 'Running');
      },
      { timeoutMs: 30_000, description: 'rolled out agent:2' },
    );
    await waitFor(ready(3), { timeoutMs: 10_000, description: 'status after the rollout' });
  }, 90_000);
});
