/** ResourceQuota status against a real server: hard mirrored, used following pods as they come and go. */
import { describe, expect, it } from 'vitest';
import { configMap, pod as podKind, resourceQuota as quotaKind, type ConfigMap, type Pod, type ResourceQuota } from '../../src/api/core/v1/index.js';
import { useBCluster, waitFor } from './b-harness.js';

const cluster = useBCluster({ nodes: 1, controllers: ['resourcequota-controller'] });

const pod = (name: string): Pod => ({
  metadata: { name },
  spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '500m', memory: '64Mi' } } }] },
});

describe('ResourceQuota controller (integration)', () => {
  it('tracks usage in status', async () => {
    const c = cluster();
    const ns = await c.namespace('quota');
    const quotas = c.client.resource<ResourceQuota>(quotaKind);
    const pods = c.client.resource<Pod>(podKind);
    await quotas.create({ metadata: { name: 'q' }, spec: { hard: { pods: '5', 'requests.cpu': '2', 'count/configmaps': '10' } } }, { namespace: ns });
    const usedIs = (want: Record<string, string>) => async () => {
      const q = await quotas.get(ns, 'q');
      if (JSON.stringify(q.status?.used) !== JSON.stringify(want)) throw new Error(`used ${JSON.stringify(q.status?.used)}`);
      return q;
    };
    const first = await waitFor(usedIs({ 'count/configmaps': '0', pods: '0', 'requests.cpu': '0' }), { timeoutMs: 15_000, description: 'initial usage' });
    expect(first.status?.hard).toEqual({ 'count/configmaps': '10', pods: '5', 'requests.cpu': '2' });
    await c.client.resource<ConfigMap>(configMap).create({ metadata: { name: 'settings' }, data: { a: 'b' } }, { namespace: ns });
    await pods.create(pod('a'), { namespace: ns });
    await pods.create(pod('b'), { namespace: ns });
    await waitFor(usedIs({ 'count/configmaps': '1', pods: '2', 'requests.cpu': '1' }), { timeoutMs: 15_000, description: 'two pods counted' });
    await pods.delete(ns, 'a', { gracePeriodSeconds: 0 });
    await waitFor(usedIs({ 'count/configmaps': '1', pods: '1', 'requests.cpu': '500m' }), { timeoutMs: 15_000, description: 'one pod counted' });
  }, 40_000);
});
