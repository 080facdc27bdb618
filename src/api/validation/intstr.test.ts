import { describe, expect, it } from 'vitest';
import { intOrPercentValue, scaledValue, validateNotMoreThan100Percent, validatePositiveIntOrPercent } from './intstr.js';

describe('int-or-string helpers', () => {
  it('reads values', () => {
    expect([intOrPercentValue(3), intOrPercentValue('25%'), intOrPercentValue('x'), intOrPercentValue(undefined)]).toEqual([3, 25, 0, 0]);
  });

  it('scales percentages against a total', () => {
    expect([scaledValue('25%', 10, true), scaledValue('25%', 10, false), scaledValue(2, 10, true)]).toEqual([3, 2, 2]);
  });

  it('validates with upstream wording', () => {
    expect(validatePositiveIntOrPercent(-1, 'f')[0]!.message).toBe('Invalid value: -1: must be greater than or equal to 0');
    expect(validatePositiveIntOrPercent('10', 'f')[0]!.message).toMatch(/^Invalid value: intstr\.IntOrString\{Type:1, IntVal:0, StrVal:"10"\}: a valid percent string/);
    expect(validatePositiveIntOrPercent('10%', 'f')).toEqual([]);
    expect(validateNotMoreThan100Percent('101%', 'f')[0]!.message).toBe(
      'Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"101%"}: must not be greater than 100%',
    );
    expect(validateNotMoreThan100Percent(500, 'f')).toEqual([]);
  });
});
