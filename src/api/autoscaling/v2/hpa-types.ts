/** autoscaling/v2 HorizontalPodAutoscaler types. */
import type { KubeObject, LabelSelector } from '../../meta.js';

/** A resource quantity such as "500m" or "1Gi" (numbers are accepted too). */
export type QuantityValue = string | number;

/** Identifies the scaled (or described) object. */
export interface CrossVersionObjectReference {
  /** The kind of the referent, e.g. Deployment. */
  kind: string;
  /** The name of the referent. */
  name: string;
  /** The API version of the referent, e.g. apps/v1. */
  apiVersion?: string;
}

/** A metric by name, optionally narrowed by a label selector. */
export interface MetricIdentifier {
  /** The name of the metric. */
  name: string;
  /** Narrows the metric's series; the metrics server picks by name alone when unset. */
  selector?: LabelSelector;
}

/** The target value of a metric. */
export interface MetricTarget {
  /** Utilization, Value or AverageValue. */
  type: 'Utilization' | 'Value' | 'AverageValue';
  /** The target value of the metric as a quantity. */
  value?: QuantityValue;
  /** The target value of the metric averaged over the pods, as a quantity. */
  averageValue?: QuantityValue;
  /** The target percentage of the resource request, averaged over the pods (Resource metrics). */
  averageUtilization?: number;
}

/** A metric describing a single object, e.g. requests per second on an Ingress. */
export interface ObjectMetricSource {
  /** The object the metric describes. */
  describedObject: CrossVersionObjectReference;
  /** The target value for the metric. */
  target: MetricTarget;
  /** The metric. */
  metric: MetricIdentifier;
}

/** A metric averaged over the pods being scaled, e.g. transactions per second. */
export interface PodsMetricSource {
  /** The metric. */
  metric: MetricIdentifier;
  /** The target value for the metric (averageValue). */
  target: MetricTarget;
}

/** A resource (cpu, memory) of the pods being scaled, as Kubernetes knows from their requests. */
export interface ResourceMetricSource {
  /** The resource, e.g. cpu or memory. */
  name: string;
  /** The target value for the resource. */
  target: MetricTarget;
}

/** Like ResourceMetricSource, for one container of each pod. */
export interface ContainerResourceMetricSource {
  /** The resource, e.g. cpu or memory. */
  name: string;
  /** The target value for the resource. */
  target: MetricTarget;
  /** The container whose usage counts. */
  container: string;
}

/** A metric not associated with any Kubernetes object, e.g. a queue length. */
export interface ExternalMetricSource {
  /** The metric. */
  metric: MetricIdentifier;
  /** The target value for the metric. */
  target: MetricTarget;
}

export type MetricSourceType = 'Object' | 'Pods' | 'Resource' | 'ContainerResource' | 'External';

/** One metric to scale on; exactly the source matching `type` is set. */
export interface MetricSpec {
  /** Object, Pods, Resource, ContainerResource or External. */
  type: MetricSourceType;
  /** A metric describing a single object. */
  object?: ObjectMetricSource;
  /** A metric averaged over the pods. */
  pods?: PodsMetricSource;
  /** A resource of the pods. */
  resource?: ResourceMetricSource;
  /** A resource of one container of the pods. */
  containerResource?: ContainerResourceMetricSource;
  /** A metric from outside the cluster. */
  external?: ExternalMetricSource;
}

/** One limit on how fast replicas may change. */
export interface HPAScalingPolicy {
  /** Pods (an absolute number) or Percent (of the current replicas). */
  type: 'Pods' | 'Percent';
  /** The amount of change allowed; greater than zero. */
  value: number;
  /** The window, in seconds, over which the policy holds; 1 to 1800. */
  periodSeconds: number;
}

/** How scaling in one direction behaves. */
export interface HPAScalingRules {
  /** Seconds of past recommendations considered before scaling (0 to 3600). */
  stabilizationWindowSeconds?: number;
  /** Which policy applies when several do: Max (default), Min or Disabled. */
  selectPolicy?: 'Max' | 'Min' | 'Disabled';
  /** The policies; at least one. */
  policies?: HPAScalingPolicy[];
}

/** Scaling behaviour in both directions. */
export interface HorizontalPodAutoscalerBehavior {
  /** Rules for scaling up. Defaults to the larger of 4 pods or 100% every 15 seconds, no stabilization. */
  scaleUp?: HPAScalingRules;
  /** Rules for scaling down. Defaults to 100% every 15 seconds after a 300 second window. */
  scaleDown?: HPAScalingRules;
}

/** The desired autoscaling. */
export interface HorizontalPodAutoscalerSpec {
  /** The resource to scale, through its /scale subresource. */
  scaleTargetRef: CrossVersionObjectReference;
  /** The lower limit of replicas. Defaults to 1. */
  minReplicas?: number;
  /** The upper limit of replicas; at least minReplicas. */
  maxReplicas: number;
  /** The metrics to scale on. Defaults to 80% average CPU utilization. */
  metrics?: MetricSpec[];
  /** How fast to scale in each direction. */
  behavior?: HorizontalPodAutoscalerBehavior;
}

/** The current value of a metric. */
export interface MetricValueStatus {
  /** The current value as a quantity. */
  value?: QuantityValue;
  /** The current value averaged over the pods. */
  averageValue?: QuantityValue;
  /** The current percentage of the resource request, averaged over the pods. */
  averageUtilization?: number;
}

/** The last observed value of one metric; the source matching `type` is set. */
export interface MetricStatus {
  /** Object, Pods, Resource, ContainerResource or External. */
  type: MetricSourceType;
  /** An object metric. */
  object?: { metric: MetricIdentifier; current: MetricValueStatus; describedObject: CrossVersionObjectReference };
  /** A pods metric. */
  pods?: { metric: MetricIdentifier; current: MetricValueStatus };
  /** A resource metric. */
  resource?: { name: string; current: MetricValueStatus };
  /** A container resource metric. */
  containerResource?: { name: string; container: string; current: MetricValueStatus };
  /** An external metric. */
  external?: { metric: MetricIdentifier; current: MetricValueStatus };
}

/** A condition of an HPA: AbleToScale, ScalingActive or ScalingLimited. */
export interface HorizontalPodAutoscalerCondition {
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

/** The observed state of the autoscaler. */
export interface HorizontalPodAutoscalerStatus {
  /** The generation the autoscaler last observed. */
  observedGeneration?: number;
  /** When the autoscaler last scaled. */
  lastScaleTime?: string;
  /** The current number of replicas of the scaled pods. */
  currentReplicas?: number;
  /** The number of replicas the autoscaler last wanted. */
  desiredReplicas: number;
  /** The last read values of the metrics. */
  currentMetrics?: MetricStatus[];
  /** The conditions the autoscaler needs to scale. */
  conditions?: HorizontalPodAutoscalerCondition[];
}

/** Automatically scales a workload through its /scale subresource, from metrics. */
export interface HorizontalPodAutoscaler extends KubeObject {
  /** The desired autoscaling. */
  spec: HorizontalPodAutoscalerSpec;
  /** The current state. */
  status?: HorizontalPodAutoscalerStatus;
}
