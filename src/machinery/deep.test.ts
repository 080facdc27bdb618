import { describe, it, expect } from 'vitest';
import { deepClone, deepEqual } from './deep.js';

describe('deepEqual', () => {
  const equal: [unknown, unknown][] = [
    [1, 1],
    ['a', 'a'],
    [null, null],
    [NaN, NaN],
    [[1, [2, { a: 3 }]], [1, [2, { a: 3 }]]],
    [{ a: 1, b: { c: [1] } }, { b: { c: [1] }, a: 1 }],
    [{ a: 1, b: undefined }, { a: 1 }],
    [{}, {}],
  ];
  const unequal: [unknown, unknown][] = [
    [1, '1'],
    [null, {}],
    [null, undefined],
    [[1, 2], [2, 1]],
    [[1], { 0: 1 }],
    [{ a: 1 }, { a: 1, b: 2 }],
    [{ a: undefined, b: 1 }, { c: 1, b: 1 }],
    [{ a: [] }, { a: {} }],
    [0, -0 + 1],
  ];
  it.each(equal)('%j equals %j', (a, b) => {
    expect(deepEqual(a, b)).toBe(true);
    expect(deepEqual(b, a)).toBe(true);
  });
  it.each(unequal)('%j differs from %j', (a, b) => {
    expect(deepEqual(a, b)).toBe(false);
    expect(deepEqual(b, a)).toBe(false);
  });
});

describe('deepClone', () => {
  it('copies without sharing', () => {
    const a = { x: [1, { y: 2 }] };
    const b = deepClone(a);
    expect(b).toEqual(a);
    (b.x[1] as { y: number }).y = 3;
    expect((a.x[1] as { y: number }).y).toBe(2);
  });
});
