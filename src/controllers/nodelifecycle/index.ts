/** The node lifecycle controller (health from Leases, condition taints, taint-based eviction). */
export { nodeLifecycleController, NODE_LIFECYCLE_SETTINGS } from './nodelifecycle-controller.js';
export { NodeLifecycleReconciler, NODE_LEASE_NAMESPACE } from './nodelifecycle-sync.js';
export { DEFAULT_NODE_MONITOR_GRACE_MS, DEFAULT_NODE_STARTUP_GRACE_MS } from './health.js';
