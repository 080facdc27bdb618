/** apps/v1 Deployment and batch/v1 Job and CronJob. Field options as in meta.ts. */

export const APPS_PROTO = `
syntax = "proto2";
package gantry.apps;

message Deployment {
  optional .gantry.meta.ObjectMeta metadata = 1;
  optional DeploymentSpec spec = 2;
  optional DeploymentStatus status = 3;
}

message DeploymentSpec {
  optional int32 replicas = 1 [(ptr) = true];
  optional .gantry.meta.LabelSelector selector = 2;
  optional .gantry.core.PodTemplateSpec template = 3;
  optional DeploymentStrategy strategy = 4;
  optional int32 minReadySeconds = 5;
  optional int32 revisionHistoryLimit = 6 [(ptr) = true];
  optional bool paused = 7;
  optional int32 progressDeadlineSeconds = 9 [(ptr) = true];
}

message DeploymentStrategy {
  optional string type = 1;
  optional RollingUpdateDeployment rollingUpdate = 2;
}

message RollingUpdateDeployment {
  optional .gantry.meta.IntOrString maxUnavailable = 1;
  optional .gantry.meta.IntOrString maxSurge = 2;
}

message DeploymentStatus {
  optional int64 observedGeneration = 1;
  optional int32 replicas = 2;
  optional int32 updatedReplicas = 3;
  optional int32 availableReplicas = 4;
  optional int32 unavailableReplicas = 5;
  repeated DeploymentCondition conditions = 6;
  optional int32 readyReplicas = 7;
  optional int32 collisionCount = 8 [(ptr) = true];
}

message DeploymentCondition {
  optional string type = 1 [(keep) = true];
  optional string status = 2 [(keep) = true];
  optional string reason = 4;
  optional string message = 5;
  optional .gantry.meta.Time lastUpdateTime = 6;
  optional .gantry.meta.Time lastTransitionTime = 7;
}
`;

export const BATCH_PROTO = `
syntax = "proto2";
package gantry.batch;

message Job {
  optional .gantry.meta.ObjectMeta metadata = 1;
  optional JobSpec spec = 2;
  optional JobStatus status = 3;
}

message JobSpec {
  optional int32 parallelism = 1 [(ptr) = true];
  optional int32 completions = 2 [(ptr) = true];
  optional int64 activeDeadlineSeconds = 3 [(ptr) = true];
  optional .gantry.meta.LabelSelector selector = 4;
  optional bool manualSelector = 5 [(ptr) = true];
  optional .gantry.core.PodTemplateSpec template = 6;
  optional int32 backoffLimit = 7 [(ptr) = true];
  optional int32 ttlSecondsAfterFinished = 8 [(ptr) = true];
  optional string completionMode = 9 [(ptr) = true];
  optional bool suspend = 10 [(ptr) = true];
  optional int32 backoffLimitPerIndex = 12 [(ptr) = true];
  optional int32 maxFailedIndexes = 13 [(ptr) = true];
  optional string podReplacementPolicy = 14 [(ptr) = true];
  optional string managedBy = 15 [(ptr) = true];
}

message JobStatus {
  repeated JobCondition conditions = 1;
  optional .gantry.meta.Time startTime = 2;
  optional .gantry.meta.Time completionTime = 3;
  optional int32 active = 4;
  optional int32 succeeded = 5;
  optional int32 failed = 6;
  optional string completedIndexes = 7;
  optional UncountedTerminatedPods uncountedTerminatedPods = 8;
  optional int32 ready = 9 [(ptr) = true];
  optional string failedIndexes = 10 [(ptr) = true];
  optional int32 terminating = 11 [(ptr) = true];
}

message JobCondition {
  optional string type = 1 [(keep) = true];
  optional string status = 2 [(keep) = true];
  optional .gantry.meta.Time lastProbeTime = 3;
  optional .gantry.meta.Time lastTransitionTime = 4;
  optional string reason = 5;
  optional string message = 6;
}

message UncountedTerminatedPods {
  repeated string succeeded = 1;
  repeated string failed = 2;
}

message JobTemplateSpec {
  optional .gantry.meta.ObjectMeta metadata = 1;
  optional JobSpec spec = 2;
}

message CronJob {
  optional .gantry.meta.ObjectMeta metadata = 1;
  optional CronJobSpec spec = 2;
  optional CronJobStatus status = 3;
}

message CronJobSpec {
  optional string schedule = 1 [(keep) = true];
  optional int64 startingDeadlineSeconds = 2 [(ptr) = true];
  optional string concurrencyPolicy = 3;
  optional bool suspend = 4 [(ptr) = true];
  optional JobTemplateSpec jobTemplate = 5;
  optional int32 successfulJobsHistoryLimit = 6 [(ptr) = true];
  optional int32 failedJobsHistoryLimit = 7 [(ptr) = true];
  optional string timeZone = 8 [(ptr) = true];
}

message CronJobStatus {
  repeated .gantry.core.ObjectReference active = 1;
  optional .gantry.meta.Time lastScheduleTime = 4;
  optional .gantry.meta.Time lastSuccessfulTime = 5;
}
`;
