import { describe, expect, it } from 'vitest';
import { semanticEqual } from './semantic-equal.js';

describe('semanticEqual', () => {
  it.each<[unknown, unknown, boolean]>([
    [{ a: 1 }, { a: 1 }, true],
    [{ a: 1 }, { a: 2 }, false],
    [{ a: [] }, {}, true],
    [{ a: {} }, { a: undefined }, true],
    [{ labels: { x: 'y' } }, { labels: {} }, false],
    [[1, 2], [1, 2], true],
    [[1, 2], [2, 1], false],
    [0, undefined, false],
    ['', undefined, false],
    [{ a: { b: [1, { c: 'd' }] } }, { a: { b: [1, { c: 'd' }] } }, true],
  ])('%j ~ %j = %s', (a, b, want) => {
    expect(semanticEqual(a, b)).toBe(want);
  });
});
