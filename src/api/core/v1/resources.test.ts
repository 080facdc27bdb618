import { describe, expect, it } from 'vitest';
import { defaultResourceRequirements, normalizeResourceList, quantityCell, validateResourceRequirements } from './resources.js';
import { show } from './test-support.js';

describe('resources', () => {
  it('normalises quantities the way the apiserver stores them', () => {
    const list = { cpu: '0.5', memory: '1.5Gi', 'ephemeral-storage': '1000M', bad: 'x' };
    normalizeResourceList(list);
    expect(list).toEqual({ cpu: '500m', memory: '1536Mi', 'ephemeral-storage': '1G', bad: 'x' });
  });

  it('defaults requests from limits', () => {
    const r = { limits: { cpu: '1' }, requests: { memory: '1Gi' } };
    defaultResourceRequirements(r);
    expect(r).toEqual({ limits: { cpu: '1' }, requests: { memory: '1Gi', cpu: '1' } });
  });

  it.each<[string, Parameters<typeof validateResourceRequirements>[0], string[]]>([
    ['fine', { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } }, []],
    ['negative', { requests: { cpu: '-1' } }, ['r.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0']],
    ['memory request above limit', { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } }, ['r.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi']],
    ['gpu without limit', { requests: { 'example.com/gpu': '1' } }, ['r.limits: Required value: Limit must be set for non overcommitable resources']],
    ['gpu request != limit', { requests: { 'example.com/gpu': '1' }, limits: { 'example.com/gpu': '2' } }, ['r.requests: Invalid value: "1": must be equal to example.com/gpu limit of 2']],
    ['fractional gpu', { limits: { 'example.com/gpu': '500m' } }, ['r.limits[example.com/gpu]: Invalid value: "500m": must be an integer']],
    ['huge pages alone', { limits: { 'hugepages-2Mi': '2Mi' } }, ['r: Forbidden: HugePages require cpu or memory']],
    ['kubernetes.io resource', { limits: { 'kubernetes.io/foo': '1' } }, []],
  ])('%s', (_n, r, want) => {
    expect(show(validateResourceRequirements(r, 'r'))).toEqual(want);
  });

  it('prints quantities for cells', () => {
    expect([quantityCell('1.5Gi'), quantityCell(undefined), quantityCell('nope')]).toEqual(['1536Mi', '0', '0']);
  });
});
