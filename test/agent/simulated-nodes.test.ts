/** Simulated nodes against an in-process API server: registration, heartbeats, node loss, pod lifecycles. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startSimulatedNodes, type SimulatedNodes } from '../../src/agent/index.js';
import { lease as leaseKind, type Lease } from '../../src/api/coordination/v1/index.js';
import { event as eventKind, node as nodeKind, type Event, type Node, type Pod } from '../../src/api/core/v1/index.js';
import { waitFor } from '../support/index.js';
import { startCluster, type TestCluster } from './harness.js';

describe('simulated nodes', () => {
  let c: TestCluster;
  let sim: SimulatedNodes;
  const logs: string[] = [];

  beforeAll(async () => {
    c = await startCluster();
    sim = startSimulatedNodes(c.config, {
      count: 3,
      heartbeatSeconds: 0.2,
      template: { metadata: { labels: { 'topology.kubernetes.io/zone': 'z1' } }, status: { capacity: { cpu: '4' } } },
      log: (l) => logs.push(l),
    });
    await sim.ready;
  });
  afterAll(async () => {
    await sim?.stop();
    await c?.dispose();
  });

  const leaseOf = (name: string): Promise<Lease> => c.client.resource<Lease>(leaseKind).get('kube-node-lease', name);
  const eventsOf = async (pod: string): Promise<Event[]> =>
    (await c.client.resource<Event>(eventKind).list('default', { fieldSelector: `involvedObject.name=${pod}` })).items;
  const phaseOf = async (name: string): Promise<string | undefined> => (await c.getPod(name))?.status?.phase;

  it('registers Nodes as a kubelet does', async () => {
    expect(sim.nodes).toEqual(['sim-node-0', 'sim-node-1', 'sim-node-2']);
    const nodes = (await c.client.resource<Node>(nodeKind).list(undefined)).items;
    expect(nodes.map((n) => n.metadata.name).sort()).toEqual(sim.nodes);
    const n = nodes.find((x) => x.metadata.name === 'sim-node-1')!;
    expect(n.metadata.labels).toMatchObject({ 'kubernetes.io/hostname': 'sim-node-1', 'kubernetes.io/os': 'linux', 'node.kubernetes.io/instance-type': 'simulated', 'topology.kubernetes.io/zone': 'z1' });
    expect(n.status?.capacity).toMatchObject({ cpu: '4', memory: '32Gi', pods: '110' });
    expect(n.status?.nodeInfo).toMatchObject({ kubeletVersion: 'v1.32.0-gantry', containerRuntimeVersion: 'simulated://1.0' });
    expect(n.status?.conditions?.find((x) => x.type === 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady' });
    expect(n.spec?.podCIDR).toMatch(/^10\.42\.\d+\.0\/24$/);
    expect(n.status?.addresses?.[0]).toMatchObject({ type: 'InternalIP', address: expect.stringMatching(/^10\.99\./) });
    const podCIDRs = new Set(nodes.map((x) => x.spec?.podCIDR));
    expect(podCIDRs.size).toBe(3);
  });

  it('keeps each node\'s Lease renewed; a lost node stops renewing until restored', async () => {
    const first = await leaseOf('sim-node-2');
    expect(first.spec).toMatchObject({ holderIdentity: 'sim-node-2', leaseDurationSeconds: 40 });
    expect(first.spec?.renewTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(first.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Node', name: 'sim-node-2' });
    await waitFor(async () => (await leaseOf('sim-node-2')).spec?.renewTime !== first.spec?.renewTime, { timeoutMs: 3000, description: 'a lease renewal' });

    sim.lose('sim-node-2');
    // A renewal already in flight may still land; then the Lease must stay as it is.
    const renewTime = async (): Promise<string | undefined> => (await leaseOf('sim-node-2')).spec?.renewTime;
    const frozen = await waitFor(async () => {
      const a = await renewTime();
      await new Promise((r) => setTimeout(r, 500));
      return a === (await renewTime()) && a;
    }, { timeoutMs: 5000, description: 'renewals to stop' });
    await new Promise((r) => setTimeout(r, 700));
    expect(await renewTime()).toBe(frozen);
    expect(sim.stats().lostNodes).toBe(1);

    sim.restore('sim-node-2');
    await waitFor(async () => (await leaseOf('sim-node-2')).spec?.renewTime !== frozen, { timeoutMs: 3000, description: 'renewals after restore' });
    expect(() => sim.lose('nope')).toThrow('unknown simulated node "nope"');
  });

  it('runs a bound pod: Running and Ready with a pod IP from the node\'s CIDR', async () => {
    await c.createPod('web', 'sim-node-0', { spec: { containers: [{ name: 'app', image: 'nginx:1.27' }, { name: 'sidecar', image: 'busybox' }] } });
    const pod = await waitFor(async () => {
      const p = await c.getPod('web');
      return p?.status?.conditions?.find((x) => x.type === 'Ready')?.status === 'True' && p;
    }, { timeoutMs: 5000, description: 'pod web Ready' });
    const st = pod.status!;
    expect(st.phase).toBe('Running');
    expect(st.conditions?.map((x) => `${x.type}=${x.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    const node = await c.client.resource<Node>(nodeKind).get(undefined, 'sim-node-0');
    expect(st.hostIP).toBe(node.status?.addresses?.[0]?.address);
    expect(st.hostIPs).toEqual([{ ip: st.hostIP }]);
    expect(st.podIP?.startsWith(node.spec!.podCIDR!.replace(/0\/24$/, ''))).toBe(true);
    expect(st.podIPs).toEqual([{ ip: st.podIP }]);
    expect(st.startTime).toBeDefined();
    expect(st.qosClass).toBe('BestEffort');
    expect(st.containerStatuses?.map((s) => s.name)).toEqual(['app', 'sidecar']);
    expect(st.containerStatuses?.[0]).toMatchObject({
      ready: true,
      started: true,
      restartCount: 0,
      image: 'docker.io/library/nginx:1.27',
      imageID: expect.stringMatching(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/),
      containerID: expect.stringMatching(/^simulated:\/\/[0-9a-f]{64}$/),
      state: { running: { startedAt: expect.any(String) } },
    });
  });

  it('runs a pod the scheduler binds later through pods/binding', async () => {
    const pods = c.client.resource<Pod>({ group: '', version: 'v1', plural: 'pods', namespaced: true, kind: 'Pod' });
    await pods.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bound-later', namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } as Pod);
    await new Promise((r) => setTimeout(r, 200));
    expect((await c.getPod('bound-later'))?.status?.phase).toBe('Pending');
    await pods.createSubresource('default', 'bound-later', {
      subresource: 'binding',
      body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'bound-later' }, target: { apiVersion: 'v1', kind: 'Node', name: 'sim-node-2' } },
    });
    const p = await waitFor(async () => {
      const x = await c.getPod('bound-later');
      return x?.status?.phase === 'Running' && x;
    }, { timeoutMs: 5000, description: 'the bound pod to run' });
    expect(p.status?.conditions?.find((x) => x.type === 'PodScheduled')?.status).toBe('True');
  });

  it('completes a job-like pod after simulate-duration: Succeeded, or Failed with the exit code', async () => {
    await c.createPod('job-ok', 'sim-node-1', { annotations: { 'gantry.dev/simulate-duration': '300ms' }, spec: { restartPolicy: 'Never' } });
    await c.createPod('job-bad', 'sim-node-1', { annotations: { 'gantry.dev/simulate-duration': '300ms', 'gantry.dev/simulate-exit-code': '3' }, spec: { restartPolicy: 'Never' } });
    await waitFor(async () => (await phaseOf('job-ok')) === 'Succeeded', { timeoutMs: 5000, description: 'job-ok Succeeded' });
    await waitFor(async () => (await phaseOf('job-bad')) === 'Failed', { timeoutMs: 5000, description: 'job-bad Failed' });
    const ok = (await c.getPod('job-ok'))!;
    expect(ok.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(ok.status?.conditions?.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    const bad = (await c.getPod('job-bad'))!;
    expect(bad.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
  });

  it('crash-loops a pod with simulate-crash-after: restarts counted, CrashLoopBackOff', async () => {
    await c.createPod('crashy', 'sim-node-1', { annotations: { 'gantry.dev/simulate-crash-after': '100ms', 'gantry.dev/simulate-backoff-base': '200ms' } });
    const seen = new Set<string>();
    const pod = await waitFor(async () => {
      const p = await c.getPod('crashy');
      const cs = p?.status?.containerStatuses?.[0];
      if (cs?.state?.waiting?.reason) seen.add(cs.state.waiting.reason);
      return (cs?.restartCount ?? 0) >= 3 && seen.has('CrashLoopBackOff') && p;
    }, { timeoutMs: 8000, intervalMs: 50, description: 'three restarts and a CrashLoopBackOff' });
    const cs = pod.status!.containerStatuses![0]!;
    expect(cs.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(pod.status?.phase).toBe('Running');
    const ev = await waitFor(async () => (await eventsOf('crashy')).find((e) => e.reason === 'BackOff'), { timeoutMs: 5000, description: 'a BackOff event' });
    expect(ev).toMatchObject({
      type: 'Warning',
      message: `Back-off restarting failed container app in pod crashy_default(${pod.metadata.uid})`,
      source: { component: 'kubelet', host: 'sim-node-1' },
      involvedObject: { kind: 'Pod', name: 'crashy', namespace: 'default', uid: pod.metadata.uid },
    });
  });

  it('terminates a deleted pod gracefully and removes it with a final delete', async () => {
    await c.createPod('doomed', 'sim-node-2');
    await waitFor(async () => (await phaseOf('doomed')) === 'Running', { timeoutMs: 5000 });
    const pods = c.client.resource<Pod>({ group: '', version: 'v1', plural: 'pods', namespaced: true, kind: 'Pod' });
    const seen: string[] = [];
    const ac = new AbortController();
    const watching = (async () => {
      for await (const ev of pods.watch('default', { fieldSelector: 'metadata.name=doomed', signal: ac.signal })) {
        const p = ev.object;
        seen.push(`${ev.type}:${p.metadata.deletionTimestamp ? 'deleting' : 'live'}:${p.status?.phase}`);
        if (ev.type === 'DELETED') break;
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    const res = (await pods.delete('default', 'doomed')) as Pod;
    expect(res.metadata.deletionTimestamp).toBeDefined();
    await waitFor(async () => (await c.getPod('doomed')) === undefined, { timeoutMs: 5000, description: 'the pod to be removed' });
    ac.abort();
    await watching.catch(() => undefined);
    expect(seen).toContain('MODIFIED:deleting:Succeeded');
    expect(seen[seen.length - 1]).toBe('DELETED:deleting:Succeeded');
    const killing = await waitFor(async () => (await eventsOf('doomed')).find((e) => e.reason === 'Killing'), { timeoutMs: 5000, description: 'a Killing event' });
    expect(killing).toMatchObject({ type: 'Normal', message: 'Stopping container app' });
  });

  it('runs init containers first', async () => {
    await c.createPod('inits', 'sim-node-0', {
      annotations: { 'gantry.dev/simulate-init-duration': '300ms' },
      spec: { initContainers: [{ name: 'setup', image: 'busybox' }] },
    });
    const early = await waitFor(async () => {
      const p = await c.getPod('inits');
      return p?.status?.initContainerStatuses?.[0]?.state?.running && p;
    }, { timeoutMs: 5000, intervalMs: 50 });
    expect(early.status?.phase).toBe('Pending');
    expect(early.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('PodInitializing');
    const done = await waitFor(async () => {
      const p = await c.getPod('inits');
      return p?.status?.phase === 'Running' && p;
    }, { timeoutMs: 5000 });
    expect(done.status?.initContainerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  it('holds readiness back with simulate-not-ready and reports bad annotations on the container', async () => {
    await c.createPod('unready', 'sim-node-0', { annotations: { 'gantry.dev/simulate-not-ready': 'true' } });
    await c.createPod('typo', 'sim-node-0', { annotations: { 'gantry.dev/simulate-duration': 'forever' } });
    const unready = await waitFor(async () => {
      const p = await c.getPod('unready');
      return p?.status?.phase === 'Running' && p;
    }, { timeoutMs: 5000 });
    expect(unready.status?.conditions?.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
    const typo = await waitFor(async () => {
      const p = await c.getPod('typo');
      return p?.status?.containerStatuses?.[0]?.state?.waiting && p;
    }, { timeoutMs: 5000 });
    expect(typo.status?.containerStatuses?.[0]?.state?.waiting).toEqual({
      reason: 'CreateContainerConfigError',
      message: 'annotation gantry.dev/simulate-duration: invalid duration "forever": expected a number and a unit (ms, s, m, h)',
    });
  });

  it('rejects a pod that does not fit the node, as the kubelet\'s admission', async () => {
    await c.createPod('too-big', 'sim-node-0', { spec: { containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '5' } } }] } });
    const p = await waitFor(async () => {
      const x = await c.getPod('too-big');
      return x?.status?.phase === 'Failed' && x;
    }, { timeoutMs: 5000, description: 'the pod to be rejected' });
    expect(p.status).toMatchObject({ reason: 'OutOfcpu', message: "Pod was rejected: Node didn't have enough resource: cpu, requested: 5000, used: 0, capacity: 4000" });
    expect(p.status?.podIP).toBeUndefined();
    const ev = await waitFor(async () => (await eventsOf('too-big')).find((e) => e.reason === 'OutOfcpu'), { timeoutMs: 5000 });
    expect(ev).toMatchObject({ type: 'Warning', message: "Node didn't have enough resource: cpu, requested: 5000, used: 0, capacity: 4000" });
  });

  it('logged nothing unexpected', () => {
    expect(logs).toEqual([]);
  });
});
