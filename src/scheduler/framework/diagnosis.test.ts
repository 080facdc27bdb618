import { describe, expect, it } from 'vitest';
import { nodeInfo } from '../testing/builders.js';
import { Diagnosis, fitErrorMessage } from './diagnosis.js';
import { Status } from './status.js';

describe('fitErrorMessage', () => {
  it('counts reasons per node and sorts them as strings, as kube-scheduler does', () => {
    const d = new Diagnosis();
    const taint = Status.unresolvable('node(s) had untolerated taint {k: v}');
    for (let i = 0; i < 10; i++) d.add(nodeInfo(`t${i}`), taint);
    for (let i = 0; i < 4990; i++) d.add(nodeInfo(`c${i}`), Status.unschedulable('Insufficient cpu'));
    d.postFilterMsg = 'preemption: 0/5000 nodes are available: 5000 Preemption is not helpful for scheduling.';
    expect(fitErrorMessage(5000, d)).toBe(
      '0/5000 nodes are available: 10 node(s) had untolerated taint {k: v}, 4990 Insufficient cpu. preemption: 0/5000 nodes are available: 5000 Preemption is not helpful for scheduling.',
    );
  });

  it('lists every reason of a node', () => {
    const d = new Diagnosis();
    d.add(nodeInfo('a'), Status.unschedulable('Insufficient cpu', 'Insufficient memory'));
    d.add(nodeInfo('b'), Status.unschedulable('Insufficient memory'));
    expect(fitErrorMessage(2, d)).toBe('0/2 nodes are available: 1 Insufficient cpu, 2 Insufficient memory.');
  });

  it('uses the PreFilter message alone when PreFilter rejected the pod', () => {
    const d = new Diagnosis();
    d.preFilterMsg = 'pod affinity terms conflict';
    d.absentStatus = Status.unresolvable('pod affinity terms conflict');
    expect(fitErrorMessage(3, d)).toBe('0/3 nodes are available: pod affinity terms conflict.');
  });

  it('counts nodes without a status with the absent status', () => {
    const d = new Diagnosis();
    const nodes = [nodeInfo('a'), nodeInfo('b'), nodeInfo('c')];
    d.allNodes = nodes;
    d.absentStatus = Status.unresolvable('Preemption is not helpful for scheduling');
    d.add(nodes[0]!, Status.unschedulable('Insufficient cpu'));
    expect(fitErrorMessage(3, d)).toBe('0/3 nodes are available: 1 Insufficient cpu, 2 Preemption is not helpful for scheduling.');
    expect(d.nodesWithCode('UnschedulableAndUnresolvable').map((n) => n.name)).toEqual(['b', 'c']);
  });
});
