import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../api/apps/v1/index.js';
import { setNewReplicaSetAnnotations } from './annotations.js';
import { getProportion, maxSurge, maxUnavailable, newRSNewReplicas, resolveFenceposts } from './replicas.js';
import { computeHash, equalIgnoreHash, findNewReplicaSet } from './replicasets.js';
import { scalePatch } from './writes.js';

function dep(replicas: number, surge: number | string = '25%', unavailable: number | string = '25%'): Deployment {
  return {
    metadata: { name: 'd', annotations: { team: 'a', 'kubectl.kubernetes.io/last-applied-configuration': '{}' } },
    spec: { replicas, selector: {}, template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'x' }] } }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } } },
  };
}
function rs(name: string, replicas: number, extra: Partial<ReplicaSet['metadata']> = {}): ReplicaSet {
  return { metadata: { name, creationTimestamp: '2024-01-01T00:00:00Z', ...extra }, spec: { replicas, selector: {} } };
}

describe('deployment arithmetic', () => {
  it('resolves surge (rounded up) and unavailable (rounded down), never both 0', () => {
    expect(resolveFenceposts(dep(10))).toEqual({ surge: 3, unavailable: 2 });
    expect(resolveFenceposts(dep(1, 0, '10%'))).toEqual({ surge: 0, unavailable: 1 });
    expect(maxUnavailable(dep(2, 0, 5))).toBe(2);
    expect(maxSurge({ ...dep(10), spec: { ...dep(10).spec, strategy: { type: 'Recreate' } } })).toBe(0);
    expect(() => resolveFenceposts(dep(10, 'lots'))).toThrow(/invalid rolling update parameter/);
  });
  it('grows the new replica set within replicas + maxSurge', () => {
    const d = dep(10, 3, 2);
    const newRS = rs('new', 0);
    expect(newRSNewReplicas(d, [rs('old', 10), newRS], newRS)).toBe(3);
    expect(newRSNewReplicas(d, [rs('old', 8), rs('new', 3)], rs('new', 3))).toBe(5);
    expect(newRSNewReplicas(d, [rs('old', 0), rs('new', 10)], rs('new', 10))).toBe(10);
  });
  it('shares a resize in proportion to max-replicas annotations', () => {
    const d = dep(20, 3, 2);
    const old = rs('old', 8, { annotations: { 'deployment.kubernetes.io/max-replicas': '13' } });
    // 8 * 23 / 13 = 14.15 → 14: +6 of the 10 to add
    expect(getProportion(old, d, 10, 0)).toBe(6);
    expect(getProportion(old, d, 10, 8)).toBe(2);
    expect(getProportion(old, dep(0), -8, 0)).toBe(-8);
  });
  it('hashes templates stably and ignores the hash label when comparing', () => {
    const t = dep(1).spec.template;
    expect(computeHash(t)).toBe(computeHash(structuredClone(t)));
    expect(computeHash(t)).not.toBe(computeHash(t, 1));
    expect(computeHash(t)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    const withHash = { ...t, metadata: { labels: { app: 'd', 'pod-template-hash': 'abc' } } };
    expect(equalIgnoreHash(t, withHash)).toBe(true);
    const older = { ...rs('a', 1, { creationTimestamp: '2023-01-01T00:00:00Z' }), spec: { replicas: 1, selector: {}, template: withHash } };
    const newer = { ...rs('b', 1), spec: { replicas: 1, selector: {}, template: withHash } };
    expect(findNewReplicaSet(dep(1), [newer, older])?.metadata.name).toBe('a');
  });
  it('raises revisions only, keeping the old one in revision-history (rollback)', () => {
    const d = dep(3);
    const fresh = rs('new', 0);
    expect(setNewReplicaSetAnnotations(d, fresh, 1, { exists: false, maxSurge: 1 })).toBe(true);
    expect(fresh.metadata.annotations).toEqual({ team: 'a', 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
    const back = rs('old', 0, { annotations: { 'deployment.kubernetes.io/revision': '1', team: 'a' } });
    expect(setNewReplicaSetAnnotations(d, back, 3, { exists: true, maxSurge: 1 })).toBe(true);
    expect(back.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
    expect(setNewReplicaSetAnnotations(d, back, 2, { exists: true, maxSurge: 1 })).toBe(false);
  });
  it('scales with a JSON patch that tests spec.replicas', () => {
    expect(scalePatch(rs('a', 3, { annotations: {} }), 3, 5, { 'deployment.kubernetes.io/desired-replicas': '5' })).toEqual([
      { op: 'test', path: '/spec/replicas', value: 3 },
      { op: 'replace', path: '/spec/replicas', value: 5 },
      { op: 'add', path: '/metadata/annotations/deployment.kubernetes.io~1desired-replicas', value: '5' },
    ]);
  });
});
