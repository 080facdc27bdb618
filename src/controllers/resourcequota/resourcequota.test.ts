import { beforeEach, describe, expect, it } from 'vitest';
import { pod as podKind, resourceQuota as quotaKind, type Pod, type ResourceQuota } from '../../api/core/v1/index.js';
import { NAMESPACE_INDEX } from '../../client/index.js';
import { FakeApi } from '../../../test/controllers/b-fake-api.js';
import { ResourceQuotaReconciler, countedResource, resourcesFor, usageMayDiffer } from './resourcequota.js';

let api: FakeApi;
let r: ResourceQuotaReconciler;

beforeEach(() => {
  api = new FakeApi();
  r = new ResourceQuotaReconciler({
    quotas: api.store<ResourceQuota>(quotaKind),
    quotaClient: api.writer<ResourceQuota>(quotaKind),
    clock: api.clock,
    async objectsOf(res, ns) {
      if (res.group !== '') return undefined;
      return api.store({ group: '', version: 'v1', plural: res.resource, namespaced: true }).byIndex(NAMESPACE_INDEX, ns);
    },
  });
});

const quota = () => api.store<ResourceQuota>(quotaKind).getByName('ns', 'q')!;

describe('ResourceQuotaReconciler', () => {
  it('mirrors hard and tracks used', async () => {
    api.seed<ResourceQuota>(quotaKind, { metadata: { name: 'q', namespace: 'ns' }, spec: { hard: { pods: '5', 'requests.memory': '1Gi', 'count/deployments.apps': '2' } }, status: {} });
    api.seed<Pod>(podKind, { metadata: { name: 'a', namespace: 'ns' }, spec: { containers: [{ name: 'c', image: 'i', resources: { requests: { memory: '128Mi' } } }] }, status: { phase: 'Running' } });
    api.seed<Pod>(podKind, { metadata: { name: 'b', namespace: 'ns' }, spec: { containers: [{ name: 'c', image: 'i' }] }, status: { phase: 'Succeeded' } });
    api.seed<Pod>(podKind, { metadata: { name: 'c', namespace: 'other' }, spec: { containers: [{ name: 'c', image: 'i' }] }, status: { phase: 'Running' } });
    const res = await r.reconcile({ namespace: 'ns', name: 'q' });
    expect(res).toEqual({ requeueAfterMs: 300_000 });
    expect(quota().status).toEqual({ hard: { pods: '5', 'requests.memory': '1Gi', 'count/deployments.apps': '2' }, used: { 'count/deployments.apps': '0', pods: '1', 'requests.memory': '128Mi' } });
    const writes = api.actions.length;
    await r.reconcile({ namespace: 'ns', name: 'q' });
    expect(api.actions.length).toBe(writes);
  });

  it('knows which kinds a quota counts', () => {
    expect(countedResource('count/jobs.batch')).toEqual({ group: 'batch', resource: 'jobs' });
    expect(countedResource('pods')).toBeUndefined();
    expect(resourcesFor({ pods: '1', 'services.nodeports': '2', 'count/jobs.batch': '1' }).map((x) => `${x.group}/${x.resource}`).sort()).toEqual(['/pods', '/services', 'batch/jobs']);
  });

  it('recounts on updates that may change usage only', () => {
    const p = (phase: string, cpu = '1'): Pod => ({ metadata: { name: 'p' }, spec: { nodeName: phase, containers: [{ name: 'c', image: 'i', resources: { requests: { cpu } } }] }, status: { phase: phase as 'Running' } });
    expect(usageMayDiffer(true, p('Running'), p('Running'))).toBe(false);
    expect(usageMayDiffer(true, p('Running'), p('Succeeded'))).toBe(true);
    expect(usageMayDiffer(true, p('Running'), p('Running', '2'))).toBe(true);
    expect(usageMayDiffer(false, { metadata: { name: 's' } }, { metadata: { name: 's', deletionTimestamp: 'x' } })).toBe(true);
  });
});
