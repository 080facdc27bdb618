/** The DaemonSet controller, and the taint and node-affinity predicates other controllers share. */
export { daemonSetController } from './daemonset-controller.js';
export { DaemonSetReconciler } from './daemonset-sync.js';
export { nodeShouldRunDaemonPod, pinToNode, targetNodeName } from './daemon-pods.js';
export { TAINTS, addDaemonPodTolerations, findUntoleratedTaint, requiredAffinityMatches, taintTolerated, toleratesTaint } from './scheduling.js';
