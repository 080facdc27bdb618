import { describe, expect, it } from 'vitest';
import { finishedPod } from './testing.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';

describe('matchPodFailurePolicy', () => {
  const policy = {
    rules: [
      { action: 'Ignore' as const, onPodConditions: [{ type: 'DisruptionTarget' }] },
      { action: 'FailJob' as const, onExitCodes: { containerName: 'main', operator: 'In' as const, values: [42] } },
      { action: 'Count' as const, onExitCodes: { operator: 'NotIn' as const, values: [42] } },
    ],
  };

  it('without a policy every failure counts', () => {
    expect(matchPodFailurePolicy(undefined, finishedPod('p', 'x'))).toEqual({ countFailed: true });
  });

  it('fails the job on a matching exit code, with upstream wording', () => {
    const m = matchPodFailurePolicy(policy, finishedPod('p', '2024-01-01T00:00:00Z', 42));
    expect(m.action).toBe('FailJob');
    expect(m.failJobMessage).toBe('Container main for pod ns/p failed with exit code 42 matching FailJob rule at index 1');
  });

  it('ignores disruptions and counts other codes', () => {
    const disrupted = finishedPod('p', 'x', 137, { conditions: [{ type: 'DisruptionTarget', status: 'True' }] });
    expect(matchPodFailurePolicy(policy, disrupted)).toEqual({ action: 'Ignore', countFailed: false });
    expect(matchPodFailurePolicy(policy, finishedPod('p', 'x', 3))).toEqual({ action: 'Count', countFailed: true });
  });
});

