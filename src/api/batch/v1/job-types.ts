/** batch/v1 Job types. */
import type { PodTemplateSpec } from '../../core/v1/pod-spec.js';
import type { KubeObject, LabelSelector } from '../../meta.js';

/** Exit codes of a container that a pod failure policy rule matches. */
export interface PodFailurePolicyOnExitCodesRequirement {
  /** Only this container's exit code is checked; every container's when unset. */
  containerName?: string;
  /** In or NotIn: how the exit code relates to values. */
  operator: 'In' | 'NotIn';
  /** Exit codes, ordered and without duplicates; 0 is not allowed with In. */
  values: number[];
}

/** A pod condition that a pod failure policy rule matches. */
export interface PodFailurePolicyOnPodConditionsPattern {
  /** The pod condition type, e.g. DisruptionTarget. */
  type: string;
  /** The condition status to match. Defaults to True. */
  status?: 'True' | 'False' | 'Unknown';
}

/** What to do with a failed pod that matches the rule. */
export interface PodFailurePolicyRule {
  /** FailJob, FailIndex, Ignore (do not count the failure) or Count (count it as usual). */
  action: 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';
  /** Matches by container exit codes. */
  onExitCodes?: PodFailurePolicyOnExitCodesRequirement;
  /** Matches by pod conditions; any pattern matching is enough. */
  onPodConditions?: PodFailurePolicyOnPodConditionsPattern[];
}

/** How failed pods affect the job's backoff limit. */
export interface PodFailurePolicy {
  /** Rules evaluated in order; the first that matches applies. At most 20. */
  rules: PodFailurePolicyRule[];
}

/** A rule that declares an Indexed job succeeded early. */
export interface SuccessPolicyRule {
  /** Indexes that must succeed, as intervals such as "1,3-5,7". */
  succeededIndexes?: string;
  /** How many of succeededIndexes (or of all indexes) must succeed. */
  succeededCount?: number;
}

/** When an Indexed job counts as succeeded. */
export interface SuccessPolicy {
  /** Any rule being met makes the job succeed. */
  rules: SuccessPolicyRule[];
}

/** The desired behaviour of a Job. */
export interface JobSpec {
  /** The most pods the job runs at once. Defaults to 1. */
  parallelism?: number;
  /** How many pods must succeed. Defaults to 1 unless only parallelism is set (then any success finishes the job). */
  completions?: number;
  /** Seconds the job may be active, from its start, before the system terminates it. */
  activeDeadlineSeconds?: number;
  /** How failed pods count against backoffLimit. Requires restartPolicy Never. */
  podFailurePolicy?: PodFailurePolicy;
  /** When an Indexed job counts as succeeded before all indexes finish. */
  successPolicy?: SuccessPolicy;
  /** Retries before the job is marked failed. Defaults to 6. */
  backoffLimit?: number;
  /** Retries per index of an Indexed job. */
  backoffLimitPerIndex?: number;
  /** How many indexes may fail before the job fails (with backoffLimitPerIndex). */
  maxFailedIndexes?: number;
  /** A label query over pods; generated from the job's uid unless manualSelector is true. Immutable. */
  selector?: LabelSelector;
  /** Set to manage the selector and pod labels yourself. Defaults to false. */
  manualSelector?: boolean;
  /** The pods to run. Its restartPolicy must be OnFailure or Never. */
  template: PodTemplateSpec;
  /** Seconds after the job finishes before it is deleted automatically. */
  ttlSecondsAfterFinished?: number;
  /** NonIndexed (the default) or Indexed (each pod gets a completion index). Immutable. */
  completionMode?: 'NonIndexed' | 'Indexed';
  /** While true, no pods are created and running ones are terminated. Defaults to false. */
  suspend?: boolean;
  /** When failed pods are replaced: TerminatingOrFailed (default) or Failed (only once fully terminated). */
  podReplacementPolicy?: 'TerminatingOrFailed' | 'Failed';
  /** The controller that manages the job, when not the built-in one. Immutable. */
  managedBy?: string;
}

/** A condition of a Job: Complete, Failed, Suspended, FailureTarget, SuccessCriteriaMet. */
export interface JobCondition {
  /** The condition type. */
  type: string;
  /** True, False or Unknown. */
  status: 'True' | 'False' | 'Unknown';
  /** The last time the condition was checked. */
  lastProbeTime?: string;
  /** The last time the condition changed from one status to another. */
  lastTransitionTime?: string;
  /** The reason for the last transition, in CamelCase. */
  reason?: string;
  /** A human-readable description of the last transition. */
  message?: string;
}

/** Finished pods whose outcome is not yet counted in the status. */
export interface UncountedTerminatedPods {
  /** UIDs of succeeded pods. */
  succeeded?: string[];
  /** UIDs of failed pods. */
  failed?: string[];
}

/** The observed state of a Job. */
export interface JobStatus {
  /** The latest available observations of the job's state. */
  conditions?: JobCondition[];
  /** When the job controller started working on the job. */
  startTime?: string;
  /** When the job completed. */
  completionTime?: string;
  /** Pending and running pods that are not terminating. */
  active?: number;
  /** Pods that succeeded. */
  succeeded?: number;
  /** Pods that failed. */
  failed?: number;
  /** Pods that are terminating. */
  terminating?: number;
  /** Completed indexes of an Indexed job, as intervals such as "1,3-5". */
  completedIndexes?: string;
  /** Failed indexes of an Indexed job with backoffLimitPerIndex. */
  failedIndexes?: string;
  /** Finished pods not yet counted. */
  uncountedTerminatedPods?: UncountedTerminatedPods;
  /** Active pods with a Ready condition. */
  ready?: number;
}

/** A task that runs pods to completion. */
export interface Job extends KubeObject {
  /** The desired behaviour of the job. */
  spec: JobSpec;
  /** The current status of the job. */
  status?: JobStatus;
}
