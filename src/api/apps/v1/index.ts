import type { KindDefinition } from '../../kind.js';
import { controllerRevision } from './controllerrevision.js';
import { daemonSet } from './daemonset.js';
import { deployment } from './deployment.js';
import { replicaSet } from './replicaset.js';
import { statefulSet } from './statefulset.js';

export type * from './deployment-types.js';
export type * from './statefulset-types.js';
export type {
  ReplicaSet,
  ReplicaSetSpec,
  ReplicaSetStatus,
  ReplicaSetCondition,
} from './replicaset.js';
export type {
  DaemonSet,
  DaemonSetSpec,
  DaemonSetStatus,
  DaemonSetCondition,
  DaemonSetUpdateStrategy,
  RollingUpdateDaemonSet,
} from './daemonset.js';
export type { ControllerRevision } from './controllerrevision.js';
export { TEMPLATE_GENERATION_ANNOTATION } from './daemonset.js';
export { controllerRevision, daemonSet, deployment, replicaSet, statefulSet };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const appsV1Kinds: KindDefinition<any>[] = [controllerRevision, daemonSet, deployment, replicaSet, statefulSet];
