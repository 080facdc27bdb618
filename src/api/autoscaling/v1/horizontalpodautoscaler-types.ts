/** autoscaling/v1 HorizontalPodAutoscaler types (CPU-only; other metrics ride in annotations). */
import type { KubeObject } from '../../meta.js';
import type { CrossVersionObjectReference } from '../v2/hpa-types.js';

/** The desired autoscaling. */
export interface HorizontalPodAutoscalerSpec {
  /** The resource to scale, through its /scale subresource. */
  scaleTargetRef: CrossVersionObjectReference;
  /** The lower limit of replicas. Defaults to 1. */
  minReplicas?: number;
  /** The upper limit of replicas; at least minReplicas. */
  maxReplicas: number;
  /** The target average CPU utilization, as a percentage of the requested CPU. Defaults to 80 when no other metric is set. */
  targetCPUUtilizationPercentage?: number;
}

/** The observed state of the autoscaler. */
export interface HorizontalPodAutoscalerStatus {
  /** The generation the autoscaler last observed. */
  observedGeneration?: number;
  /** When the autoscaler last scaled. */
  lastScaleTime?: string;
  /** The current number of replicas of the scaled pods. */
  currentReplicas: number;
  /** The number of replicas the autoscaler last wanted. */
  desiredReplicas: number;
  /** The current average CPU utilization, as a percentage of the requested CPU. */
  currentCPUUtilizationPercentage?: number;
}

/** Configuration of a horizontal pod autoscaler (CPU utilization only in this version). */
export interface HorizontalPodAutoscaler extends KubeObject {
  /** The desired autoscaling. */
  spec: HorizontalPodAutoscalerSpec;
  /** The current state. */
  status?: HorizontalPodAutoscalerStatus;
}
