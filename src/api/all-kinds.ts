/** Every built-in kind, in discovery order (core first, then groups as kube-apiserver lists them). */
import type { KindDefinition } from './kind.js';
import { coreV1Kinds } from './core/v1/index.js';
import { appsV1Kinds } from './apps/v1/index.js';
import { batchV1Kinds } from './batch/v1/index.js';
import { autoscalingV2Kinds } from './autoscaling/v2/index.js';
import { autoscalingV1Kinds } from './autoscaling/v1/index.js';
import { coordinationV1Kinds } from './coordination/v1/index.js';
import { discoveryV1Kinds } from './discovery/v1/index.js';
import { eventsV1Kinds } from './events/v1/index.js';
import { networkingV1Kinds } from './networking/v1/index.js';
import { policyV1Kinds } from './policy/v1/index.js';
import { rbacV1Kinds } from './rbac/v1/index.js';
import { schedulingV1Kinds } from './scheduling/v1/index.js';
import { storageV1Kinds } from './storage/v1/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const allKinds: KindDefinition<any>[] = [
  ...coreV1Kinds,
  ...appsV1Kinds,
  ...eventsV1Kinds,
  ...autoscalingV2Kinds,
  ...autoscalingV1Kinds,
  ...batchV1Kinds,
  ...coordinationV1Kinds,
  ...discoveryV1Kinds,
  ...networkingV1Kinds,
  ...policyV1Kinds,
  ...rbacV1Kinds,
  ...schedulingV1Kinds,
  ...storageV1Kinds,
];
