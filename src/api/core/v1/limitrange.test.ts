import { describe, expect, it } from 'vitest';
import { type LimitRange, type LimitRangeItem, limitRange } from './limitrange.js';
import { ago, created, problems, row } from './test-support.js';

function lr(limits: LimitRangeItem[]): LimitRange {
  return { metadata: { name: 'limits', namespace: 'default' }, spec: { limits } };
}

describe('LimitRange', () => {
  it('defaults container limits and requests from max, default and min', () => {
    const l = created(limitRange, lr([{ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' }, default: { memory: '256Mi' } }]));
    expect(l.spec!.limits[0]).toEqual({
      type: 'Container',
      max: { cpu: '2' },
      min: { memory: '64Mi' },
      default: { memory: '256Mi', cpu: '2' },
      defaultRequest: { memory: '256Mi', cpu: '2' },
    });
    expect(problems(limitRange, l)).toEqual([]);
  });

  it('checks the ordering of min, default and max', () => {
    expect(problems(limitRange, lr([{ type: 'Pod', min: { cpu: '2' }, max: { cpu: '1' } }]))).toEqual([
      'spec.limits[0].min[cpu]: Invalid value: "2": min value 2 is greater than max value 1',
    ]);
    expect(problems(limitRange, lr([{ type: 'Container', default: { cpu: '3' }, max: { cpu: '1' }, defaultRequest: { cpu: '500m' } }]))).toEqual([
      'spec.limits[0].default[cpu]: Invalid value: "1": default value 3 is greater than max value 1',
    ]);
    expect(problems(limitRange, lr([{ type: 'Pod' }, { type: 'Pod' }]))).toEqual(['spec.limits[1].type: Duplicate value: "Pod"']);
  });

  it('prints the default Name / Created At table', () => {
    const l = lr([]);
    l.metadata.creationTimestamp = ago(0);
    expect(row(limitRange, l)).toEqual({ Name: 'limits', 'Created At': '2024-05-01T12:00:00Z' });
    expect(limitRange.shortNames).toEqual(['limits']);
  });
});
