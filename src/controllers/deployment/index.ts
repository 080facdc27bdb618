/** The Deployment controller. */
export { deploymentController, type DeploymentControllerOptions } from './controller.js';
export { CHANGE_CAUSE_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION } from './annotations.js';
export { POD_TEMPLATE_HASH_LABEL, computeHash } from './replicasets.js';
export type { DeploymentWrites } from './writes.js';
