/** The whole pod status a node agent reports, from its container records and pod-level facts. */
import { computePodQOS, type Pod, type PodPhase, type PodStatus } from '../../api/core/v1/index.js';
import { kubeletConditions, stampConditions } from './conditions.js';
import { containerStatusOf } from './container-status.js';
import { computePodPhase } from './phase.js';
import { rfc3339 } from '../../util/index.js';
import type { ContainerRecord } from './types.js';

export interface PodStatusInputs {
  /** Init containers' records, in spec order. */
  init: ContainerRecord[];
  /** Regular containers' records. */
  regular: ContainerRecord[];
  hostIP: string;
  /** The sandbox's IP; host-network pods use hostIP. */
  podIP?: string;
  /** When the agent accepted the pod. */
  startTime?: number;
  /** The pod will start no more containers (deleted, past its deadline, or done). */
  terminal: boolean;
  /** The pod ended and every container stopped: a phase that is not terminal becomes Failed. */
  finished: boolean;
  /** The sandbox exists with its network. */
  sandboxReady: boolean;
  /** Forces phase Failed with this reason and message (e.g. DeadlineExceeded). */
  failure?: { reason: string; message: string };
  /**
   * The status this agent last reported (its status cache). Condition transition times, the
   * phase's reason and terminal phases carry over from it; without it, from the pod's status.
   */
  previous?: PodStatus;
  now: number;
}

function isTerminalPhase(p: PodPhase | undefined): boolean {
  return p === 'Succeeded' || p === 'Failed';
}

/** The status to report for `pod` (conditions other than the kubelet's are the caller's to keep). */
export function buildPodStatus(pod: Pod, inputs: PodStatusInputs): PodStatus {
  const spec = pod.spec;
  const api = pod.status ?? {};
  const old = inputs.previous ?? api;
  const defaultWaiting = (spec.initContainers ?? []).length > 0 ? 'PodInitializing' : 'ContainerCreating';
  const initStatuses = inputs.init.map((r) => containerStatusOf(r, defaultWaiting));
  const regularStatuses = inputs.regular.map((r) => containerStatusOf(r, defaultWaiting)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const all = [...regularStatuses, ...initStatuses];
  let phase = computePodPhase(spec, all, { terminal: inputs.terminal });
  let reason = phase === old.phase ? old.reason : undefined;
  let message = phase === old.phase ? old.message : undefined;
  if (inputs.failure) {
    phase = 'Failed';
    reason = inputs.failure.reason;
    message = inputs.failure.message;
  } else if (isTerminalPhase(old.phase) && phase !== old.phase) {
    // Pods never leave a terminal phase.
    phase = old.phase!;
    reason = old.reason;
    message = old.message;
  } else if (isTerminalPhase(api.phase) && phase !== api.phase) {
    phase = api.phase!;
    reason = api.reason;
    message = api.message;
  } else if (inputs.finished && !isTerminalPhase(phase)) {
    phase = 'Failed';
  }
  const conditions = stampConditions(
    kubeletConditions(spec, { statuses: all, phase, sandboxReady: inputs.sandboxReady, existing: api.conditions ?? [] }),
    old.conditions ?? [],
    rfc3339(inputs.now),
  );
  const status: PodStatus = { phase, conditions };
  if (reason) status.reason = reason;
  if (message) status.message = message;
  status.hostIP = inputs.hostIP;
  status.hostIPs = [{ ip: inputs.hostIP }];
  const podIP = spec.hostNetwork ? inputs.hostIP : inputs.podIP;
  if (podIP) {
    status.podIP = podIP;
    status.podIPs = [{ ip: podIP }];
  }
  if (inputs.startTime !== undefined) status.startTime = rfc3339(inputs.startTime);
  if (initStatuses.length) status.initContainerStatuses = initStatuses;
  status.containerStatuses = regularStatuses;
  status.qosClass = api.qosClass ?? computePodQOS(spec);
  return status;
}
