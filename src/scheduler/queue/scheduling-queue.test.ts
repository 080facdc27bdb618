import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../util/index.js';
import { ActionType, EVENTS, type ClusterEventWithHint } from '../framework/events.js';
import type { QueuedPodInfo } from '../framework/interface.js';
import type { PodInfo } from '../framework/pod-info.js';
import { PrioritySort } from '../plugins/queuesort/priority-sort.js';
import { makePod, podInfo } from '../testing/builders.js';
import { newPodInfo } from '../framework/pod-info.js';
import { SchedulingQueue } from './scheduling-queue.js';

const sort = new PrioritySort();

function queue(events: Record<string, ClusterEventWithHint[]> = {}) {
  const clock = new FakeClock();
  const q = new SchedulingQueue({ less: (a, b) => sort.less(a, b), pluginEvents: new Map(Object.entries(events)), clock });
  return { q, clock };
}

function popAll(q: SchedulingQueue): string[] {
  const out: string[] = [];
  for (let p = q.pop(); p; p = q.pop()) out.push(p.podInfo.name);
  return out;
}

/** Pops the pod and reports it rejected by `plugins`. */
function fail(q: SchedulingQueue, ...plugins: string[]): QueuedPodInfo {
  const p = q.pop()!;
  p.unschedulablePlugins = new Set(plugins);
  q.addUnschedulable(p);
  return p;
}

describe('SchedulingQueue', () => {
  it('pops by priority, then by age', () => {
    const { q, clock } = queue();
    q.add(podInfo('low', { priority: 1 }));
    clock.advance(10);
    q.add(podInfo('high', { priority: 10 }));
    clock.advance(10);
    q.add(podInfo('low2', { priority: 1 }));
    expect(popAll(q)).toEqual(['high', 'low', 'low2']);
  });

  it('parks unschedulable pods until an event their plugins registered', () => {
    const { q } = queue({ NodeResourcesFit: [{ event: { resource: 'Node', action: ActionType.Add } }] });
    q.add(podInfo('p'));
    fail(q, 'NodeResourcesFit');
    expect(q.stats()).toMatchObject({ active: 0, unschedulable: 1 });
    expect(q.moveAllToActiveOrBackoff(EVENTS.AssignedPodAdd)).toBe(0);
    expect(q.moveAllToActiveOrBackoff(EVENTS.NodeAdd)).toBe(1);
    // Still within its backoff: waits there first.
    expect(q.stats()).toMatchObject({ backoff: 1, unschedulable: 0 });
  });

  it('moves a pod straight to active when its backoff already expired', () => {
    const { q, clock } = queue({ NodeResourcesFit: [{ event: { resource: 'Node', action: ActionType.Add } }] });
    q.add(podInfo('p'));
    fail(q, 'NodeResourcesFit');
    clock.advance(1500);
    q.moveAllToActiveOrBackoff(EVENTS.NodeAdd);
    expect(popAll(q)).toEqual(['p']);
  });

  it('consults queueing hints', () => {
    const { q } = queue({ TaintToleration: [{ event: { resource: 'Node', action: ActionType.Add }, hint: (_p, _o, n) => ((n as { metadata: { name: string } }).metadata.name === 'good' ? 'Queue' : 'Skip') }] });
    q.add(podInfo('p'));
    fail(q, 'TaintToleration');
    expect(q.moveAllToActiveOrBackoff(EVENTS.NodeAdd, undefined, { metadata: { name: 'bad' } })).toBe(0);
    expect(q.moveAllToActiveOrBackoff(EVENTS.NodeAdd, undefined, { metadata: { name: 'good' } })).toBe(1);
  });

  it('retries errors through backoff, doubling up to the maximum', () => {
    const { q, clock } = queue();
    q.add(podInfo('p'));
    const first = fail(q);
    expect(q.stats().backoff).toBe(1);
    expect(q.backoffDuration(first)).toBe(1000);
    clock.advance(999);
    expect(q.stats().active).toBe(0);
    clock.advance(1);
    expect(q.stats().active).toBe(1);
    const again = fail(q);
    expect(q.backoffDuration(again)).toBe(2000);
    for (let i = 0; i < 10; i++) again.attempts++;
    expect(q.backoffDuration(again)).toBe(10_000);
  });

  it('retries long-parked pods after the unschedulable timeout', () => {
    const { q, clock } = queue();
    q.start();
    q.add(podInfo('p'));
    fail(q, 'Whatever');
    clock.advance(5 * 60_000 + 30_000);
    expect(q.stats().unschedulable).toBe(0);
    expect(popAll(q)).toEqual(['p']);
    q.close();
  });

  it('keeps gated pods out until the gates are removed', () => {
    const { q } = queue();
    const gated = makePod('g', { spec: { schedulingGates: [{ name: 'example.com/wait' }] } });
    q.add(newPodInfo(gated));
    expect(q.pop()).toBeUndefined();
    expect(q.moveAllToActiveOrBackoff(EVENTS.Wildcard)).toBe(0);
    const ungated = { ...gated, spec: { ...gated.spec, schedulingGates: [] } };
    q.update(newPodInfo(gated), newPodInfo(ungated));
    expect(popAll(q)).toEqual(['g']);
  });

  it('requeues a parked pod whose spec changed, not one whose status changed', () => {
    const { q, clock } = queue();
    const pod = makePod('p', { requests: { cpu: '8' } });
    q.add(newPodInfo(pod));
    fail(q, 'NodeResourcesFit');
    const statusOnly = { ...pod, status: { phase: 'Pending' as const, conditions: [{ type: 'PodScheduled', status: 'False' as const }] } };
    q.update(newPodInfo(pod), newPodInfo(statusOnly));
    expect(q.stats().unschedulable).toBe(1);
    const smaller = { ...pod, spec: { ...pod.spec, containers: [{ name: 'c', resources: { requests: { cpu: '1' } } }] } };
    clock.advance(2000);
    q.update(newPodInfo(statusOnly), newPodInfo(smaller));
    expect(popAll(q)).toEqual(['p']);
  });

  it('forgets deleted pods and their nominations', () => {
    const { q } = queue();
    const pi: PodInfo = newPodInfo(makePod('p'));
    q.add(pi);
    q.nominator.add(pi, 'n1');
    q.delete(pi.key);
    expect(q.pop()).toBeUndefined();
    expect(q.nominator.podsForNode('n1')).toEqual([]);
  });

  it('wakes a waiting scheduler when a pod arrives', async () => {
    const { q } = queue();
    const waiting = q.waitForPod();
    q.add(podInfo('p'));
    expect(await waiting).toBe(true);
    q.close();
    expect(await q.waitForPod()).toBe(false);
  });
});
