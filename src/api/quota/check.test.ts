import { describe, expect, it } from 'vitest';
import type { Pod, ResourceQuota, Service } from '../core/v1/index.js';
import { checkQuota, computeUsed, evaluateQuotas } from './check.js';
import { podResourceTotals, usageOf } from './evaluators.js';
import { prettyPrint } from './usage.js';

const PODS = { group: '', resource: 'pods' };

function pod(name: string, resources?: { requests?: Record<string, string>; limits?: Record<string, string> }, extra: Partial<Pod['spec']> = {}): Pod {
  return { metadata: { name, namespace: 'ns' }, spec: { containers: [{ name: 'c', image: 'i', resources }], ...extra }, status: { phase: 'Running' } };
}

function quota(name: string, hard: Record<string, string>, used?: Record<string, string>, spec: Partial<ResourceQuota['spec']> = {}): ResourceQuota {
  return { metadata: { name, namespace: 'ns' }, spec: { hard, ...spec }, status: used ? { hard, used } : {} };
}

describe('usage', () => {
  it('charges pods their requests and limits, init containers as a floor', () => {
    const p = pod('a', { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m' } }, {
      initContainers: [{ name: 'init', image: 'i', resources: { requests: { cpu: '500m' } } }],
    });
    expect(prettyPrint(usageOf(PODS, p))).toBe('count/pods=1,cpu=500m,limits.cpu=200m,memory=64Mi,pods=1,requests.cpu=500m,requests.memory=64Mi');
    const done = { ...p, status: { phase: 'Succeeded' as const } };
    expect(prettyPrint(usageOf(PODS, done))).toBe('count/pods=1');
  });

  it('adds sidecars to the total', () => {
    const spec = {
      containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: '1' } } }],
      initContainers: [{ name: 's', image: 'i', restartPolicy: 'Always', resources: { requests: { cpu: '250m' } } }],
    } as Pod['spec'];
    expect(podResourceTotals(spec, 'requests').get('cpu')?.nanos).toBe(1_250_000_000n);
  });

  it('counts services, load balancers and node ports', () => {
    const svc: Service = { metadata: { name: 's' }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }, { port: 443 }] } };
    expect(prettyPrint(usageOf({ group: '', resource: 'services' }, svc))).toBe('count/services=1,services=1,services.loadbalancers=1,services.nodeports=2');
    expect(prettyPrint(usageOf({ group: 'apps', resource: 'deployments' }, { metadata: { name: 'd' } }))).toBe('count/deployments.apps=1');
  });
});

describe('computeUsed', () => {
  it('sums what the quota limits, zero for unused names', () => {
    const q = quota('q', { pods: '10', 'requests.cpu': '2', 'count/configmaps': '5', 'limits.memory': '1Gi' });
    const used = computeUsed(q, [
      { resource: PODS, items: [pod('a', { requests: { cpu: '250m' } }), pod('b', { requests: { cpu: '250m' } })] },
      { resource: { group: '', resource: 'configmaps' }, items: [{ metadata: { name: 'cm' } }] },
    ]);
    expect(used).toEqual({ 'count/configmaps': '1', 'limits.memory': '0', pods: '2', 'requests.cpu': '500m' });
  });

  it('honours scopes', () => {
    const q = quota('be', { pods: '5' }, undefined, { scopes: ['BestEffort'] });
    const used = computeUsed(q, [{ resource: PODS, items: [pod('a'), pod('b', { requests: { cpu: '1' } })] }]);
    expect(used).toEqual({ pods: '1' });
    const pc = quota('pc', { pods: '5' }, undefined, { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] } });
    expect(computeUsed(pc, [{ resource: PODS, items: [pod('a', undefined, { priorityClassName: 'high' }), pod('b')] }])).toEqual({ pods: '1' });
  });
});

describe('checkQuota', () => {
  it('refuses a create over the quota with upstream wording', () => {
    const q = quota('q', { pods: '10' }, { pods: '10' });
    expect(checkQuota([q], pod('x'), { resource: PODS })).toBe('exceeded quota: q, requested: pods=1, used: pods=10, limited: pods=10');
    expect(checkQuota([quota('q', { pods: '10' }, { pods: '9' })], pod('x'), { resource: PODS })).toBeUndefined();
  });

  it('asks for requests a cpu/memory quota needs', () => {
    const q = quota('compute', { 'requests.cpu': '1', 'limits.memory': '1Gi' }, { 'requests.cpu': '0', 'limits.memory': '0' });
    expect(checkQuota([q], pod('x'), { resource: PODS })).toBe('failed quota: compute: must specify limits.memory for: c; requests.cpu for: c');
  });

  it('reports a quota whose usage is not known yet, and ignores one without status', () => {
    const q: ResourceQuota = { metadata: { name: 'q' }, spec: { hard: { pods: '1' } }, status: { hard: { pods: '1' } } };
    expect(checkQuota([q], pod('x'), { resource: PODS })).toBe('status unknown for quota: q, resources: pods');
    expect(checkQuota([quota('fresh', { pods: '0' })], pod('x'), { resource: PODS })).toBeUndefined();
  });

  it('answers the charged usage', () => {
    const q = quota('q', { pods: '10', 'requests.cpu': '4' }, { pods: '1', 'requests.cpu': '1' });
    const d = evaluateQuotas([q], pod('x', { requests: { cpu: '500m' } }), { resource: PODS });
    expect(d.charges[0]?.used).toEqual({ pods: '2', 'requests.cpu': '1500m' });
  });
});
