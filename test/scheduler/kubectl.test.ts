/**
 * The stock kubectl against a `gantry server` process, with the scheduler running as an API
 * client beside it (until `gantry server` starts it itself): describe shows FailedScheduling
 * worded as kube-scheduler does, a node added later gets the pod, nodeSelector, taints,
 * anti-affinity and preemption behave as upstream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RestClient } from '../../src/client/index.js';
import { startScheduler, type RunningScheduler } from '../../src/scheduler/index.js';
import { useCluster } from '../e2e/lib/cluster.js';
import { eventually } from './lib/cluster.js';

const NS = 'sched-kubectl';
const cluster = useCluster({ namespace: NS });
let sched: RunningScheduler;
let client: RestClient;

function node(name: string, labels: Record<string, string>) {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } } };
}

async function addNode(name: string, cpu: string, labels: Record<string, string> = {}): Promise<void> {
  await cluster.create(node(name, labels));
  const res = { cpu, memory: '16Gi', pods: '110' };
  const status = { capacity: res, allocatable: res, conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'ready' }] };
  await cluster.ok(['patch', 'node', name, '--subresource=status', '--type=merge', '-p', JSON.stringify({ status })]);
}

function pod(name: string, cpu: string, spec: Record<string, unknown> = {}, labels?: Record<string, string>) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu } } }], ...spec },
  };
}

const nodeOf = (name: string) => eventually(`${name} bound`, async () => (await cluster.jsonpath('{.spec.nodeName}', 'pod', name)) || undefined, 15_000);

beforeAll(async () => {
  for (const [n, zone] of [['kn-a', 'a'], ['kn-b', 'b'], ['kn-c', 'c']]) await addNode(n!, '4', { 'topology.kubernetes.io/zone': zone! });
  client = RestClient.fromKubeconfig(cluster.gantry.kubeconfig, { userAgent: 'scheduler-kubectl-test' });
  sched = startScheduler(client, { log: () => {}, podInitialBackoffSeconds: 0.2, podMaxBackoffSeconds: 1 });
  await sched.ready;
});

afterAll(async () => {
  await sched?.stop();
  client?.close();
});

describe('scheduling seen through kubectl', () => {
  it('describe shows FailedScheduling for an impossible request, and a new node gets the pod', async () => {
    await cluster.create(pod('huge', '64'));
    const described = await eventually('FailedScheduling in describe', async () => {
      const out = await cluster.ok(['describe', 'pod', 'huge']);
      return out.includes('FailedScheduling') ? out : undefined;
    });
    expect(described).toMatch(/Warning\s+FailedScheduling\s+\S+\s+default-scheduler\s+0\/3 nodes are available: 3 Insufficient cpu\. preemption: 0\/3 nodes are available: 3 Preemption is not helpful for scheduling\./);
    expect(described).toMatch(/PodScheduled\s+False/);
    expect(await cluster.jsonpath('{.status.phase}', 'pod', 'huge')).toBe('Pending');

    await addNode('kn-big', '128');
    expect(await nodeOf('huge')).toBe('kn-big');
    const after = await cluster.ok(['describe', 'pod', 'huge']);
    expect(after).toMatch(/Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned sched-kubectl\/huge to kn-big/);
  });

  it('places by nodeSelector and keeps pods off tainted nodes', async () => {
    await cluster.create(pod('sel', '100m', { nodeSelector: { 'topology.kubernetes.io/zone': 'c' } }));
    expect(await nodeOf('sel')).toBe('kn-c');
    await cluster.ok(['taint', 'node', 'kn-a', 'dedicated=infra:NoSchedule']);
    await cluster.create(pod('avoid', '100m', { nodeSelector: { 'topology.kubernetes.io/zone': 'a' } }));
    const msg = await eventually('FailedScheduling', async () => {
      const out = await cluster.ok(['get', 'events', '--field-selector', 'involvedObject.name=avoid,reason=FailedScheduling', '-o', 'jsonpath={.items[0].message}']);
      return out || undefined;
    });
    expect(msg).toBe(
      "0/4 nodes are available: 1 node(s) had untolerated taint {dedicated: infra}, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
    );
    await cluster.ok(['taint', 'node', 'kn-a', 'dedicated=infra:NoSchedule-']);
    expect(await nodeOf('avoid')).toBe('kn-a');
  });

  it('spreads pods with required anti-affinity over zones', async () => {
    const labels = { app: 'spread-me' };
    const affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchLabels: labels } }] } };
    for (const n of ['anti-1', 'anti-2', 'anti-3']) await cluster.create(pod(n, '100m', { affinity }, labels));
    const zones = await Promise.all(['anti-1', 'anti-2', 'anti-3'].map(async (n) => (await nodeOf(n)).slice(-1)));
    expect(new Set(zones).size).toBe(3);
  });

  it('a high-priority pod preempts', async () => {
    await cluster.ok(['create', 'priorityclass', 'kubectl-high', '--value=1000']);
    await cluster.create(pod('filler', '3', { nodeSelector: { 'kubernetes.io/hostname': 'kn-b' } }));
    expect(await nodeOf('filler')).toBe('kn-b');
    await cluster.create(pod('vip', '3', { priorityClassName: 'kubectl-high', nodeSelector: { 'kubernetes.io/hostname': 'kn-b' } }));
    expect(await nodeOf('vip')).toBe('kn-b');
    const left = await cluster.ok(['get', 'pods', '-o', 'name']);
    expect(left).not.toContain('pod/filler');
  });
});
