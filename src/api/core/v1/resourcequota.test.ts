import { describe, expect, it } from 'vitest';
import { type ResourceQuota, resourceQuota } from './resourcequota.js';
import { created, problems, row } from './test-support.js';

function rq(spec: ResourceQuota['spec']): ResourceQuota {
  return { metadata: { name: 'q', namespace: 'default' }, spec };
}

describe('ResourceQuota', () => {
  it('clears status on create and validates hard limits', () => {
    const q = created(resourceQuota, { ...rq({ hard: { pods: '10', 'requests.cpu': '4' } }), status: { used: { pods: '99' } } });
    expect(q.status).toEqual({});
    expect(problems(resourceQuota, q)).toEqual([]);
    expect(problems(resourceQuota, rq({ hard: { widgets: '1', pods: '1.5', 'count/deployments.apps': '2' } }))).toEqual([
      'spec.hard[widgets]: Invalid value: "widgets": must be a standard resource type or fully qualified',
      'spec.hard[widgets]: Invalid value: "widgets": must be a standard resource for quota',
      'spec.hard[pods]: Invalid value: "1500m": must be an integer',
    ]);
  });

  it('rejects unknown scopes', () => {
    expect(problems(resourceQuota, rq({ scopes: ['Sometimes' as never] }))).toEqual([
      'spec.scopes[0]: Unsupported value: "Sometimes": supported values: "BestEffort", "CrossNamespacePodAffinity", "NotBestEffort", "NotTerminating", "PriorityClass", "Terminating", "VolumeAttributesClass"',
    ]);
  });

  it('prints Request and Limit from status, sorted', () => {
    const q = created(resourceQuota, rq({}));
    q.status = { hard: { pods: '10', 'limits.memory': '2Gi', 'requests.cpu': '1' }, used: { pods: '3', 'requests.cpu': '500m' } };
    expect(resourceQuota.table.columns.map((c) => c.name)).toEqual(['Name', 'Age', 'Request', 'Limit']);
    expect(row(resourceQuota, q)).toEqual({ Name: 'q', Age: '60m', Request: 'pods: 3/10, requests.cpu: 500m/1', Limit: 'limits.memory: 0/2Gi' });
  });
});
