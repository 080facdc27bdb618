import { describe, it, expect } from 'vitest';
import type { Node } from '../../api/core/v1/index.js';
import { buildLease, buildNode, checkNodeTemplate, goArch, healthyConditions, maxPodsOf } from './node-object.js';
import { planNodeSlots } from './node-slots.js';

const T = Date.parse('2025-01-01T00:00:00Z');

describe('buildNode', () => {
  it('registers a kubelet-shaped node with the defaults', () => {
    const n = buildNode({ name: 'sim-node-0', podCIDR: '10.42.0.0/24', address: '10.99.0.1' }, undefined, T);
    expect(n.metadata.labels).toMatchObject({
      'kubernetes.io/hostname': 'sim-node-0',
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': goArch(),
      'node.kubernetes.io/instance-type': 'simulated',
    });
    expect(n.spec).toEqual({ podCIDR: '10.42.0.0/24', podCIDRs: ['10.42.0.0/24'] });
    expect(n.status?.capacity).toMatchObject({ cpu: '8', memory: '32Gi', pods: '110', 'ephemeral-storage': '100Gi' });
    expect(n.status?.allocatable).toEqual(n.status?.capacity);
    expect(n.status?.nodeInfo).toMatchObject({ kubeletVersion: 'v1.32.0-gantry', containerRuntimeVersion: 'simulated://1.0', operatingSystem: 'linux' });
    expect(n.status?.addresses).toEqual([{ type: 'InternalIP', address: '10.99.0.1' }, { type: 'Hostname', address: 'sim-node-0' }]);
    expect(n.status?.conditions?.map((c) => `${c.type}=${c.status}/${c.reason}`)).toEqual([
      'MemoryPressure=False/KubeletHasSufficientMemory',
      'DiskPressure=False/KubeletHasNoDiskPressure',
      'PIDPressure=False/KubeletHasSufficientPID',
      'Ready=True/KubeletReady',
    ]);
  });

  it('applies a template: labels, taints, capacity and allocatable', () => {
    const t = checkNodeTemplate({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'ignored', labels: { zone: 'a', 'node.kubernetes.io/instance-type': 'gpu' } },
      spec: { taints: [{ key: 'gpu', effect: 'NoSchedule' }], podCIDR: '1.2.3.0/24' },
      status: { capacity: { cpu: '64', 'nvidia.com/gpu': '8' }, allocatable: { cpu: '63' } },
    });
    const n = buildNode({ name: 'g', podCIDR: '10.42.1.0/24', address: '10.99.0.2' }, t, T);
    expect(n.metadata.labels).toMatchObject({ zone: 'a', 'node.kubernetes.io/instance-type': 'gpu', 'kubernetes.io/hostname': 'g' });
    expect(n.spec?.taints).toEqual([{ key: 'gpu', effect: 'NoSchedule' }]);
    expect(n.spec?.podCIDR).toBe('10.42.1.0/24');
    expect(n.status?.capacity).toMatchObject({ cpu: '64', memory: '32Gi', 'nvidia.com/gpu': '8' });
    expect(n.status?.allocatable).toMatchObject({ cpu: '63', memory: '32Gi', 'nvidia.com/gpu': '8' });
    expect(maxPodsOf(t)).toBe(110);
    expect(maxPodsOf(checkNodeTemplate({ status: { capacity: { pods: '500' } } }))).toBe(500);
  });

  it.each([
    [null, 'not a Node manifest'],
    [[], 'not a Node manifest'],
    [{ kind: 'Pod' }, 'kind is "Pod", expected Node'],
    [{ apiVersion: 'apps/v1' }, 'apiVersion is "apps/v1", expected v1'],
    [{ status: { capacity: { cpu: 8 } } }, 'status.capacity must be a map of strings'],
    [{ metadata: { labels: 'a=b' } }, 'metadata.labels must be a map of strings'],
    [{ spec: { taints: {} } }, 'spec.taints must be a list'],
  ])('rejects template %j', (raw, msg) => {
    expect(() => checkNodeTemplate(raw, 'nodes.yaml')).toThrow(`nodes.yaml: ${msg}`);
  });
});

describe('healthyConditions and buildLease', () => {
  it('keeps transition times of unchanged conditions and flips Unknown back to True', () => {
    const prev = healthyConditions(T);
    prev[3] = { ...prev[3]!, status: 'Unknown', reason: 'NodeStatusUnknown', lastTransitionTime: '2025-01-01T00:00:30Z' };
    const next = healthyConditions(T + 60_000, prev);
    expect(next[0]).toMatchObject({ lastTransitionTime: '2025-01-01T00:00:00Z', lastHeartbeatTime: '2025-01-01T00:01:00Z' });
    expect(next[3]).toMatchObject({ status: 'True', reason: 'KubeletReady', lastTransitionTime: '2025-01-01T00:01:00Z' });
  });

  it('makes a node Lease owned by the Node', () => {
    expect(buildLease({ name: 'n1', uid: 'u' }, { durationSeconds: 40, now: T + 5 })).toEqual({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'n1', namespace: 'kube-node-lease', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'u' }] },
      spec: { holderIdentity: 'n1', leaseDurationSeconds: 40, renewTime: '2025-01-01T00:00:00.005000Z' },
    });
  });
});

describe('planNodeSlots', () => {
  const node = (name: string, podCIDR?: string, ip?: string): Node => ({
    metadata: { name },
    spec: podCIDR ? { podCIDR } : {},
    status: ip ? { addresses: [{ type: 'InternalIP', address: ip }] } : {},
  });

  it('gives node k the k-th /24 and address', () => {
    const plan = planNodeSlots(['a', 'b'], [], { maxPods: 110 });
    expect(plan).toEqual([
      { name: 'a', slot: 0, podCIDR: '10.42.0.0/24', address: '10.99.0.1', exists: false },
      { name: 'b', slot: 1, podCIDR: '10.42.1.0/24', address: '10.99.0.2', exists: false },
    ]);
  });

  it('skips slots other nodes hold and keeps an existing node\'s identity', () => {
    const plan = planNodeSlots(['a', 'b', 'c'], [node('other', '10.42.0.0/24'), node('b', '10.42.5.0/24', '10.99.0.6'), node('real')], { maxPods: 110 });
    expect(plan.map((p) => [p.name, p.podCIDR, p.address, p.exists])).toEqual([
      ['a', '10.42.1.0/24', '10.99.0.2', false],
      ['b', '10.42.5.0/24', '10.99.0.6', true],
      ['c', '10.42.2.0/24', '10.99.0.3', false],
    ]);
  });

  it('moves to a larger default range for many nodes, and refuses a range that is too small', () => {
    const names = Array.from({ length: 5000 }, (_, i) => `n${i}`);
    const plan = planNodeSlots(names, [], { maxPods: 110 });
    expect(plan[4999]).toMatchObject({ podCIDR: '10.147.135.0/24', address: '10.99.19.174' });
    expect(() => planNodeSlots(names, [], { maxPods: 110, podCIDRBase: '10.42.0.0/16' })).toThrow(
      'pod range 10.42.0.0/16 has room for 256 more node subnets of /24, but 5000 simulated nodes need one: pass a larger pod CIDR base',
    );
    expect(() => planNodeSlots(['a'], [], { maxPods: 110, podCIDRBase: '10.42.0.0/28' })).toThrow('smaller than one node subnet');
  });
});
