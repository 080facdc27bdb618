/** PodGC: terminated pods over the threshold, pods of vanished nodes, stuck terminating pods. */
export { podGCController, PodGCReconciler, PODGC_SETTINGS, DEFAULT_TERMINATED_POD_THRESHOLD } from './podgc.js';
