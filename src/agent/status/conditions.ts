/**
 * The pod conditions a kubelet owns (PodReadyToStartContainers, Initialized, Ready,
 * ContainersReady, PodScheduled), worded as upstream words them, and the carrying over of
 * lastTransitionTime from the previous conditions when a status did not change.
 */
import type { ContainerStatus, PodCondition, PodPhase, PodSpec } from '../../api/core/v1/index.js';
import { anyRegularContainerStarted } from './phase.js';

/** Condition types the kubelet sets; every other condition on a pod is left alone. */
export const KUBELET_CONDITIONS = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];

/** Go's %s of a []string: "[a b]". */
function goList(names: string[]): string {
  return `[${names.join(' ')}]`;
}

function cond(type: string, ok: boolean, reason?: string, message?: string): PodCondition {
  const c: PodCondition = { type, status: ok ? 'True' : 'False' };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

function terminalReason(phase: PodPhase): string | undefined {
  if (phase === 'Failed') return 'PodFailed';
  if (phase === 'Succeeded') return 'PodCompleted';
  return undefined;
}

function containersReady(spec: PodSpec, found: Map<string, ContainerStatus>, phase: PodPhase): PodCondition {
  const watched = [...(spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'), ...(spec.containers ?? [])];
  const unknown = watched.filter((c) => !found.has(c.name)).map((c) => c.name);
  const unready = watched.filter((c) => found.has(c.name) && !found.get(c.name)!.ready).map((c) => c.name);
  if ((phase === 'Succeeded' && unknown.length === 0) || phase === 'Failed') return cond('ContainersReady', false, terminalReason(phase));
  const msgs: string[] = [];
  if (unknown.length) msgs.push(`containers with unknown status: ${goList(unknown)}`);
  if (unready.length) msgs.push(`containers with unready status: ${goList(unready)}`);
  return msgs.length ? cond('ContainersReady', false, 'ContainersNotReady', msgs.join(', ')) : cond('ContainersReady', true);
}

function podReady(spec: PodSpec, cr: PodCondition, others: PodCondition[]): PodCondition {
  if (cr.status !== 'True') return { ...cr, type: 'Ready' };
  const msgs: string[] = [];
  for (const gate of spec.readinessGates ?? []) {
    const c = others.find((o) => o.type === gate.conditionType);
    if (!c) msgs.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== 'True') msgs.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
  }
  return msgs.length ? cond('Ready', false, 'ReadinessGatesNotReady', msgs.join(', ')) : cond('Ready', true);
}

function initialized(spec: PodSpec, statuses: ContainerStatus[], found: Map<string, ContainerStatus>, phase: PodPhase): PodCondition {
  const inits = spec.initContainers ?? [];
  const unknown = inits.filter((c) => !found.has(c.name)).map((c) => c.name);
  if (phase === 'Succeeded' && unknown.length === 0) return cond('Initialized', true, 'PodCompleted');
  if (anyRegularContainerStarted(spec, statuses)) return cond('Initialized', true);
  const incomplete = inits
    .filter((c) => {
      const s = found.get(c.name);
      return s && !(c.restartPolicy === 'Always' ? s.started === true : s.ready);
    })
    .map((c) => c.name);
  const msgs: string[] = [];
  if (unknown.length) msgs.push(`containers with unknown status: ${goList(unknown)}`);
  if (incomplete.length) msgs.push(`containers with incomplete status: ${goList(incomplete)}`);
  return msgs.length ? cond('Initialized', false, 'ContainersNotInitialized', msgs.join(', ')) : cond('Initialized', true);
}

export interface ConditionInputs {
  /** Init and regular container statuses together. */
  statuses: ContainerStatus[];
  phase: PodPhase;
  /** The pod sandbox exists with its network (PodReadyToStartContainers). */
  sandboxReady: boolean;
  /** The pod's current conditions (readiness gates are read from them). */
  existing: PodCondition[];
}

/** The kubelet-owned conditions in the kubelet's order, without timestamps (see stampConditions). */
export function kubeletConditions(spec: PodSpec, inputs: ConditionInputs): PodCondition[] {
  const found = new Map(inputs.statuses.map((s) => [s.name, s]));
  const others = inputs.existing.filter((c) => !KUBELET_CONDITIONS.includes(c.type));
  const cr = containersReady(spec, found, inputs.phase);
  return [
    cond('PodReadyToStartContainers', inputs.sandboxReady),
    initialized(spec, inputs.statuses, found, inputs.phase),
    podReady(spec, cr, others),
    cr,
    cond('PodScheduled', true),
  ];
}

/**
 * Sets lastProbeTime (null) and lastTransitionTime on `next`: kept from the previous condition
 * of the same type when its status did not change, `now` otherwise.
 */
export function stampConditions(next: PodCondition[], previous: PodCondition[], now: string): PodCondition[] {
  return next.map((c) => {
    const old = previous.find((p) => p.type === c.type);
    const at = old && old.status === c.status && old.lastTransitionTime ? old.lastTransitionTime : now;
    return { type: c.type, status: c.status, lastProbeTime: null, lastTransitionTime: at, ...(c.reason ? { reason: c.reason } : {}), ...(c.message ? { message: c.message } : {}) };
  });
}
