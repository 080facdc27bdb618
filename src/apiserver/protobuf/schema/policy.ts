/** policy/v1 PodDisruptionBudget and Eviction, and scheduling.k8s.io/v1 PriorityClass. Field options as in meta.ts. */

export const POLICY_PROTO = `
syntax = "proto2";
package gantry.policy;

message PodDisruptionBudget {
  optional .gantry.meta.ObjectMeta metadata = 1;
  optional PodDisruptionBudgetSpec spec = 2;
  optional PodDisruptionBudgetStatus status = 3;
}

message PodDisruptionBudgetSpec {
  optional .gantry.meta.IntOrString minAvailable = 1;
  optional .gantry.meta.LabelSelector selector = 2;
  optional .gantry.meta.IntOrString maxUnavailable = 3;
  optional string unhealthyPodEvictionPolicy = 4 [(ptr) = true];
}

message PodDisruptionBudgetStatus {
  optional int64 observedGeneration = 1;
  map<string, .gantry.meta.Time> disruptedPods = 2;
  optional int32 disruptionsAllowed = 3 [(keep) = true];
  optional int32 currentHealthy = 4 [(keep) = true];
  optional int32 desiredHealthy = 5 [(keep) = true];
  optional int32 expectedPods = 6 [(keep) = true];
  repeated .gantry.meta.Condition conditions = 7;
}

message Eviction {
  optional .gantry.meta.ObjectMeta metadata = 1;
  optional .gantry.meta.DeleteOptions deleteOptions = 2;
}
`;

export const SCHEDULING_PROTO = `
syntax = "proto2";
package gantry.scheduling;

message PriorityClass {
  optional .gantry.meta.ObjectMeta metadata = 1;
  optional int32 value = 2 [(keep) = true];
  optional bool globalDefault = 3;
  optional string description = 4;
  optional string preemptionPolicy = 5 [(ptr) = true];
}
`;
