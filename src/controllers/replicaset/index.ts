/** The ReplicaSet and ReplicationController controllers. */
export { replicaSetController, replicationControllerController, type ReplicaControllerOptions } from './controller.js';
export { BURST_REPLICAS } from './sync.js';
export { compareForDeletion, podsToDelete } from './rank.js';
