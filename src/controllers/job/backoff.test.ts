import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/core/v1/index.js';
import { finishedPod } from './testing.js';
import { backoffDelay, nextBackoffRecord, podFinishedTime, remainingBackoff } from './backoff.js';

const timing = { baseMs: 10_000, maxMs: 360_000 };

describe('backoff', () => {
  it('doubles from the base and caps', () => {
    expect([0, 1, 2, 3, 6, 7, 20].map((n) => backoffDelay(n, timing))).toEqual([0, 10_000, 20_000, 40_000, 320_000, 360_000, 360_000]);
  });

  it('counts failures since the last success', () => {
    const f1 = finishedPod('f1', '2024-01-01T00:00:10Z');
    const f2 = finishedPod('f2', '2024-01-01T00:00:30Z');
    let rec = nextBackoffRecord(undefined, [], [f2, f1]);
    expect(rec).toEqual({ failuresAfterLastSuccess: 2, lastFailureTime: Date.parse('2024-01-01T00:00:30Z') });
    const s = finishedPod('s', '2024-01-01T00:00:20Z', 0);
    const f3 = finishedPod('f3', '2024-01-01T00:00:40Z');
    rec = nextBackoffRecord(rec, [s], [f3]);
    expect(rec).toEqual({ failuresAfterLastSuccess: 1, lastFailureTime: Date.parse('2024-01-01T00:00:40Z') });
    expect(nextBackoffRecord(rec, [finishedPod('s2', '2024-01-01T00:01:00Z', 0)], [])).toEqual({ failuresAfterLastSuccess: 0 });
  });

  it('answers the remaining wait', () => {
    const rec = { failuresAfterLastSuccess: 2, lastFailureTime: 1_000_000 };
    expect(remainingBackoff(rec, 1_005_000, timing)).toBe(15_000);
    expect(remainingBackoff(rec, 1_030_000, timing)).toBe(0);
    expect(remainingBackoff(undefined, 0, timing)).toBe(0);
  });

  it('reads the finish time from containers, then conditions, then metadata', () => {
    expect(podFinishedTime(finishedPod('a', '2024-01-01T00:00:10Z'))).toBe(Date.parse('2024-01-01T00:00:10Z'));
    const bare: Pod = { metadata: { name: 'b', creationTimestamp: '2024-01-01T00:00:00Z' }, spec: { containers: [] } };
    expect(podFinishedTime(bare)).toBe(Date.parse('2024-01-01T00:00:00Z'));
  });
});

