/** The StatefulSet controller, and pod and history helpers the other workload controllers share. */
export { statefulSetController } from './statefulset-controller.js';
export { StatefulSetReconciler } from './statefulset-sync.js';
export { claimPods, type ClaimPodsOptions } from './claim-pods.js';
export { POD_INDEX_LABEL, POD_NAME_LABEL } from './identity.js';
export { isPodActive, isPodAvailable, isPodReady, isPodTerminal, isPodTerminating, parseTime, podCondition } from './pod-state.js';
export {
  CONTROLLER_REVISION_HASH_LABEL,
  POD_REVISION_LABEL,
  createRevision,
  hashRevision,
  newRevision,
  nextRevisionNumber,
  renumberRevision,
  sortRevisions,
  templateFromRevision,
  templatePatch,
  truncateHistory,
  type RevisionClient,
} from './history.js';
