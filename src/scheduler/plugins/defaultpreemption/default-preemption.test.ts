import { describe, expect, it } from 'vitest';
import type { PodDisruptionBudget } from '../../../api/policy/v1/index.js';
import { Diagnosis } from '../../framework/diagnosis.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { nodeInfo, podInfo } from '../../testing/builders.js';
import { FakeHandle, newState } from '../../testing/fake-handle.js';
import { insufficientResources } from '../noderesources/fit.js';
import { DefaultPreemption, NOT_HELPFUL, pickOneNodeForPreemption } from './default-preemption.js';
import { NO_VICTIMS, moreImportant, selectVictimsOnNode, splitByPDBViolation } from './victims.js';

const cpu = (name: string, c: string, priority: number, extra: Record<string, unknown> = {}) => podInfo(name, { requests: { cpu: c }, priority, ...extra });
/** Filters by resources only, as the plugins' Filter would. */
const fitFilter = (_s: unknown, pod: PodInfo, node: NodeInfo) => (insufficientResources(pod, node).length ? Status.unschedulable('Insufficient cpu') : undefined);

function diagnosisFor(nodes: NodeInfo[], pod: PodInfo): Diagnosis {
  const d = new Diagnosis();
  d.allNodes = nodes;
  for (const n of nodes) {
    const list = insufficientResources(pod, n);
    if (list.length) d.add(n, new Status(list.some((i) => i.unresolvable) ? 'UnschedulableAndUnresolvable' : 'Unschedulable', list.map((i) => i.reason)));
  }
  return d;
}

describe('selectVictimsOnNode', () => {
  it('takes the fewest lowest-priority pods needed, giving back the most important first', () => {
    const node = nodeInfo('n', [cpu('a', '1', 1), cpu('b', '1', 2), cpu('c', '1', 3), cpu('d', '1', 100)]);
    const h = new FakeHandle([node], { filter: fitFilter });
    const r = selectVictimsOnNode(h, newState(), cpu('p', '2', 50), node.clone(), []);
    expect(r.victims?.pods.map((p) => p.name)).toEqual(['b', 'a']);
    expect(r.victims?.numPDBViolations).toBe(0);
  });

  it('reports when no lower-priority pod exists', () => {
    const node = nodeInfo('n', [cpu('a', '4', 100)]);
    const r = selectVictimsOnNode(new FakeHandle([node], { filter: fitFilter }), newState(), cpu('p', '1', 50), node.clone(), []);
    expect(r.status?.reasons).toEqual([NO_VICTIMS]);
  });

  it('prefers to keep pods a PodDisruptionBudget protects', () => {
    const protectedPod = cpu('guarded', '2', 1, { labels: { app: 'db' } });
    const node = nodeInfo('n', [protectedPod, cpu('free', '2', 1)]);
    const pdb: PodDisruptionBudget = { metadata: { name: 'db', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'db' } } }, status: { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1 } };
    const r = selectVictimsOnNode(new FakeHandle([node], { filter: fitFilter }), newState(), cpu('p', '2', 50), node.clone(), [pdb]);
    expect(r.victims?.pods.map((p) => p.name)).toEqual(['free']);
    expect(r.victims?.numPDBViolations).toBe(0);
  });
});

describe('splitByPDBViolation and ordering', () => {
  it('counts a budget down per matching pod', () => {
    const pods = [cpu('a', '1', 1, { labels: { app: 'x' } }), cpu('b', '1', 1, { labels: { app: 'x' } }), cpu('c', '1', 1)];
    const pdb: PodDisruptionBudget = { metadata: { name: 'x', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'x' } } }, status: { disruptionsAllowed: 1, currentHealthy: 2, desiredHealthy: 1, expectedPods: 2 } };
    const [violating, others] = splitByPDBViolation(pods, [pdb]);
    expect(violating.map((p) => p.name)).toEqual(['b']);
    expect(others.map((p) => p.name)).toEqual(['a', 'c']);
  });

  it('orders by priority, then by start time', () => {
    const older = cpu('old', '1', 5, { creationTimestamp: '2024-01-01T00:00:00Z' });
    const newer = cpu('new', '1', 5, { creationTimestamp: '2024-06-01T00:00:00Z' });
    const top = cpu('top', '1', 9);
    expect([newer, top, older].sort(moreImportant).map((p) => p.name)).toEqual(['top', 'old', 'new']);
  });

  it('picks the node that hurts least', () => {
    const v = (node: string, pods: PodInfo[], pdb = 0) => ({ node: nodeInfo(node), victims: { pods, numPDBViolations: pdb } });
    const pick = (cs: ReturnType<typeof v>[]) => pickOneNodeForPreemption(cs).node.name;
    expect(pick([v('pdb', [cpu('a', '1', 1)], 1), v('ok', [cpu('b', '1', 5)])])).toBe('ok');
    expect(pick([v('high', [cpu('a', '1', 9)]), v('low', [cpu('b', '1', 3), cpu('c', '1', 3)])])).toBe('low');
    expect(pick([v('two', [cpu('a', '1', 3), cpu('b', '1', 1)]), v('one', [cpu('c', '1', 3)])])).toBe('one');
  });
});

describe('DefaultPreemption', () => {
  it('nominates the best node and deletes its victims', async () => {
    const nodes = [nodeInfo('n1', [cpu('a', '3', 1), cpu('b', '1', 1)]), nodeInfo('n2', [cpu('c', '2', 1), cpu('d', '2', 1)])];
    const h = new FakeHandle(nodes, { filter: fitFilter });
    const pl = new DefaultPreemption(h);
    const pod = cpu('p', '3', 10);
    const r = pl.postFilter(newState(), pod, diagnosisFor(nodes, pod));
    expect(r.status.isSuccess()).toBe(true);
    expect(r.result?.nominatedNodeName).toBe('n1');
    await Promise.resolve();
    expect(h.api.calls.preempted).toEqual([{ victim: 'a', preemptor: 'p', node: 'n1' }]);
  });

  it('explains why preemption cannot help', () => {
    const nodes = [nodeInfo('n1', [cpu('a', '1', 100)]), nodeInfo('n2')];
    const pod = cpu('p', '8', 10);
    const r = new DefaultPreemption(new FakeHandle(nodes, { filter: fitFilter })).postFilter(newState(), pod, diagnosisFor(nodes, pod));
    expect(r.status.message()).toBe(`preemption: 0/2 nodes are available: 2 ${NOT_HELPFUL}.`);
    expect(r.result?.nominatedNodeName).toBe('');
  });

  it('reports nodes whose pods all outrank the preemptor', () => {
    const nodes = [nodeInfo('n1', [cpu('a', '4', 100)])];
    const pod = cpu('p', '1', 10);
    const r = new DefaultPreemption(new FakeHandle(nodes, { filter: fitFilter })).postFilter(newState(), pod, diagnosisFor(nodes, pod));
    expect(r.status.message()).toBe(`preemption: 0/1 nodes are available: 1 ${NO_VICTIMS}.`);
  });

  it('does not preempt with preemptionPolicy Never', () => {
    const nodes = [nodeInfo('n1', [cpu('a', '4', 1)])];
    const pod = cpu('p', '1', 10, { spec: { preemptionPolicy: 'Never', containers: [{ name: 'c', resources: { requests: { cpu: '1' } } }] } });
    const r = new DefaultPreemption(new FakeHandle(nodes, { filter: fitFilter })).postFilter(newState(), pod, diagnosisFor(nodes, pod));
    expect(r.status.message()).toBe('preemption: not eligible due to preemptionPolicy=Never.');
  });
});
