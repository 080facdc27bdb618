/** Types of core/v1 Pod and its status. */
import type { KubeObject } from '../../meta.js';
import type { PodSpec } from './pod-spec-types.js';
import type { ResourceList, ResourceRequirements } from './resources.js';

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
export type PodQOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/** An observation about the pod (PodScheduled, Initialized, ContainersReady, Ready, ...). */
export interface PodCondition {
  /** Type of the condition. */
  type: string;
  /** True, False or Unknown. */
  status: 'True' | 'False' | 'Unknown';
  /** The pod generation this condition was set for. */
  observedGeneration?: number;
  /** Last time the condition was probed. */
  lastProbeTime?: string | null;
  /** Last time the condition changed status. */
  lastTransitionTime?: string | null;
  /** A one-word CamelCase reason for the last transition. */
  reason?: string;
  /** A human-readable message about the last transition. */
  message?: string;
}

/** A container that has not started yet. */
export interface ContainerStateWaiting {
  /** Why the container is not running yet, e.g. ContainerCreating, CrashLoopBackOff, ErrImagePull. */
  reason?: string;
  message?: string;
}

/** A running container. */
export interface ContainerStateRunning {
  /** When the container was last (re)started. */
  startedAt?: string;
}

/** A container that has stopped. */
export interface ContainerStateTerminated {
  /** Exit status of the last termination. */
  exitCode: number;
  /** Signal of the last termination. */
  signal?: number;
  /** Why the container stopped, e.g. Completed, Error, OOMKilled. */
  reason?: string;
  message?: string;
  /** When the container last started. */
  startedAt?: string;
  /** When the container last stopped. */
  finishedAt?: string;
  /** Container ID as "<type>://<id>". */
  containerID?: string;
}

/** At most one of the members is set; none means waiting. */
export interface ContainerState {
  waiting?: ContainerStateWaiting;
  running?: ContainerStateRunning;
  terminated?: ContainerStateTerminated;
}

/** The observed state of one container. */
export interface ContainerStatus {
  /** Name of the container (as in the spec). */
  name: string;
  /** The container's current state. */
  state?: ContainerState;
  /** The container's previous termination, if any. */
  lastState?: ContainerState;
  /** Whether the container passes its readiness probe. */
  ready: boolean;
  /** How many times the container has been restarted. */
  restartCount: number;
  /** The image the container is running. */
  image: string;
  /** The image ID (digest) the container is running. */
  imageID: string;
  /** Container ID as "<type>://<id>". */
  containerID?: string;
  /** Whether the container has started (passed its startup probe). */
  started?: boolean;
  /** Resources allocated to the container by the node. */
  allocatedResources?: ResourceList;
  /** Resources actually applied to the running container. */
  resources?: ResourceRequirements;
}

/** An IP address allocated to the pod or its host. */
export interface PodIP {
  ip: string;
}

/** The observed state of a pod. */
export interface PodStatus {
  /** The pod's generation this status was computed for. */
  observedGeneration?: number;
  /** Pending, Running, Succeeded, Failed or Unknown: a high-level summary of where the pod is in its lifecycle. */
  phase?: PodPhase;
  /** Current service state of the pod. */
  conditions?: PodCondition[];
  /** Human-readable detail about why the pod is in this condition. */
  message?: string;
  /** A brief CamelCase reason, e.g. Evicted. */
  reason?: string;
  /** The node the scheduler nominated for this pod while it preempts other pods. */
  nominatedNodeName?: string;
  /** IP of the node the pod runs on. */
  hostIP?: string;
  /** IPs of the node the pod runs on. */
  hostIPs?: PodIP[];
  /** IP of the pod; the first of podIPs. */
  podIP?: string;
  /** IPs allocated to the pod, at most one per address family. */
  podIPs?: PodIP[];
  /** When the kubelet acknowledged the pod (before images are pulled). */
  startTime?: string;
  /** Statuses of the init containers. */
  initContainerStatuses?: ContainerStatus[];
  /** Statuses of the app containers. */
  containerStatuses?: ContainerStatus[];
  /** Guaranteed, Burstable or BestEffort, from the containers' requests and limits. */
  qosClass?: PodQOSClass;
  /** Statuses of the ephemeral containers. */
  ephemeralContainerStatuses?: ContainerStatus[];
  /** Status of an in-place resize: Proposed, InProgress, Deferred or Infeasible. */
  resize?: string;
}

/** A collection of containers that run together on one host. */
export interface Pod extends KubeObject {
  /** The desired behaviour of the pod. */
  spec: PodSpec;
  /** The most recently observed status of the pod; set by the system. */
  status?: PodStatus;
}
