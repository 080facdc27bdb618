/**
 * A lost node against a real server: its simulated kubelet stops renewing the Lease, the node
 * lifecycle controller marks it Unknown and taints it, evicts its pods after their
 * tolerationSeconds, and the ReplicaSet recreates them on the other nodes. Grace periods and
 * heartbeats are shortened for the test.
 */
import { describe, expect, it } from 'vitest';
import { replicaSet, type ReplicaSet } from '../../src/api/apps/v1/index.js';
import { node as nodeKind, pod as podKind, type Node, type Pod } from '../../src/api/core/v1/index.js';
import { useBCluster, waitFor } from './b-harness.js';

const cluster = useBCluster({
  nodes: 3,
  heartbeatSeconds: 1,
  controllers: ['node-lifecycle-controller', 'replicaset-controller'],
  settings: { nodeMonitorGracePeriodMs: 4000 },
});

const live = (p: Pod) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded';
const ready = (p: Pod) => live(p) && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

describe('Node lifecycle controller (integration)', () => {
  it('marks a lost node Unknown, taints it, and its pods come back on the other nodes', async () => {
    const c = cluster();
    const ns = await c.namespace('lost');
    const pods = c.client.resource<Pod>(podKind);
    const nodes = c.client.resource<Node>(nodeKind);
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web' },
      spec: {
        replicas: 6,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            terminationGracePeriodSeconds: 0,
            tolerations: [
              { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 1 },
              { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 1 },
            ],
            containers: [{ name: 'web', image: 'nginx' }],
          },
        },
      },
    };
    await c.client.resource<ReplicaSet>(replicaSet).create(rs, { namespace: ns });
    const before = await waitFor(
      async () => {
        const items = (await pods.list(ns)).items.filter(ready);
        return items.length === 6 ? items : undefined;
      },
      { timeoutMs: 30_000, description: '6 ready pods' },
    );
    const victim = before.map((p) => p.spec.nodeName!).sort()[0]!;
    const onVictim = before.filter((p) => p.spec.nodeName === victim).map((p) => p.metadata.name);
    expect(onVictim.length).toBeGreaterThan(0);

    c.nodes.lose(victim);
    const lost = await waitFor(
      async () => {
        const n = await nodes.get(undefined, victim);
        const r = n.status?.conditions?.find((x) => x.type === 'Ready');
        return r?.status === 'Unknown' && n.spec?.taints?.some((t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute') ? n : undefined;
      },
      { timeoutMs: 20_000, description: `node ${victim} Unknown and tainted` },
    );
    expect(lost.status?.conditions?.find((x) => x.type === 'Ready')).toMatchObject({ reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(lost.spec?.taints?.map((t) => `${t.key}:${t.effect}`).sort()).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);

    const after = await waitFor(
      async () => {
        const items = (await pods.list(ns)).items;
        const good = items.filter((p) => ready(p) && p.spec.nodeName !== victim);
        const evicted = items.filter((p) => onVictim.includes(p.metadata.name));
        return good.length === 6 && evicted.every((p) => p.metadata.deletionTimestamp) ? { good, evicted } : undefined;
      },
      { timeoutMs: 30_000, description: 'pods recreated on the other nodes' },
    );
    expect(after.evicted.every((p) => p.status?.conditions?.some((x) => x.type === 'DisruptionTarget' && x.reason === 'DeletionByTaintManager'))).toBe(true);

    c.nodes.restore(victim);
    await waitFor(
      async () => {
        const n = await nodes.get(undefined, victim);
        return n.status?.conditions?.find((x) => x.type === 'Ready')?.status === 'True' && !(n.spec?.taints ?? []).some((t) => t.key.startsWith('node.kubernetes.io/'));
      },
      { timeoutMs: 20_000, description: `node ${victim} back and untainted` },
    );
  }, 90_000);
});
