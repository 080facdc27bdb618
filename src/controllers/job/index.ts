/** The Job and TTL-after-finished controllers. */
export { jobController, JOB_SETTINGS } from './job-controller.js';
export { ttlAfterFinishedController, TtlAfterFinishedReconciler } from './ttl-after-finished.js';
export { JobReconciler, JOB_CONTROLLER_MANAGER } from './job-sync.js';
export { JOB_TRACKING_FINALIZER } from './job-pods.js';
export { finishedCondition, isJobFinished, isJobSucceeded } from './job-conditions.js';
export { COMPLETION_INDEX_ANNOTATION } from './indexes.js';
export { DEFAULT_POD_FAILURE_BACKOFF_MS, MAX_POD_FAILURE_BACKOFF_MS } from './backoff.js';
