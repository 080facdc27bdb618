import { describe, expect, it } from 'vitest';
import { goIntOrString, goLabelSelector, goQuotedList, goStringMap, invalidOmitValue } from './go-format.js';

describe('Go value rendering', () => {
  it('renders maps, selectors and int-or-strings as %#v does', () => {
    expect(goStringMap({ b: '2', a: '1' })).toBe('map[string]string{"a":"1", "b":"2"}');
    expect(goStringMap(undefined)).toBe('map[string]string(nil)');
    expect(goStringMap({})).toBe('map[string]string{}');
    expect(goLabelSelector({ matchExpressions: [{ key: 'k', operator: 'Exists' }] })).toBe(
      'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"k", Operator:"Exists", Values:[]string(nil)}}}',
    );
    expect(goIntOrString(5)).toBe('intstr.IntOrString{Type:0, IntVal:5, StrVal:""}');
    expect(goQuotedList(['In', 'NotIn'])).toBe('["In" "NotIn"]');
    expect(invalidOmitValue('spec', 'nope').message).toBe('Invalid value: nope');
  });
});
