import { describe, it, expect } from 'vitest';
import type { Pod, PodSpec, PodStatus } from '../../api/core/v1/index.js';
import { buildPodStatus } from '../status/pod-status.js';
import { parsePodScript } from './annotations.js';
import { SimPod } from './sim-pod.js';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const s = (sec: number): number => T0 + sec * 1000;

function makePod(annotations: Record<string, string>, spec: Partial<PodSpec> = {}): Pod {
  return {
    metadata: { name: 'p', namespace: 'ns', uid: 'u1', annotations },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec } as PodSpec,
    status: { phase: 'Pending', qosClass: 'BestEffort', conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2025-01-01T00:00:00Z' }] },
  };
}

/** A simulated pod with sequential container IDs, its sandbox up. */
function sim(pod: Pod): SimPod {
  let n = 0;
  const p = new SimPod(pod, parsePodScript(pod), { acceptedAt: T0, newId: () => `simulated://c${++n}` });
  p.sandboxReady = true;
  return p;
}

/** The status at `now`, after advancing; the pod object carries it forward like the API would. */
function statusAt(pod: Pod, p: SimPod, now: number): PodStatus {
  p.advance(now);
  const st = buildPodStatus(pod, { ...p.records(now), hostIP: '10.99.0.1', podIP: '10.42.0.2', startTime: p.acceptedAt, terminal: p.terminal, finished: p.finished, sandboxReady: !p.finished, failure: p.failure, now });
  pod.status = st;
  return st;
}

function cond(st: PodStatus, type: string): string {
  const c = st.conditions?.find((x) => x.type === type);
  return c ? `${c.status}${c.reason ? `/${c.reason}` : ''}` : 'missing';
}

describe('SimPod: a plain pod', () => {
  it('runs every container at once, ready, with the kubelet status shape', () => {
    const pod = makePod({}, { containers: [{ name: 'web', image: 'nginx:1.27' }, { name: 'a-log', image: 'busybox' }] });
    const p = sim(pod);
    expect(p.advance(T0)).toBeUndefined();
    const st = statusAt(pod, p, s(0));
    expect(st.phase).toBe('Running');
    expect(st.conditions?.map((c) => c.type)).toEqual(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);
    expect(st.conditions?.every((c) => c.status === 'True')).toBe(true);
    expect(st.containerStatuses?.map((c) => c.name)).toEqual(['a-log', 'web']);
    expect(st.containerStatuses?.[1]).toEqual({
      name: 'web',
      state: { running: { startedAt: '2025-01-01T00:00:00Z' } },
      lastState: {},
      ready: true,
      restartCount: 0,
      image: 'docker.io/library/nginx:1.27',
      imageID: expect.stringMatching(/^docker\.io\/library\/nginx@sha256:/),
      started: true,
      containerID: expect.stringMatching(/^simulated:\/\/c\d$/),
    });
    expect(st).toMatchObject({ hostIP: '10.99.0.1', hostIPs: [{ ip: '10.99.0.1' }], podIP: '10.42.0.2', podIPs: [{ ip: '10.42.0.2' }], startTime: '2025-01-01T00:00:00Z', qosClass: 'BestEffort' });
  });

  it('waits for the sandbox and the start delay', () => {
    const pod = makePod({ 'gantry.dev/simulate-start-delay': '3s' });
    const p = sim(pod);
    p.sandboxReady = false;
    expect(p.advance(s(1))).toBeUndefined();
    expect(statusAt(pod, p, s(1)).containerStatuses?.[0]?.state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    p.sandboxReady = true;
    expect(p.advance(s(1))).toBe(s(3));
    expect(statusAt(pod, p, s(3)).phase).toBe('Running');
  });

  it('delays readiness and can fail it for good', () => {
    const pod = makePod({ 'gantry.dev/simulate-ready-after': '5s' }, { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'x' }] });
    pod.metadata.annotations!['gantry.dev/simulate-not-ready.b'] = 'true';
    const p = sim(pod);
    expect(p.advance(s(0))).toBe(s(5));
    let st = statusAt(pod, p, s(0));
    expect(cond(st, 'Ready')).toBe('False/ContainersNotReady');
    expect(st.conditions?.find((c) => c.type === 'Ready')?.message).toBe('containers with unready status: [a b]');
    st = statusAt(pod, p, s(5));
    expect(st.conditions?.find((c) => c.type === 'Ready')?.message).toBe('containers with unready status: [b]');
    expect(st.containerStatuses?.map((c) => c.ready)).toEqual([true, false]);
    expect(st.phase).toBe('Running');
  });
});

