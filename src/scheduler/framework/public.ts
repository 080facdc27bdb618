/** The framework types an out-of-tree plugin needs (re-exported by src/scheduler/index.ts). */
export { Status, type Code } from './status.js';
export { CycleState, type StateData } from './cycle-state.js';
export { NodeInfo } from './node-info.js';
export type { PodInfo, AffinityTerm, WeightedAffinityTerm, HostPort } from './pod-info.js';
export { ActionType, type ClusterEventWithHint, type QueueingHint } from './events.js';
export type * from './interface.js';
export { MAX_NODE_SCORE } from './interface.js';
