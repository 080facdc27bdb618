/** apps/v1 StatefulSet types. */
import type { PodTemplateSpec } from '../../core/v1/pod-spec.js';
import type { PersistentVolumeClaim } from '../../core/v1/persistentvolumeclaim.js';
import type { KubeObject, LabelSelector } from '../../meta.js';
import type { IntOrString } from '../../validation/intstr.js';

/** Parameters of a StatefulSet rolling update. */
export interface RollingUpdateStatefulSetStrategy {
  /** Pods with an ordinal at or above the partition are updated; lower ones keep the old revision. Defaults to 0. */
  partition?: number;
  /** The most pods that may be unavailable during the update (alpha upstream). */
  maxUnavailable?: IntOrString;
}

/** How the StatefulSet controller applies template changes. */
export interface StatefulSetUpdateStrategy {
  /** RollingUpdate (the default) or OnDelete (pods are replaced only when deleted). */
  type?: 'RollingUpdate' | 'OnDelete';
  /** Rolling update parameters; only with type RollingUpdate. */
  rollingUpdate?: RollingUpdateStatefulSetStrategy;
}

/** What happens to the claims of volumeClaimTemplates. */
export interface StatefulSetPersistentVolumeClaimRetentionPolicy {
  /** Retain (default) or Delete: the claims when the StatefulSet is deleted. */
  whenDeleted?: 'Retain' | 'Delete';
  /** Retain (default) or Delete: the claims of pods removed by scaling down. */
  whenScaled?: 'Retain' | 'Delete';
}

/** The numbering of the pods. */
export interface StatefulSetOrdinals {
  /** The ordinal of the first pod. Defaults to 0. */
  start?: number;
}

/** The desired state of a StatefulSet. */
export interface StatefulSetSpec {
  /** The number of desired pods. Defaults to 1. */
  replicas?: number;
  /** A label query over pods that should match the replica count; must match the template's labels. */
  selector: LabelSelector;
  /** The pods to create, each with a stable name and identity. Its restartPolicy must be Always. */
  template: PodTemplateSpec;
  /** Claims each pod gets (named "<claim>-<pod>"); pods mount them by the claim template's name. */
  volumeClaimTemplates?: PersistentVolumeClaim[];
  /** The headless Service that gives the pods their network identity (pod-0.service.namespace). */
  serviceName?: string;
  /** OrderedReady (the default: one at a time, in order) or Parallel. */
  podManagementPolicy?: 'OrderedReady' | 'Parallel';
  /** How template changes are rolled out. */
  updateStrategy?: StatefulSetUpdateStrategy;
  /** How many ControllerRevisions are kept. Defaults to 10. */
  revisionHistoryLimit?: number;
  /** Seconds a new pod must be ready before it counts as available. */
  minReadySeconds?: number;
  /** What happens to the claims when pods or the StatefulSet go away. */
  persistentVolumeClaimRetentionPolicy?: StatefulSetPersistentVolumeClaimRetentionPolicy;
  /** The numbering of the pods. */
  ordinals?: StatefulSetOrdinals;
}

/** A condition of a StatefulSet. */
export interface StatefulSetCondition {
  /** The condition type. */
  type: string;
  /** True, False or Unknown. */
  status: 'True' | 'False' | 'Unknown';
  /** The last time the condition changed from one status to another. */
  lastTransitionTime?: string;
  /** The reason for the last transition, in CamelCase. */
  reason?: string;
  /** A human-readable description of the last transition. */
  message?: string;
}

/** The observed state of a StatefulSet. */
export interface StatefulSetStatus {
  /** The generation the controller last acted on. */
  observedGeneration?: number;
  /** The number of pods the controller created. */
  replicas: number;
  /** Pods with a Ready condition. */
  readyReplicas?: number;
  /** Pods at currentRevision. */
  currentReplicas?: number;
  /** Pods at updateRevision. */
  updatedReplicas?: number;
  /** The revision of the pods ordinals [0, currentReplicas). */
  currentRevision?: string;
  /** The revision of the pods ordinals [replicas - updatedReplicas, replicas). */
  updateRevision?: string;
  /** Bumped to avoid name collisions when the controller names a new ControllerRevision. */
  collisionCount?: number;
  /** The latest available observations of the StatefulSet's state. */
  conditions?: StatefulSetCondition[];
  /** Pods ready for at least minReadySeconds. */
  availableReplicas: number;
}

/** Manages pods with stable identities and per-pod storage. */
export interface StatefulSet extends KubeObject {
  /** The desired identities and storage of the pods. */
  spec: StatefulSetSpec;
  /** The current status of the pods; may lag the spec. */
  status?: StatefulSetStatus;
}
