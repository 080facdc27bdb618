import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/core/v1/index.js';
import { completionIndexOf, firstPendingIndexes, formatIndexes, matchSuccessPolicy, parseIndexes } from './indexes.js';

describe('indexes', () => {
  it('parses and formats intervals', () => {
    expect([...parseIndexes('1,3-5,7,bad,9', 8)]).toEqual([1, 3, 4, 5, 7]);
    expect(formatIndexes([7, 1, 3, 4, 5, 4])).toBe('1,3-5,7');
    expect(formatIndexes([])).toBe('');
  });

  it('finds the first pending indexes', () => {
    expect(firstPendingIndexes(3, 6, [new Set([0, 2]), new Set([3])])).toEqual([1, 4, 5]);
  });

  it('reads a pod index from the annotation or label', () => {
    const p = (md: Pod['metadata']): Pod => ({ metadata: md, spec: { containers: [] } });
    expect(completionIndexOf(p({ annotations: { 'batch.kubernetes.io/job-completion-index': '3' } }))).toBe(3);
    expect(completionIndexOf(p({ labels: { 'batch.kubernetes.io/job-completion-index': '2' } }))).toBe(2);
    expect(completionIndexOf(p({ annotations: { 'batch.kubernetes.io/job-completion-index': '-1' } }))).toBeUndefined();
  });
});

describe('matchSuccessPolicy', () => {
  it('matches by listed indexes, by count, or both', () => {
    const done = new Set([0, 2, 3]);
    expect(matchSuccessPolicy({ rules: [{ succeededIndexes: '0,2-3' }] }, 5, done)).toBe('Matched rules at index 0');
    expect(matchSuccessPolicy({ rules: [{ succeededIndexes: '0-1' }, { succeededCount: 3 }] }, 5, done)).toBe('Matched rules at index 1');
    expect(matchSuccessPolicy({ rules: [{ succeededIndexes: '0-4', succeededCount: 4 }] }, 5, done)).toBeUndefined();
    expect(matchSuccessPolicy(undefined, 5, done)).toBeUndefined();
  });
});
