/**
 * The cells of `kubectl get pods` computed as upstream's printPod: Ready "1/2", Status
 * (phase, container reasons, Init:0/1, Terminating...), Restarts "2 (5m ago)", and the wide columns.
 */
import { humanDuration } from '../../printing.js';
import type { ContainerStatus, Pod, PodCondition } from './pod-types.js';

/** Upstream's reason for pods on unreachable nodes. */
const NODE_UNREACHABLE_REASON = 'NodeLost';

function isTrue(conditions: PodCondition[] | undefined, type: string): boolean {
  return (conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

function terminatedReason(t: NonNullable<NonNullable<ContainerStatus['state']>['terminated']>, prefix: string): string {
  if (t.reason) return prefix + t.reason;
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode}`;
}

interface Tally {
  reason: string;
  ready: number;
  restarts: number;
  lastRestart: number;
}

function finishedAt(s: ContainerStatus): number {
  const t = s.lastState?.terminated?.finishedAt;
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

/** Walks init container statuses; returns whether the pod is still initializing. */
function tallyInit(pod: Pod, t: Tally, sidecars: Set<string>): { initializing: boolean; sidecarRestarts: number; sidecarLast: number } {
  let initializing = false;
  let sidecarRestarts = 0;
  let sidecarLast = 0;
  const statuses = pod.status?.initContainerStatuses ?? [];
  const total = (pod.spec?.initContainers ?? []).length;
  for (let i = 0; i < statuses.length; i++) {
    const c = statuses[i]!;
    t.restarts += c.restartCount ?? 0;
    t.lastRestart = Math.max(t.lastRestart, finishedAt(c));
    const sidecar = sidecars.has(c.name);
    if (sidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      sidecarLast = Math.max(sidecarLast, finishedAt(c));
    }
    const term = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (sidecar && c.started) {
      if (c.ready) t.ready++;
      continue;
    }
    if (term) t.reason = terminatedReason(term, 'Init:');
    else if (waiting?.reason && waiting.reason !== 'PodInitializing') t.reason = `Init:${waiting.reason}`;
    else t.reason = `Init:${i}/${total}`;
    initializing = true;
    break;
  }
  return { initializing, sidecarRestarts, sidecarLast };
}

function tallyContainers(pod: Pod, t: Tally): void {
  const statuses = pod.status?.containerStatuses ?? [];
  let hasRunning = false;
  for (let i = statuses.length - 1; i >= 0; i--) {
    const c = statuses[i]!;
    t.restarts += c.restartCount ?? 0;
    t.lastRestart = Math.max(t.lastRestart, finishedAt(c));
    const { waiting, terminated, running } = c.state ?? {};
    if (waiting?.reason) t.reason = waiting.reason;
    else if (terminated) t.reason = terminatedReason(terminated, '');
    else if (c.ready && running) {
      hasRunning = true;
      t.ready++;
    }
  }
  if (t.reason === 'Completed' && hasRunning) {
    t.reason = isTrue(pod.status?.conditions, 'Ready') ? 'Running' : 'NotReady';
  }
}

/** The Ready, Status and Restarts cells of a pod. */
export function podSummary(pod: Pod, now: Date): { ready: string; status: string; restarts: string } {
  const status = pod.status ?? {};
  const phase = status.phase ?? '';
  const t: Tally = { reason: status.reason || phase, ready: 0, restarts: 0, lastRestart: 0 };
  if ((status.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    t.reason = 'SchedulingGated';
  }
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const total = (pod.spec?.containers ?? []).length + sidecars.size;
  const init = tallyInit(pod, t, sidecars);
  if (!init.initializing || isTrue(status.conditions, 'Initialized')) {
    t.restarts = init.sidecarRestarts;
    t.lastRestart = init.sidecarLast;
    tallyContainers(pod, t);
  }
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  if (pod.metadata.deletionTimestamp && status.reason === NODE_UNREACHABLE_REASON) t.reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && !terminal) t.reason = 'Terminating';
  let restarts = String(t.restarts);
  if (t.restarts !== 0 && t.lastRestart > 0) restarts = `${t.restarts} (${humanDuration(now.getTime() - t.lastRestart)} ago)`;
  return { ready: `${t.ready}/${total}`, status: t.reason, restarts };
}

/** The wide cells: IP, Node, Nominated Node, Readiness Gates. */
export function podWideCells(pod: Pod): [string, string, string, string] {
  const status = pod.status ?? {};
  const ip = status.podIPs?.[0]?.ip || '<none>';
  const gates = pod.spec?.readinessGates ?? [];
  let readiness = '<none>';
  if (gates.length) {
    const conds = status.conditions ?? [];
    const ok = gates.filter((g) => conds.find((c) => c.type === g.conditionType)?.status === 'True').length;
    readiness = `${ok}/${gates.length}`;
  }
  return [ip, pod.spec?.nodeName || '<none>', status.nominatedNodeName || '<none>', readiness];
}
