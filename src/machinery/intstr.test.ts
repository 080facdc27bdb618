import { describe, it, expect } from 'vitest';
import { IntOrStringError, getScaledValueFromIntOrPercent, intOrPercentValue, validateIntOrPercent } from './intstr.js';

describe('getScaledValueFromIntOrPercent', () => {
  const table: [number | string, number, boolean, number][] = [
    [5, 10, true, 5],
    [0, 10, false, 0],
    ['25%', 10, true, 3],
    ['25%', 10, false, 2],
    ['100%', 7, false, 7],
    ['0%', 7, true, 0],
    ['50%', 3, true, 2],
    ['50%', 3, false, 1],
    ['33%', 100, false, 33],
    ['1%', 1, true, 1],
    ['1%', 1, false, 0],
  ];
  it.each(table)('%j of %d (roundUp %s) = %d', (v, total, roundUp, want) => {
    expect(getScaledValueFromIntOrPercent(v, total, { roundUp })).toBe(want);
  });

  it('rejects values that are neither integers nor percentages', () => {
    expect(() => getScaledValueFromIntOrPercent('5', 10, { roundUp: true })).toThrow(
      'invalid value for IntOrString: invalid type: string is not a percentage',
    );
    expect(() => getScaledValueFromIntOrPercent('abc%', 10, { roundUp: true })).toThrow(
      'invalid value for IntOrString: invalid value "abc%": strconv.Atoi: parsing "abc": invalid syntax',
    );
    expect(() => getScaledValueFromIntOrPercent(1.5, 10, { roundUp: true })).toThrow(IntOrStringError);
    expect(() => getScaledValueFromIntOrPercent(undefined, 10, { roundUp: true })).toThrow('nil value for IntOrString');
    expect(() => getScaledValueFromIntOrPercent({} as never, 10, { roundUp: true })).toThrow('neither int nor percentage');
  });

  it('intOrPercentValue', () => {
    expect(intOrPercentValue('30%')).toEqual({ value: 30, isPercent: true });
    expect(intOrPercentValue(3)).toEqual({ value: 3, isPercent: false });
  });
});

describe('validateIntOrPercent', () => {
  it('accepts non-negative integers and percentages', () => {
    expect(validateIntOrPercent(0, 'spec.maxSurge')).toEqual([]);
    expect(validateIntOrPercent('25%', 'spec.maxSurge')).toEqual([]);
  });

  it('words errors as upstream', () => {
    expect(validateIntOrPercent(-1, 'f')[0]?.message).toBe('Invalid value: -1: must be greater than or equal to 0');
    expect(validateIntOrPercent('25', 'f')[0]?.message).toContain("a valid percent string must be a numeric string followed by an ending '%'");
    expect(validateIntOrPercent('120%', 'f', { max100: true })[0]?.message).toBe('Invalid value: "120%": must not be greater than 100%');
    expect(validateIntOrPercent(true, 'f')[0]?.message).toBe("Invalid value: true: must be an integer or percentage (e.g '5%')");
  });
});
