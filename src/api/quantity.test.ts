import { describe, expect, it } from 'vitest';
import {
  QUANTITY_FORMAT_ERROR,
  QUANTITY_SUFFIX_ERROR,
  QuantityError,
  addQuantities,
  canonicalQuantity,
  compareQuantities,
  normalizeQuantity,
  parseQuantity,
  quantityError,
  quantityFromMilli,
  quantityFromValue,
  quantityMilliValue,
  quantityToNumber,
  quantityToString,
  quantityValue,
  subtractQuantities,
  tryParseQuantity,
} from './quantity.js';

const str = (s: string | number): string => quantityToString(parseQuantity(s));

describe('parseQuantity / quantityToString', () => {
  it.each([
    ['0', '0'],
    ['100m', '100m'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['0.5', '500m'],
    ['1.5', '1500m'],
    ['1', '1'],
    ['1000', '1k'],
    ['1024', '1024'],
    ['128974848', '128974848'],
    ['129e6', '129e6'],
    ['129M', '129M'],
    ['123Mi', '123Mi'],
    ['1Ki', '1Ki'],
    ['1024Ki', '1Mi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Gi', '512Mi'],
    ['2.5Gi', '2560Mi'],
    ['1.5Ki', '1536'],
    ['0.5Ki', '512'],
    ['1.1Ki', '1126400m'],
    ['8Mi', '8Mi'],
    ['1e3', '1e3'],
    ['1.1e3', '1100'],
    ['12e6', '12e6'],
    ['100n', '100n'],
    ['1u', '1u'],
    ['0.1n', '1n'],
    ['-100m', '-100m'],
    ['-0', '0'],
    ['000', '0'],
    ['2k', '2k'],
    ['2000k', '2M'],
    ['1.', '1.'],
    ['.5', '500m'],
    ['1E', '1E'],
  ])('%s → %s', (input, want) => {
    expect(str(input)).toBe(want);
  });

  it('keeps input text that is already canonical, as upstream does', () => {
    expect(str('1.500')).toBe('1.500');
    expect(canonicalQuantity(parseQuantity('1.500'))).toBe('1500m');
  });

  it('reads JSON numbers', () => {
    expect(str(0.5)).toBe('500m');
    expect(str(2)).toBe('2');
    expect(str(1e21)).toBe('1e21');
  });

  it.each([
    ['', QUANTITY_FORMAT_ERROR],
    ['abc', QUANTITY_FORMAT_ERROR],
    ['1.2.3', QUANTITY_FORMAT_ERROR],
    ['1GB', QUANTITY_FORMAT_ERROR],
    ['1k ', QUANTITY_FORMAT_ERROR],
    ['5MM', QUANTITY_SUFFIX_ERROR],
    ['1K', QUANTITY_SUFFIX_ERROR],
    ['1e', QUANTITY_SUFFIX_ERROR],
    ['1Ki2', QUANTITY_SUFFIX_ERROR],
  ])('%j is refused', (input, message) => {
    expect(() => parseQuantity(input)).toThrow(QuantityError);
    expect(quantityError(input)).toBe(message);
    expect(tryParseQuantity(input)).toBeUndefined();
  });

  it('refuses non-strings and non-numbers', () => {
    expect(quantityError(null)).toBe(QUANTITY_FORMAT_ERROR);
    expect(quantityError({})).toBe(QUANTITY_FORMAT_ERROR);
    expect(quantityError('1')).toBeUndefined();
  });

  it('quotes the pattern upstream uses', () => {
    expect(QUANTITY_FORMAT_ERROR).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });
});

describe('arithmetic and conversions', () => {
  it('compares across formats', () => {
    expect(compareQuantities(parseQuantity('1Gi'), parseQuantity('1G'))).toBe(1);
    expect(compareQuantities(parseQuantity('1000m'), parseQuantity('1'))).toBe(0);
    expect(compareQuantities(parseQuantity('100m'), parseQuantity('0.2'))).toBe(-1);
  });

  it('adds and subtracts in the first operand format', () => {
    expect(quantityToString(addQuantities(parseQuantity('1Gi'), parseQuantity('512Mi')))).toBe('1536Mi');
    expect(quantityToString(addQuantities(parseQuantity('100m'), parseQuantity('900m')))).toBe('1');
    expect(quantityToString(subtractQuantities(parseQuantity('1'), parseQuantity('250m')))).toBe('750m');
  });

  it('gives whole and milli values rounded up, like Value() and MilliValue()', () => {
    expect(quantityValue(parseQuantity('100m'))).toBe(1);
    expect(quantityValue(parseQuantity('1Ki'))).toBe(1024);
    expect(quantityValue(parseQuantity('-1.5'))).toBe(-2);
    expect(quantityMilliValue(parseQuantity('1.5'))).toBe(1500);
    expect(quantityMilliValue(parseQuantity('1n'))).toBe(1);
    expect(quantityMilliValue(parseQuantity('2'))).toBe(2000);
  });

  it('converts to a float', () => {
    expect(quantityToNumber(parseQuantity('1.5Gi'))).toBe(1610612736);
    expect(quantityToNumber(parseQuantity('250m'))).toBe(0.25);
    expect(quantityToNumber(parseQuantity('-1500m'))).toBe(-1.5);
  });

  it('builds quantities from numbers', () => {
    expect(quantityToString(quantityFromMilli(1500))).toBe('1500m');
    expect(quantityToString(quantityFromMilli(2000))).toBe('2');
    expect(quantityToString(quantityFromValue(2 * 1024 ** 3, 'BinarySI'))).toBe('2Gi');
    expect(quantityToString(quantityFromValue(5000))).toBe('5k');
  });
});

describe('normalizeQuantity', () => {
  it.each<[string | number, string]>([
    ['100m', '100m'],
    ['1n', '1m'],
    ['5u', '1m'],
    ['1500000n', '2m'],
    ['1000000n', '1m'],
    [0.5, '500m'],
    [1, '1'],
    ['1.5Gi', '1536Mi'],
    ['1000m', '1'],
  ])('%j → %s (rounded up to milli-units)', (input, want) => {
    expect(normalizeQuantity(input)).toBe(want);
  });
});
