import { describe, expect, it } from 'vitest';
import type { LabelSelector } from '../meta.js';
import {
  formatLabelSelector,
  labelSelectorMatches,
  labelSelectorToString,
  validateLabelSelector,
  validateSelectorMatchesLabels,
} from './label-selector.js';

const web: LabelSelector = {
  matchLabels: { app: 'web' },
  matchExpressions: [
    { key: 'tier', operator: 'In', values: ['fe', 'be'] },
    { key: 'canary', operator: 'DoesNotExist' },
  ],
};

describe('labelSelectorToString', () => {
  it.each<[LabelSelector | undefined, string]>([
    [undefined, ''],
    [{}, ''],
    [web, 'app=web,!canary,tier in (be,fe)'],
    [{ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }, { key: 'a', operator: 'Exists' }] }, 'a,env notin (prod)'],
  ])('%j → %s', (sel, want) => {
    expect(labelSelectorToString(sel)).toBe(want);
  });

  it('formats for tables', () => {
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Maybe' as never }] })).toBe('<error>');
  });
});

describe('labelSelectorMatches', () => {
  it.each<[Record<string, string>, boolean]>([
    [{ app: 'web', tier: 'fe' }, true],
    [{ app: 'web', tier: 'db' }, false],
    [{ app: 'web', tier: 'fe', canary: 'true' }, false],
    [{ tier: 'fe' }, false],
  ])('%j → %s', (labels, want) => {
    expect(labelSelectorMatches(web, labels)).toBe(want);
  });

  it('matches everything with an empty selector and nothing without one', () => {
    expect(labelSelectorMatches({}, {})).toBe(true);
    expect(labelSelectorMatches(undefined, { a: 'b' })).toBe(false);
  });
});

describe('validateLabelSelector', () => {
  it('words problems as upstream', () => {
    const sel: LabelSelector = {
      matchLabels: { 'bad key!': 'v' },
      matchExpressions: [
        { key: 'a', operator: 'Exists', values: ['x'] },
        { key: 'b', operator: 'Near' as never },
      ],
    };
    expect(validateLabelSelector(sel, 'spec.selector').map((e) => `${e.field}: ${e.message}`)).toEqual([
      expect.stringMatching(/^spec\.selector\.matchLabels: Invalid value: "bad key!": name part must consist of/),
      "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.selector.matchExpressions[1].operator: Invalid value: "Near": not a valid selector operator',
    ]);
  });

  it('reports a selector that does not select the template', () => {
    expect(validateSelectorMatchesLabels({ matchLabels: { a: 'b' } }, { a: 'c' }, 'spec.template.metadata.labels')).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'spec.template.metadata.labels',
        message: 'Invalid value: map[string]string{"a":"c"}: `selector` does not match template `labels`',
      },
    ]);
    expect(validateSelectorMatchesLabels({}, { a: 'c' }, 'x')).toEqual([]);
  });
});
