/**
 * A pod's phase from its container statuses, following the kubelet's rules: init containers
 * that have not all finished keep a pod Pending, a failed init container fails a pod that never
 * restarts, and once every regular container has stopped the restart policy decides between
 * Running (restarting), Succeeded and Failed. A terminal pod (being deleted, past its deadline,
 * or done) never restarts, so its stopped containers settle the phase at once.
 */
import type { ContainerStatus, PodPhase, PodSpec } from '../../api/core/v1/index.js';

function byName(statuses: ContainerStatus[]): Map<string, ContainerStatus> {
  return new Map(statuses.map((s) => [s.name, s]));
}

/** Whether any regular container is running or has run (upstream HasAnyRegularContainerStarted). */
export function anyRegularContainerStarted(spec: PodSpec, statuses: ContainerStatus[]): boolean {
  const names = new Set((spec.containers ?? []).map((c) => c.name));
  return statuses.some((s) => names.has(s.name) && (s.state?.running !== undefined || s.state?.terminated !== undefined));
}

interface Counts {
  pendingInit: number;
  failedInit: number;
  unknown: number;
  running: number;
  waiting: number;
  stopped: number;
  succeeded: number;
}

function countInit(spec: PodSpec, found: Map<string, ContainerStatus>, n: Counts): void {
  for (const c of spec.initContainers ?? []) {
    const s = found.get(c.name);
    const st = s?.state ?? {};
    const lastExit = s?.lastState?.terminated?.exitCode;
    if (c.restartPolicy === 'Always') {
      // Sidecars: a running one counts; a stopped one is ignored; one that never ran is pending.
      if (!s) n.unknown++;
      else if (st.running) {
        if (!s.started) n.pendingInit++;
        n.running++;
      } else if (st.terminated) continue;
      else if (st.waiting) {
        if (lastExit === undefined) {
          n.pendingInit++;
          n.waiting++;
        }
      } else {
        n.pendingInit++;
        n.unknown++;
      }
      continue;
    }
    if (!s || st.running) n.pendingInit++;
    else if (st.terminated) {
      if (st.terminated.exitCode !== 0) n.failedInit++;
    } else if (st.waiting && lastExit !== undefined) {
      if (lastExit !== 0) n.failedInit++;
    } else n.pendingInit++;
  }
}

function countRegular(spec: PodSpec, found: Map<string, ContainerStatus>, n: Counts): void {
  for (const c of spec.containers ?? []) {
    const s = found.get(c.name);
    const st = s?.state ?? {};
    if (!s) n.unknown++;
    else if (st.running) n.running++;
    else if (st.terminated) {
      n.stopped++;
      if (st.terminated.exitCode === 0) n.succeeded++;
    } else if (st.waiting) {
      if (s.lastState?.terminated) n.stopped++;
      else n.waiting++;
    } else n.unknown++;
  }
}

/**
 * The phase of a pod whose container statuses (init and regular together) are `statuses`.
 * `terminal`: the pod will run no more containers (deleted, deadline exceeded, or finished).
 */
export function computePodPhase(spec: PodSpec, statuses: ContainerStatus[], opts: { terminal: boolean }): PodPhase {
  const found = byName(statuses);
  const n: Counts = { pendingInit: 0, failedInit: 0, unknown: 0, running: 0, waiting: 0, stopped: 0, succeeded: 0 };
  countInit(spec, found, n);
  countRegular(spec, found, n);
  const policy = spec.restartPolicy ?? 'Always';
  if (n.failedInit > 0 && policy === 'Never') return 'Failed';
  if ((n.pendingInit > 0 && !anyRegularContainerStarted(spec, statuses)) || n.waiting > 0) return 'Pending';
  if (n.running > 0 && n.unknown === 0) return 'Running';
  if (n.running === 0 && n.stopped > 0 && n.unknown === 0) {
    if (opts.terminal) return n.stopped === n.succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (n.stopped === n.succeeded) return 'Succeeded';
    return policy === 'Never' ? 'Failed' : 'Running';
  }
  return 'Pending';
}
