/**
 * The stock kubectl against `gantry server --simulated-nodes 3`, whose own (leader-elected)
 * scheduler places the pods: describe shows FailedScheduling worded as kube-scheduler does, a
 * node added later gets the pod, and nodeSelector, taints, anti-affinity, topology spread and
 * preemption behave as upstream.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useCluster } from '../e2e/lib/cluster.js';
import { eventually } from './lib/cluster.js';

const NS = 'sched-kubectl';
const ZONE = 'topology.kubernetes.io/zone';
const cluster = useCluster({ namespace: NS, serverArgs: ['--simulated-nodes', '3'] });

function pod(name: string, cpu: string, spec: Record<string, unknown> = {}, labels?: Record<string, string>) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu } } }], ...spec },
  };
}

const nodeOf = (name: string) => eventually(`${name} bound`, async () => (await cluster.jsonpath('{.spec.nodeName}', 'pod', name)) || undefined, 20_000);

async function failedScheduling(name: string): Promise<string> {
  return eventually(
    `FailedScheduling for ${name}`,
    async () => (await cluster.ok(['get', 'events', '--field-selector', `involvedObject.name=${name},reason=FailedScheduling`, '-o', 'jsonpath={.items[0].message}'])) || undefined,
    20_000,
  );
}

beforeAll(async () => {
  await eventually('3 simulated nodes', async () => ((await cluster.ok(['get', 'nodes', '-o', 'name'])).trim().split('\n').filter(Boolean).length === 3 ? true : undefined), 30_000);
  for (const [i, zone] of ['a', 'b', 'c'].entries()) await cluster.ok(['label', 'node', `sim-node-${i}`, `${ZONE}=${zone}`]);
});

describe('scheduling seen through kubectl', () => {
  it('describe shows FailedScheduling for an impossible request, and a new node gets the pod', async () => {
    await cluster.create(pod('huge', '64'));
    const described = await eventually('FailedScheduling in describe', async () => {
      const out = await cluster.ok(['describe', 'pod', 'huge']);
      return out.includes('FailedScheduling') ? out : undefined;
    });
    expect(described).toMatch(
      /Warning\s+FailedScheduling\s+\S+\s+default-scheduler\s+0\/3 nodes are available: 3 Insufficient cpu\. preemption: 0\/3 nodes are available: 3 Preemption is not helpful for scheduling\./,
    );
    expect(described).toMatch(/PodScheduled\s+False/);
    expect(await cluster.jsonpath('{.status.phase}', 'pod', 'huge')).toBe('Pending');

    // A bigger node (not simulated: registered by hand with its status).
    await cluster.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'big-node', labels: { 'kubernetes.io/hostname': 'big-node' } } });
    const res = { cpu: '128', memory: '256Gi', pods: '110' };
    const status = { capacity: res, allocatable: res, conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'ready' }] };
    await cluster.ok(['patch', 'node', 'big-node', '--subresource=status', '--type=merge', '-p', JSON.stringify({ status })]);
    expect(await nodeOf('huge')).toBe('big-node');
    const after = await cluster.ok(['describe', 'pod', 'huge']);
    expect(after).toMatch(/Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned sched-kubectl\/huge to big-node/);
    // (kubectl warns that a node is not namespaced: --namespace is always given here.)
    expect((await cluster.run(['delete', 'node', 'big-node'])).code).toBe(0);
  });

  it('a pod on a simulated node runs', async () => {
    await cluster.create(pod('runner', '100m', { nodeSelector: { [ZONE]: 'b' } }));
    expect(await nodeOf('runner')).toBe('sim-node-1');
    await eventually('Running', async () => ((await cluster.jsonpath('{.status.phase}', 'pod', 'runner')) === 'Running' ? true : undefined), 20_000);
  });

  it('keeps pods off tainted nodes unless they tolerate the taint', async () => {
    await cluster.ok(['taint', 'node', 'sim-node-0', 'dedicated=infra:NoSchedule']);
    await cluster.create(pod('avoid', '100m', { nodeSelector: { [ZONE]: 'a' } }));
    expect(await failedScheduling('avoid')).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: infra}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
    await cluster.create(pod('tolerant', '100m', { nodeSelector: { [ZONE]: 'a' }, tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'infra', effect: 'NoSchedule' }] }));
    expect(await nodeOf('tolerant')).toBe('sim-node-0');
    await cluster.ok(['taint', 'node', 'sim-node-0', 'dedicated=infra:NoSchedule-']);
    expect(await nodeOf('avoid')).toBe('sim-node-0');
  });

  it('spreads pods with anti-affinity and with a topology spread constraint', async () => {
    const anti = { app: 'anti' };
    const affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: ZONE, labelSelector: { matchLabels: anti } }] } };
    for (const n of ['anti-1', 'anti-2', 'anti-3']) await cluster.create(pod(n, '100m', { affinity }, anti));
    expect(new Set(await Promise.all(['anti-1', 'anti-2', 'anti-3'].map(nodeOf))).size).toBe(3);
    await cluster.create(pod('anti-4', '100m', { affinity }, anti));
    expect(await failedScheduling('anti-4')).toBe(
      "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
    );

    const spread = { app: 'spread' };
    const tsc = [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: spread } }];
    const names = ['s-1', 's-2', 's-3', 's-4', 's-5', 's-6'];
    for (const n of names) await cluster.create(pod(n, '100m', { topologySpreadConstraints: tsc }, spread));
    const nodes = await Promise.all(names.map(nodeOf));
    const per = new Map<string, number>();
    for (const n of nodes) per.set(n, (per.get(n) ?? 0) + 1);
    expect([...per.values()]).toEqual([2, 2, 2]);
  });

  it('a high-priority pod preempts a lower-priority one', async () => {
    await cluster.ok(['create', 'priorityclass', 'kubectl-high', '--value=1000']);
    await cluster.create(pod('filler', '7', { nodeSelector: { [ZONE]: 'c' } }));
    expect(await nodeOf('filler')).toBe('sim-node-2');
    await cluster.create(pod('vip', '7', { priorityClassName: 'kubectl-high', nodeSelector: { [ZONE]: 'c' } }));
    expect(await nodeOf('vip')).toBe('sim-node-2');
    await eventually('filler gone', async () => ((await cluster.ok(['get', 'pods', '-o', 'name'])).includes('pod/filler') ? undefined : true), 20_000);
  });
});
