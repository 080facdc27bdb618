import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/core/v1/index.js';
import { podsToDelete } from './rank.js';

const NOW = Date.parse('2024-01-01T12:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();
function pod(name: string, o: { node?: string; phase?: 'Pending' | 'Running' | 'Unknown'; readyFor?: number; restarts?: number; age?: number; cost?: number }): Pod {
  const p: Pod = { metadata: { name, uid: name, creationTimestamp: ago(o.age ?? 1000) }, spec: { containers: [], nodeName: o.node }, status: { phase: o.phase ?? 'Running' } };
  if (o.readyFor !== undefined) p.status!.conditions = [{ type: 'Ready', status: 'True', lastTransitionTime: ago(o.readyFor) }];
  if (o.restarts) p.status!.containerStatuses = [{ name: 'c', ready: true, restartCount: o.restarts, image: '', imageID: '' }];
  if (o.cost !== undefined) p.metadata.annotations = { 'controller.kubernetes.io/pod-deletion-cost': String(o.cost) };
  return p;
}
const names = (ps: Pod[]) => ps.map((p) => p.metadata.name);

describe('podsToDelete (least valuable first)', () => {
  it('orders unassigned, pending, unknown, not ready, then ready pods', () => {
    const ps = [pod('ready', { node: 'n', readyFor: 100 }), pod('notready', { node: 'n' }), pod('unknown', { node: 'n', phase: 'Unknown' }), pod('pending', { node: 'n', phase: 'Pending' }), pod('unassigned', {})];
    expect(names(podsToDelete(ps, [], 4, NOW))).toEqual(['unassigned', 'pending', 'unknown', 'notready']);
  });
  it('prefers lower deletion cost, doubled-up nodes, shorter readiness, more restarts, newer pods', () => {
    expect(names(podsToDelete([pod('cheap', { node: 'n', readyFor: 10, cost: -5 }), pod('dear', { node: 'n', readyFor: 10, cost: 5 })], [], 1, NOW))).toEqual(['cheap']);
    const a = pod('alone', { node: 'n1', readyFor: 10 });
    const b = pod('crowded', { node: 'n2', readyFor: 10 });
    expect(names(podsToDelete([a, b], [a, b, pod('x', { node: 'n2' })], 1, NOW))).toEqual(['crowded']);
    expect(names(podsToDelete([pod('old-ready', { node: 'n', readyFor: 10_000 }), pod('new-ready', { node: 'n', readyFor: 5 })], [], 1, NOW))).toEqual(['new-ready']);
    expect(names(podsToDelete([pod('stable', { node: 'n', readyFor: 100 }), pod('crashy', { node: 'n', readyFor: 100, restarts: 4 })], [], 1, NOW))).toEqual(['crashy']);
    expect(names(podsToDelete([pod('old', { node: 'n', age: 100_000 }), pod('young', { node: 'n', age: 10 })], [], 1, NOW))).toEqual(['young']);
  });
  it('returns every pod when asked for as many or more', () => {
    expect(podsToDelete([pod('a', {})], [], 3, NOW)).toHaveLength(1);
  });
});
