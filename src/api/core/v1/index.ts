/** The core/v1 API group: kinds, and the pod spec helpers other groups build on. */
import type { KindDefinition } from '../../kind.js';
import { configMap } from './configmap.js';
import { endpoints } from './endpoints.js';
import { event } from './event.js';
import { limitRange } from './limitrange.js';
import { namespace } from './namespace.js';
import { node } from './node.js';
import { persistentVolumeClaim } from './persistentvolumeclaim.js';
import { persistentVolume } from './persistentvolume.js';
import { pod } from './pod.js';
import { podTemplate } from './podtemplate.js';
import { replicationController } from './replicationcontroller.js';
import { resourceQuota } from './resourcequota.js';
import { secret } from './secret.js';
import { serviceAccount } from './serviceaccount.js';
import { service } from './service.js';

export * from './pod-spec.js';
export * from './pod.js';
export * from './service.js';
export * from './node.js';
export * from './namespace.js';
export * from './configmap.js';
export * from './secret.js';
export * from './serviceaccount.js';
export * from './endpoints.js';
export * from './event.js';
export * from './persistentvolume.js';
export * from './persistentvolumeclaim.js';
export * from './resourcequota.js';
export * from './limitrange.js';
export * from './podtemplate.js';
export * from './replicationcontroller.js';
export * from './object-reference.js';
export * from './resources.js';
export * from './resource-names.js';
export * from './taint.js';
export * from './affinity.js';
export * from './volume.js';
export * from './probe.js';
export * from './container.js';
export * from './container-types.js';

/** Every core/v1 kind, in the order kube-apiserver's discovery lists them (alphabetical by plural). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const coreV1Kinds: KindDefinition<any>[] = [
  configMap,
  endpoints,
  event,
  limitRange,
  namespace,
  node,
  persistentVolumeClaim,
  persistentVolume,
  pod,
  podTemplate,
  replicationController,
  resourceQuota,
  secret,
  serviceAccount,
  service,
];
