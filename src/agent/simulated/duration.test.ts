import { describe, it, expect } from 'vitest';
import { formatGoDuration, parseGoDuration } from './duration.js';

describe('parseGoDuration', () => {
  it.each([
    ['2s', 2000],
    ['0', 0],
    ['0s', 0],
    ['500ms', 500],
    ['1.5s', 1500],
    ['.5s', 500],
    ['1m30s', 90_000],
    ['2h45m', 9_900_000],
    ['1500us', 1.5],
    [' 10s ', 10_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });

  it.each([
    ['', 'empty'],
    ['2', 'missing unit'],
    ['-1s', 'a sign is not allowed'],
    ['abc', 'expected a number and a unit'],
    ['1x', 'expected a number and a unit'],
    ['1s2', 'missing unit'],
    ['100000h', 'longer than a year'],
  ])('rejects %j (%s)', (text, why) => {
    expect(() => parseGoDuration(text)).toThrow(why);
    expect(() => parseGoDuration(text)).toThrow(`invalid duration ${JSON.stringify(text)}`);
  });
});

describe('formatGoDuration', () => {
  it.each([
    [10_000, '10s'],
    [20_000, '20s'],
    [80_000, '1m20s'],
    [160_000, '2m40s'],
    [300_000, '5m0s'],
    [500, '500ms'],
    [1500, '1.5s'],
    [3_600_000, '1h0m0s'],
    [0, '0s'],
    [0.5, '500µs'],
  ])('%d ms prints as %s', (ms, text) => {
    expect(formatGoDuration(ms)).toBe(text);
  });
});
