/**
 * The node agent: the only public surface of src/agent.
 *
 * Today it holds simulated nodes (no processes: for scale tests and capacity planning) and
 * the runtime-independent kubelet status logic (phase, conditions, container statuses) that
 * the real agent's pod workers will share.
 *
 *   const sim = startSimulatedNodes(clientConfig, { count: 100, signal })
 *   await sim.ready
 *   sim.lose('sim-node-3'); sim.restore('sim-node-3'); await sim.stop()
 */
export {
  startSimulatedNodes,
  type SimulatedNodes,
  type SimulatedNodesOptions,
  type SimulatedNodesStats,
} from './simulated/fleet.js';
export { SIMULATE_PREFIX, parsePodScript, type ContainerPlan, type PodScript } from './simulated/annotations.js';
export { checkNodeTemplate, DEFAULT_CAPACITY, KUBELET_VERSION, RUNTIME_VERSION } from './simulated/node-object.js';
export { DEFAULT_POD_CIDR_BASE, LARGE_POD_CIDR_BASE } from './simulated/node-slots.js';
export { parseGoDuration, formatGoDuration } from './simulated/duration.js';
export { admitPod, podRequests, type Rejection } from './simulated/admission.js';
export { buildPodStatus, type PodStatusInputs } from './status/pod-status.js';
export { computePodPhase } from './status/phase.js';
export { kubeletConditions, stampConditions, KUBELET_CONDITIONS } from './status/conditions.js';
export { containerStatusOf } from './status/container-status.js';
export type { ContainerRecord, ContainerRun } from './status/types.js';
