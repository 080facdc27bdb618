import { describe, expect, it } from 'vitest';
import { makeNode, podInfo } from '../testing/builders.js';
import { SchedulerCache } from './cache.js';

describe('SchedulerCache', () => {
  it('counts an assumed pod at once and confirms it when the bind shows up', () => {
    const c = new SchedulerCache();
    c.addNode(makeNode('n1'));
    const p = podInfo('p', { requests: { cpu: '1' } });
    c.assumePod(p, 'n1');
    expect(c.get('n1')!.requested.milliCPU).toBe(1000);
    expect(c.isAssumed(p.key)).toBe(true);
    c.addPod(p, 'n1');
    expect(c.isAssumed(p.key)).toBe(false);
    expect(c.get('n1')!.pods.length).toBe(1);
    expect(c.podCounts()).toEqual({ total: 1, assumed: 0 });
  });

  it('forgets an assumed pod whose bind failed', () => {
    const c = new SchedulerCache();
    c.addNode(makeNode('n1'));
    const p = podInfo('p', { requests: { cpu: '1' } });
    c.assumePod(p, 'n1');
    c.forgetPod(p.key);
    expect(c.get('n1')!.requested.milliCPU).toBe(0);
    expect(() => c.assumePod(p, 'n1')).not.toThrow();
    expect(() => c.assumePod(p, 'n1')).toThrow(/already in the scheduler cache/);
  });

  it('moves a pod confirmed on another node than assumed', () => {
    const c = new SchedulerCache();
    c.addNode(makeNode('n1'));
    c.addNode(makeNode('n2'));
    const p = podInfo('p');
    c.assumePod(p, 'n1');
    c.addPod(p, 'n2');
    expect(c.get('n1')!.pods.length).toBe(0);
    expect(c.get('n2')!.pods.length).toBe(1);
  });

  it('keeps pods of a removed node until they go, without listing the node', () => {
    const c = new SchedulerCache();
    c.addNode(makeNode('n1'));
    const p = podInfo('p');
    c.addPod(p, 'n1');
    c.removeNode('n1');
    expect(c.list()).toEqual([]);
    expect(c.get('n1')).toBeUndefined();
    expect(c.size).toBe(0);
    c.removePod(p.key);
    c.addNode(makeNode('n1'));
    expect(c.get('n1')!.pods.length).toBe(0);
  });

  it('interleaves nodes zone by zone', () => {
    const c = new SchedulerCache();
    for (const [n, z] of [['a1', 'a'], ['a2', 'a'], ['a3', 'a'], ['b1', 'b'], ['c1', 'c']]) c.addNode(makeNode(n!, { labels: { 'topology.kubernetes.io/zone': z! } }));
    expect(c.list().map((n) => n.name)).toEqual(['a1', 'b1', 'c1', 'a2', 'a3']);
  });

  it('lists nodes with affinity pods', () => {
    const c = new SchedulerCache();
    c.addNode(makeNode('n1'));
    c.addNode(makeNode('n2'));
    const anti = podInfo('anti', { spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'x', labelSelector: {} }] } } } });
    c.addPod(anti, 'n2');
    expect(c.havePodsWithAffinity().map((n) => n.name)).toEqual(['n2']);
    expect(c.havePodsWithRequiredAntiAffinity().map((n) => n.name)).toEqual(['n2']);
    c.removePod(anti.key);
    expect(c.havePodsWithRequiredAntiAffinity()).toEqual([]);
  });

  it('reports which nodes changed since a generation', () => {
    const c = new SchedulerCache();
    c.addNode(makeNode('n1'));
    c.addNode(makeNode('n2'));
    const g = c.changedSince(-1).generation;
    c.addPod(podInfo('p'), 'n2');
    expect([...c.changedSince(g).names]).toEqual(['n2']);
    c.removeNode('n1');
    const later = c.changedSince(g);
    expect([...later.names].sort()).toEqual(['n1', 'n2']);
    // Compaction keeps the answer right.
    for (let i = 0; i < 5000; i++) c.updateNode(makeNode('n2'));
    expect([...c.changedSince(g).names].sort()).toEqual(['n1', 'n2']);
    expect([...c.changedSince(later.generation).names]).toEqual(['n2']);
  });
});
