import { describe, expect, it } from 'vitest';
import type { LimitRange, PersistentVolumeClaim, Pod } from './core/v1/index.js';
import { applyLimitRangeDefaults, checkLimitRanges } from './limitrange-defaults.js';

const lr = (limits: NonNullable<LimitRange['spec']>['limits']): LimitRange => ({ metadata: { name: 'lr', namespace: 'ns' }, spec: { limits } });

function pod(resources?: { requests?: Record<string, string>; limits?: Record<string, string> }): Pod {
  return { metadata: { name: 'p', namespace: 'ns' }, spec: { containers: [{ name: 'app', image: 'i', resources }], initContainers: [{ name: 'init', image: 'i' }] } };
}

describe('applyLimitRangeDefaults', () => {
  it('sets missing requests and limits and says so', () => {
    const p = pod({ requests: { cpu: '100m' } });
    applyLimitRangeDefaults(p, [lr([{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '250m', memory: '128Mi' } }])]);
    expect(p.spec.containers[0]!.resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    expect(p.spec.initContainers![0]!.resources?.requests).toEqual({ cpu: '250m', memory: '128Mi' });
    expect(p.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: memory request for container app; cpu, memory limit for container app; cpu, memory request for init container init; cpu, memory limit for init container init',
    );
  });

  it('leaves pods alone without Container defaults', () => {
    const p = pod();
    applyLimitRangeDefaults(p, [lr([{ type: 'Pod', max: { cpu: '2' } }])]);
    expect(p).toEqual(pod());
  });
});

describe('checkLimitRanges', () => {
  it('enforces container min and max with upstream wording', () => {
    const ranges = [lr([{ type: 'Container', max: { cpu: '1' }, min: { memory: '64Mi' } }])];
    const p = pod({ requests: { cpu: '500m', memory: '32Mi' }, limits: { cpu: '2', memory: '32Mi' } });
    p.spec.initContainers = [];
    expect(checkLimitRanges(p, ranges, { kind: 'Pod' })).toBe('[minimum memory usage per Container is 64Mi, but request is 32Mi, maximum cpu usage per Container is 1, but limit is 2]');
    const ok = pod({ requests: { cpu: '500m', memory: '64Mi' }, limits: { cpu: '1', memory: '64Mi' } });
    ok.spec.initContainers = [];
    expect(checkLimitRanges(ok, ranges, { kind: 'Pod' })).toBeUndefined();
  });

  it('reports missing limits and the limit/request ratio', () => {
    const noLimit = pod({ requests: { cpu: '1' } });
    noLimit.spec.initContainers = [];
    expect(checkLimitRanges(noLimit, [lr([{ type: 'Container', max: { cpu: '2' } }])], { kind: 'Pod' })).toBe('maximum cpu usage per Container is 2.  No limit is specified');
    const greedy = pod({ requests: { cpu: '250m' }, limits: { cpu: '1' } });
    greedy.spec.initContainers = [];
    expect(checkLimitRanges(greedy, [lr([{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }])], { kind: 'Pod' })).toBe(
      'cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000',
    );
  });

  it('sums pods and checks claims', () => {
    const p = pod({ requests: { cpu: '600m' }, limits: { cpu: '600m' } });
    p.spec.containers.push({ name: 'b', image: 'i', resources: { requests: { cpu: '600m' }, limits: { cpu: '600m' } } });
    p.spec.initContainers = [];
    expect(checkLimitRanges(p, [lr([{ type: 'Pod', max: { cpu: '1' } }])], { kind: 'Pod' })).toBe('maximum cpu usage per Pod is 1, but limit is 1200m');
    const pvc: PersistentVolumeClaim = { metadata: { name: 'c' }, spec: { resources: { requests: { storage: '10Gi' } } } };
    expect(checkLimitRanges(pvc, [lr([{ type: 'PersistentVolumeClaim', max: { storage: '5Gi' } }])], { kind: 'PersistentVolumeClaim' })).toBe(
      'maximum storage usage per PersistentVolumeClaim is 5Gi, but request is 10Gi',
    );
  });
});
