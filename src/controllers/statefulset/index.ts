/** The StatefulSet controller, and pod and history helpers the other workload controllers share. */
export { isPodActive, isPodAvailable, isPodReady, isPodTerminal, isPodTerminating, parseTime, podCondition } from './pod-state.js';
