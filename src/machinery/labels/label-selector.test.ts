import { describe, it, expect } from 'vitest';
import { labelSelectorToString, selectorFromLabelSelector } from './label-selector.js';
import { SelectorError } from './requirement.js';

describe('selectorFromLabelSelector', () => {
  it('combines matchLabels and matchExpressions', () => {
    const s = selectorFromLabelSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['b', 'a'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'env', operator: 'NotIn', values: ['dev'] },
        { key: 'zone', operator: 'Exists' },
      ],
    });
    expect(s.toString()).toBe('app=web,!canary,env notin (dev),tier in (a,b),zone');
    expect(s.matches({ app: 'web', tier: 'a', zone: 'z1', env: 'prod' })).toBe(true);
    expect(s.matches({ app: 'web', tier: 'a', zone: 'z1', canary: 'true' })).toBe(false);
    expect(s.matches({ app: 'web', tier: 'c', zone: 'z1' })).toBe(false);
  });

  it('missing selects nothing, empty selects everything', () => {
    expect(selectorFromLabelSelector(undefined).matches({})).toBe(false);
    expect(selectorFromLabelSelector(null).matches({ a: 'b' })).toBe(false);
    expect(selectorFromLabelSelector({}).matches({ a: 'b' })).toBe(true);
    expect(selectorFromLabelSelector({ matchLabels: {}, matchExpressions: [] }).isEmpty()).toBe(true);
  });

  it('rejects bad operators, keys and values', () => {
    expect(() => selectorFromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Foo' as never }] })).toThrow(
      '"Foo" is not a valid label selector operator',
    );
    expect(() => selectorFromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })).toThrow(
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    );
    expect(() => selectorFromLabelSelector({ matchLabels: { 'bad key': 'x' } })).toThrow(SelectorError);
    expect(() => selectorFromLabelSelector({ matchLabels: { a: 'bad value' } })).toThrow('values[0][a]: Invalid value: "bad value"');
    expect(() => selectorFromLabelSelector({ matchExpressions: 'nope' as never })).toThrow(SelectorError);
    expect(() => selectorFromLabelSelector({ matchExpressions: [null as never] })).toThrow(SelectorError);
  });
});

describe('labelSelectorToString', () => {
  it('prints as kubectl does', () => {
    expect(labelSelectorToString({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] })).toBe(
      'app=web,tier in (a,b)',
    );
    expect(labelSelectorToString({})).toBe('<none>');
    expect(labelSelectorToString(undefined)).toBe('<none>');
    expect(labelSelectorToString({ matchExpressions: [{ key: 'a', operator: 'In' }] })).toBe('<error>');
  });
});
