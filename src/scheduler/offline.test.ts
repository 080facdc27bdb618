/** The whole loop (queue, cache, profiles, failure reporting, preemption) without an API server. */
import { describe, expect, it } from 'vitest';
import { makeNode, makePod } from './testing/builders.js';
import { OfflineScheduler } from './offline.js';

const cpuPod = (name: string, cpu: string, extra: Parameters<typeof makePod>[1] = {}) => makePod(name, { requests: { cpu }, ...extra });

describe('OfflineScheduler', () => {
  it('places pods, spreading them by LeastAllocated', async () => {
    const s = new OfflineScheduler();
    for (const n of ['n1', 'n2', 'n3']) s.addNode(makeNode(n));
    for (let i = 0; i < 6; i++) s.addPod(cpuPod(`p${i}`, '1'));
    await s.runUntilIdle();
    const perNode = new Map<string, number>();
    for (const p of s.pods.values()) perNode.set(p.spec.nodeName!, (perNode.get(p.spec.nodeName!) ?? 0) + 1);
    expect([...perNode.values()]).toEqual([2, 2, 2]);
    expect(s.events.filter((e) => e.reason === 'Scheduled')).toHaveLength(6);
  });

  it('reports an unschedulable pod once, with the condition, and schedules it when a node arrives', async () => {
    const s = new OfflineScheduler();
    s.addNode(makeNode('n1'));
    s.addPod(cpuPod('big', '16'));
    await s.runUntilIdle();
    const pod = s.pods.get('default/big')!;
    expect(pod.spec.nodeName).toBeUndefined();
    const cond = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable' });
    expect(cond?.message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
    expect(s.events.filter((e) => e.reason === 'FailedScheduling').map((e) => e.message)).toEqual([cond?.message]);
    s.addNode(makeNode('n2', { allocatable: { cpu: '32', memory: '64Gi', pods: '110' } }));
    await new Promise((r) => setTimeout(r, 1100));
    await s.runUntilIdle();
    expect(s.pods.get('default/big')!.spec.nodeName).toBe('n2');
  });

  it('preempts lower-priority pods, nominates the node, then binds there', async () => {
    const s = new OfflineScheduler();
    s.addNode(makeNode('n1', { allocatable: { cpu: '2', memory: '8Gi', pods: '110' } }));
    s.addPod(cpuPod('low', '2', { priority: 1 }));
    await s.runUntilIdle();
    s.addPod(cpuPod('high', '2', { priority: 100 }));
    await s.runUntilIdle();
    expect(s.pods.has('default/low')).toBe(false);
    expect(s.pods.get('default/high')!.spec.nodeName).toBe('n1');
  });

  it('keeps room for a nominated pod from lower-priority pods', async () => {
    const s = new OfflineScheduler();
    s.addNode(makeNode('n1', { allocatable: { cpu: '2', memory: '8Gi', pods: '110' } }));
    s.addPod(cpuPod('low', '2', { priority: 1 }));
    await s.runUntilIdle();
    // The victim is slow to go: the preemptor is nominated, and a small pod must not take its place.
    const victim = s.pods.get('default/low')!;
    s.addPod(cpuPod('high', '2', { priority: 100 }));
    const q = s.scheduler.queue;
    const high = q.pop()!;
    s.scheduler.scheduleOne(high, new AbortController().signal);
    expect(q.nominator.nodeFor(high.podInfo.key)).toBe('n1');
    expect(victim).toBeDefined();
    s.addPod(cpuPod('sneaky', '1', { priority: 1 }));
    await s.runUntilIdle();
    // Without the nomination the small pod would have taken the room, and been preempted later.
    expect(s.pods.get('default/sneaky')).toBeDefined();
    expect(s.pods.get('default/sneaky')!.spec.nodeName).toBeUndefined();
    expect(s.pods.get('default/high')!.spec.nodeName).toBe('n1');
    expect(s.events.find((e) => e.pod === 'default/sneaky')?.message).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\./);
  });

  it('uses the profile a pod names and ignores pods of other schedulers', async () => {
    const s = new OfflineScheduler({
      profiles: [
        { schedulerName: 'default-scheduler' },
        { schedulerName: 'packer', pluginConfig: { NodeResourcesFit: { scoringStrategy: { type: 'MostAllocated' } } }, disabled: ['NodeResourcesBalancedAllocation'] },
      ],
    });
    s.addNode(makeNode('n1'));
    s.addNode(makeNode('n2'));
    s.addPod(cpuPod('first', '1', { spec: { schedulerName: 'packer', containers: [{ name: 'c', resources: { requests: { cpu: '1' } } }] } }));
    await s.runUntilIdle();
    const first = s.pods.get('default/first')!.spec.nodeName;
    s.addPod(cpuPod('second', '1', { spec: { schedulerName: 'packer', containers: [{ name: 'c', resources: { requests: { cpu: '1' } } }] } }));
    s.addPod(cpuPod('stranger', '1', { spec: { schedulerName: 'nobody', containers: [{ name: 'c' }] } }));
    await s.runUntilIdle();
    expect(s.pods.get('default/second')!.spec.nodeName).toBe(first);
    expect(s.pods.get('default/stranger')!.spec.nodeName).toBeUndefined();
  });

  it('rejects bad profiles with a clear error', () => {
    expect(() => new OfflineScheduler({ profiles: [] })).toThrow(/at least one profile/);
    expect(() => new OfflineScheduler({ profiles: [{ schedulerName: 'a' }, { schedulerName: 'a' }] })).toThrow(/duplicate profile/);
    expect(() => new OfflineScheduler({ profiles: [{ schedulerName: 'a', enabled: [{ name: 'NoSuchPlugin' }] }] })).toThrow(/unknown plugin "NoSuchPlugin"/);
    expect(() => new OfflineScheduler({ profiles: [{ schedulerName: 'a', disabled: ['DefaultBinder'] }] })).toThrow(/bind plugin/);
  });
});
