/** A Job's podFailurePolicy applied to one failed pod (upstream pod_failure_policy.go). */
import type { ContainerStatus, Pod, PodCondition } from '../../api/core/v1/index.js';
import type { PodFailurePolicy, PodFailurePolicyOnExitCodesRequirement, PodFailurePolicyOnPodConditionsPattern, PodFailurePolicyRule } from '../../api/batch/v1/index.js';

export type PolicyAction = PodFailurePolicyRule['action'];

/** The verdict on a failed pod. */
export interface PolicyMatch {
  /** The matching rule's action; undefined when no rule matched. */
  action?: PolicyAction;
  /** Whether the failure counts against backoffLimit (false for Ignore). */
  countFailed: boolean;
  /** For FailJob: the message of the Job's failure condition. */
  failJobMessage?: string;
}

function exitCodeMatches(code: number, req: PodFailurePolicyOnExitCodesRequirement): boolean {
  const listed = (req.values ?? []).includes(code);
  return req.operator === 'In' ? listed : req.operator === 'NotIn' ? !listed : false;
}

function matchingContainer(statuses: ContainerStatus[] | undefined, req: PodFailurePolicyOnExitCodesRequirement): ContainerStatus | undefined {
  for (const cs of statuses ?? []) {
    const t = cs.state?.terminated;
    if (!t) continue;
    if (req.containerName && req.containerName !== cs.name) continue;
    if (t.exitCode !== 0 && exitCodeMatches(t.exitCode, req)) return cs;
  }
  return undefined;
}

function matchOnExitCodes(pod: Pod, req: PodFailurePolicyOnExitCodesRequirement): ContainerStatus | undefined {
  return matchingContainer(pod.status?.containerStatuses, req) ?? matchingContainer(pod.status?.initContainerStatuses, req);
}

function matchOnConditions(pod: Pod, patterns: PodFailurePolicyOnPodConditionsPattern[]): PodCondition | undefined {
  for (const c of pod.status?.conditions ?? []) {
    for (const p of patterns) {
      if (c.type === p.type && c.status === (p.status ?? 'True')) return c;
    }
  }
  return undefined;
}

/** Evaluates the rules in order; the first that matches decides. No policy: the failure counts. */
export function matchPodFailurePolicy(policy: PodFailurePolicy | undefined, pod: Pod): PolicyMatch {
  if (!policy) return { countFailed: true };
  const who = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
  for (const [index, rule] of (policy.rules ?? []).entries()) {
    let what: string | undefined;
    if (rule.onExitCodes) {
      const cs = matchOnExitCodes(pod, rule.onExitCodes);
      if (cs) what = `Container ${cs.name} for pod ${who} failed with exit code ${cs.state!.terminated!.exitCode}`;
    } else if (rule.onPodConditions) {
      const cond = matchOnConditions(pod, rule.onPodConditions);
      if (cond) what = `Pod ${who} has condition ${cond.type}`;
    }
    if (what === undefined) continue;
    switch (rule.action) {
      case 'Ignore':
        return { action: 'Ignore', countFailed: false };
      case 'FailJob':
        return { action: 'FailJob', countFailed: true, failJobMessage: `${what} matching FailJob rule at index ${index}` };
      case 'FailIndex':
      case 'Count':
        return { action: rule.action, countFailed: true };
      default:
        continue;
    }
  }
  return { countFailed: true };
}
