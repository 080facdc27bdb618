/** apps/v1 Deployment types. */
import type { PodTemplateSpec } from '../../core/v1/pod-spec.js';
import type { KubeObject, LabelSelector } from '../../meta.js';
import type { IntOrString } from '../../validation/intstr.js';

/** How a rolling update replaces old pods with new ones. */
export interface RollingUpdateDeployment {
  /**
   * The most pods that may be unavailable during the update, as a number or a percentage of the
   * desired pods (rounded down). Defaults to 25%. May not be 0 when maxSurge is 0.
   */
  maxUnavailable?: IntOrString;
  /**
   * The most pods that may be created above the desired count during the update, as a number or a
   * percentage of the desired pods (rounded up). Defaults to 25%. May not be 0 when maxUnavailable is 0.
   */
  maxSurge?: IntOrString;
}

/** Describes how to replace existing pods with new ones: all at once (Recreate) or a few at a time (RollingUpdate). */
export interface DeploymentStrategy {
  /** Recreate (kill all old pods first) or RollingUpdate (the default). */
  type?: 'Recreate' | 'RollingUpdate';
  /** Rolling update parameters; only with type RollingUpdate. */
  rollingUpdate?: RollingUpdateDeployment;
}

/** The desired state of a Deployment. */
export interface DeploymentSpec {
  /** The number of desired pods. Defaults to 1. */
  replicas?: number;
  /** A label query over pods that should match the replica count; must match the template's labels. Immutable. */
  selector: LabelSelector;
  /** The pods to create. Its restartPolicy must be Always. */
  template: PodTemplateSpec;
  /** The deployment strategy used to replace existing pods with new ones. */
  strategy?: DeploymentStrategy;
  /** Seconds a new pod must be ready, with no container crashing, before it counts as available. Defaults to 0. */
  minReadySeconds?: number;
  /** How many old ReplicaSets are kept to allow rollback. Defaults to 10. */
  revisionHistoryLimit?: number;
  /** Whether the deployment is paused: template changes do not roll out while it is. */
  paused?: boolean;
  /**
   * Seconds the deployment may make no progress before it is reported as failed (in the
   * Progressing condition). Defaults to 600; must exceed minReadySeconds.
   */
  progressDeadlineSeconds?: number;
}

/** A condition of a Deployment: Available, Progressing or ReplicaFailure. */
export interface DeploymentCondition {
  /** The condition type. */
  type: string;
  /** True, False or Unknown. */
  status: 'True' | 'False' | 'Unknown';
  /** The last time the condition was updated. */
  lastUpdateTime?: string;
  /** The last time the condition changed from one status to another. */
  lastTransitionTime?: string;
  /** The reason for the last transition, in CamelCase. */
  reason?: string;
  /** A human-readable description of the last transition. */
  message?: string;
}

/** The observed state of a Deployment. */
export interface DeploymentStatus {
  /** The generation the controller last acted on. */
  observedGeneration?: number;
  /** Pods targeted by the deployment (their labels match the selector). */
  replicas?: number;
  /** Pods targeted by the deployment that have the desired template. */
  updatedReplicas?: number;
  /** Pods targeted by the deployment with a Ready condition. */
  readyReplicas?: number;
  /** Pods targeted by the deployment that have been ready for at least minReadySeconds. */
  availableReplicas?: number;
  /** Pods still needed for the deployment to reach 100% available capacity. */
  unavailableReplicas?: number;
  /** The latest available observations of the deployment's state. */
  conditions?: DeploymentCondition[];
  /** Bumped to avoid name collisions when the controller names a new ReplicaSet. */
  collisionCount?: number;
}

/** Declarative updates for pods through ReplicaSets. */
export interface Deployment extends KubeObject {
  /** The desired behaviour of the deployment. */
  spec: DeploymentSpec;
  /** The most recently observed status of the deployment. */
  status?: DeploymentStatus;
}