describe('SimPod: jobs (simulate-duration)', () => {
  it('succeeds after the duration with restartPolicy Never or OnFailure', () => {
    for (const restartPolicy of ['Never', 'OnFailure'] as const) {
      const pod = makePod({ 'gantry.dev/simulate-duration': '2s' }, { restartPolicy });
      const p = sim(pod);
      expect(p.advance(s(0))).toBe(s(2));
      expect(statusAt(pod, p, s(1)).phase).toBe('Running');
      const st = statusAt(pod, p, s(2));
      expect(p.finished).toBe(true);
      expect(st.phase).toBe('Succeeded');
      expect(st.containerStatuses?.[0]?.state?.terminated).toEqual({
        exitCode: 0,
        reason: 'Completed',
        startedAt: '2025-01-01T00:00:00Z',
        finishedAt: '2025-01-01T00:00:02Z',
        containerID: 'simulated://c1',
      });
      expect([cond(st, 'Initialized'), cond(st, 'Ready'), cond(st, 'ContainersReady')]).toEqual(['True/PodCompleted', 'False/PodCompleted', 'False/PodCompleted']);
      expect(p.advance(s(100))).toBeUndefined();
    }
  });

  it('fails with the exit code under Never and retries under OnFailure', () => {
    const never = makePod({ 'gantry.dev/simulate-duration': '1s', 'gantry.dev/simulate-exit-code': '3' }, { restartPolicy: 'Never' });
    const p1 = sim(never);
    const st = statusAt(never, p1, s(1));
    expect(st.phase).toBe('Failed');
    expect(st.containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(cond(st, 'Ready')).toBe('False/PodFailed');

    const onFailure = makePod({ 'gantry.dev/simulate-duration': '1s', 'gantry.dev/simulate-exit-code': '3' }, { restartPolicy: 'OnFailure' });
    const p2 = sim(onFailure);
    const st2 = statusAt(onFailure, p2, s(1));
    expect(st2.phase).toBe('Running');
    expect(st2.containerStatuses?.[0]).toMatchObject({ restartCount: 1, state: { running: { startedAt: '2025-01-01T00:00:01Z' } }, lastState: { terminated: { exitCode: 3 } } });
  });
});

describe('SimPod: crash loops', () => {
  it('restarts at once, then backs off 10s, 20s, 40s ... capped at 5m, as the kubelet', () => {
    const pod = makePod({ 'gantry.dev/simulate-crash-after': '1s' });
    const p = sim(pod);
    const st1 = statusAt(pod, p, s(1));
    expect(st1.containerStatuses?.[0]).toMatchObject({ restartCount: 1, state: { running: {} }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } });
    const st2 = statusAt(pod, p, s(2));
    expect(st2.containerStatuses?.[0]?.state?.waiting).toEqual({ reason: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container=app pod=p_ns(u1)' });
    expect(st2.containerStatuses?.[0]).toMatchObject({ restartCount: 1, ready: false, started: false, lastState: { terminated: { exitCode: 1, finishedAt: '2025-01-01T00:00:02Z' } } });
    expect(st2.phase).toBe('Running');
    expect(cond(st2, 'Ready')).toBe('False/ContainersNotReady');
    // Restart times: crash at 2 → start at 12; crash 13 → 33; crash 34 → 74; ...
    const starts: number[] = [];
    let at = s(2);
    for (let i = 0; i < 12; i++) {
      const next = p.advance(at)!;
      at = next;
      p.advance(at);
      const cur = p.records(at).regular[0]!.current!;
      if (cur.finishedAt === undefined && cur.startedAt === at) starts.push((at - T0) / 1000);
    }
    expect(starts.slice(0, 6)).toEqual([12, 33, 74, 155, 316, 617]);
    const delays = starts.slice(1).map((v, i) => v - starts[i]! - 1);
    expect(delays).toEqual([20, 40, 80, 160, 300].slice(0, delays.length));
  });

  it('honours simulate-backoff-base and resets after a long run', () => {
    const pod = makePod({ 'gantry.dev/simulate-crash-after': '1s', 'gantry.dev/simulate-backoff-base': '100ms' });
    const p = sim(pod);
    statusAt(pod, p, s(2));
    expect(pod.status?.containerStatuses?.[0]?.state?.waiting?.message).toBe('back-off 100ms restarting failed container=app pod=p_ns(u1)');
    expect(p.advance(s(2))).toBe(s(2.1));

    // A run longer than twice the cap (2 × 5m) resets the back-off: the restart is immediate.
    const long = makePod({ 'gantry.dev/simulate-crash-after': '11m' });
    const q = sim(long);
    const st = statusAt(long, q, s(1320));
    expect(st.containerStatuses?.[0]).toMatchObject({ restartCount: 2, state: { running: { startedAt: '2025-01-01T00:22:00Z' } } });
  });

  it('restarts containers that exit 0 under restartPolicy Always', () => {
    const pod = makePod({ 'gantry.dev/simulate-duration': '1s' });
    const p = sim(pod);
    const st = statusAt(pod, p, s(2));
    expect(st.phase).toBe('Running');
    expect(st.containerStatuses?.[0]?.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(st.containerStatuses?.[0]?.lastState?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });
});

describe('SimPod: init containers and sidecars', () => {
  it('runs init containers one by one before the regular containers', () => {
    const pod = makePod({ 'gantry.dev/simulate-init-duration': '1s' }, { initContainers: [{ name: 'i1', image: 'x' }, { name: 'i2', image: 'x' }] });
    const p = sim(pod);
    let st = statusAt(pod, p, s(0.5));
    expect(st.phase).toBe('Pending');
    expect(st.initContainerStatuses?.map((c) => Object.keys(c.state!)[0])).toEqual(['running', 'waiting']);
    expect(st.initContainerStatuses?.[1]?.state?.waiting?.reason).toBe('PodInitializing');
    expect(st.containerStatuses?.[0]?.state?.waiting?.reason).toBe('PodInitializing');
    expect(cond(st, 'Initialized')).toBe('False/ContainersNotInitialized');
    st = statusAt(pod, p, s(1.5));
    expect(st.initContainerStatuses?.map((c) => [Object.keys(c.state!)[0], c.ready])).toEqual([['terminated', true], ['running', false]]);
    st = statusAt(pod, p, s(2));
    expect(st.phase).toBe('Running');
    expect(cond(st, 'Initialized')).toBe('True');
    expect(st.containerStatuses?.[0]?.state?.running?.startedAt).toBe('2025-01-01T00:00:02Z');
  });

  it('fails the pod when an init container fails under restartPolicy Never', () => {
    const pod = makePod({ 'gantry.dev/simulate-init-exit-code': '2' }, { restartPolicy: 'Never', initContainers: [{ name: 'i1', image: 'x' }] });
    const p = sim(pod);
    const st = statusAt(pod, p, s(0));
    expect(st.phase).toBe('Failed');
    expect(p.finished).toBe(true);
    expect(st.initContainerStatuses?.[0]?.state?.terminated?.exitCode).toBe(2);
    expect(st.containerStatuses?.[0]?.state?.waiting?.reason).toBe('PodInitializing');
  });

  it('retries a failing init container with back-off under restartPolicy Always', () => {
    const pod = makePod({ 'gantry.dev/simulate-init-exit-code': '1' }, { initContainers: [{ name: 'i1', image: 'x' }] });
    const p = sim(pod);
    const st = statusAt(pod, p, s(1));
    expect(st.phase).toBe('Pending');
    expect(st.initContainerStatuses?.[0]).toMatchObject({ restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } } });
  });

  it('starts regular containers once a sidecar has started and stops it when the job is done', () => {
    const pod = makePod(
      { 'gantry.dev/simulate-duration': '3s' },
      { restartPolicy: 'Never', initContainers: [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always', startupProbe: { initialDelaySeconds: 1 } }] },
    );
    const p = sim(pod);
    let st = statusAt(pod, p, s(0.5));
    expect(st.phase).toBe('Pending');
    expect(st.initContainerStatuses?.[0]).toMatchObject({ started: false, state: { running: {} } });
    st = statusAt(pod, p, s(1));
    expect(st.phase).toBe('Running');
    expect(st.initContainerStatuses?.[0]).toMatchObject({ started: true, ready: true });
    st = statusAt(pod, p, s(4));
    expect(p.finished).toBe(true);
    expect(st.phase).toBe('Succeeded');
    expect(st.initContainerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 0, finishedAt: '2025-01-01T00:00:04Z' });
  });
});

describe('SimPod: stopping', () => {
  it('terminates gracefully on deletion: exit 0, Succeeded, finished', () => {
    const pod = makePod({});
    const p = sim(pod);
    statusAt(pod, p, s(10));
    p.stop(s(20), { graceMs: 30_000 });
    expect(p.finished).toBe(true);
    const st = statusAt(pod, p, s(20));
    expect(st.phase).toBe('Succeeded');
    expect(st.containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed', finishedAt: '2025-01-01T00:00:20Z' });
  });

  it('kills containers that outlast the grace period', () => {
    const pod = makePod({ 'gantry.dev/simulate-termination-delay': '1m' });
    const p = sim(pod);
    p.stop(s(1), { graceMs: 5000 });
    expect(p.finished).toBe(false);
    expect(p.advance(s(1))).toBe(s(6));
    const st = statusAt(pod, p, s(6));
    expect(st.phase).toBe('Failed');
    expect(st.containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
  });

  it('lets a slow container finish within the grace period', () => {
    const pod = makePod({ 'gantry.dev/simulate-termination-delay': '2s' });
    const p = sim(pod);
    p.stop(s(1), { graceMs: 30_000 });
    expect(statusAt(pod, p, s(2)).phase).toBe('Running');
    expect(statusAt(pod, p, s(3)).phase).toBe('Succeeded');
  });

  it('reports containers that never ran as lost and the pod as Failed', () => {
    const pod = makePod({ 'gantry.dev/simulate-duration': 'soon' });
    const p = sim(pod);
    let st = statusAt(pod, p, s(1));
    expect(st.phase).toBe('Pending');
    expect(st.containerStatuses?.[0]?.state?.waiting).toEqual({
      reason: 'CreateContainerConfigError',
      message: 'annotation gantry.dev/simulate-duration: invalid duration "soon": expected a number and a unit (ms, s, m, h)',
    });
    p.stop(s(2), { graceMs: 30_000 });
    st = statusAt(pod, p, s(2));
    expect(st.phase).toBe('Failed');
    expect(st.containerStatuses?.[0]?.state?.terminated).toEqual({ exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated' });
  });

  it('fails a pod past activeDeadlineSeconds with DeadlineExceeded', () => {
    const pod = makePod({}, { activeDeadlineSeconds: 5 });
    const p = sim(pod);
    expect(p.advance(s(0))).toBe(s(5));
    const st = statusAt(pod, p, s(5));
    expect(st).toMatchObject({ phase: 'Failed', reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' });
    expect(p.finished).toBe(true);
  });
});

describe('SimPod: adoption after an agent restart', () => {
  it('keeps running containers running with their IDs and counts', () => {
    const pod = makePod({ 'gantry.dev/simulate-duration': '10s' }, { restartPolicy: 'Never' });
    const first = sim(pod);
    statusAt(pod, first, s(3));
    const again = sim(pod);
    again.adopt(pod, s(4));
    const st = statusAt(pod, again, s(4));
    expect(st.containerStatuses?.[0]).toMatchObject({ containerID: 'simulated://c1', state: { running: { startedAt: '2025-01-01T00:00:00Z' } }, restartCount: 0 });
    expect(again.advance(s(4))).toBe(s(10));
    expect(statusAt(pod, again, s(10)).phase).toBe('Succeeded');
  });
});

describe('SimPod: events', () => {
  it('reports BackOff per back-off, Killing once per container, and Failed for a bad script', () => {
    const pod = makePod({ 'gantry.dev/simulate-crash-after': '1s' }, { containers: [{ name: 'app', image: 'x' }, { name: 'log', image: 'x' }] });
    pod.metadata.annotations!['gantry.dev/simulate-crash-after.log'] = '1h';
    const p = sim(pod);
    p.advance(s(2));
    expect(p.takeEvents()).toEqual([{ type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container app in pod p_ns(u1)' }]);
    expect(p.takeEvents()).toEqual([]);
    p.stop(s(5), { graceMs: 30_000 });
    p.stop(s(6), { graceMs: 1000 });
    expect(p.takeEvents()).toEqual([{ type: 'Normal', reason: 'Killing', message: 'Stopping container log' }]);

    const bad = sim(makePod({ 'gantry.dev/simulate-exit-code': 'x' }));
    expect(bad.takeEvents()).toEqual([
      { type: 'Warning', reason: 'Failed', message: 'Error: annotation gantry.dev/simulate-exit-code: invalid exit code "x": must be an integer from 0 to 255' },
    ]);
  });
});

