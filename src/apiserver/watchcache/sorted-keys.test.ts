import { describe, expect, it } from 'vitest';
import { SortedKeys } from './sorted-keys.js';

const all = (s: SortedKeys) => Array.from({ length: s.length }, (_, i) => s.at(i));

describe('SortedKeys', () => {
  it('inserts and removes keeping order, without duplicates', () => {
    const s = new SortedKeys();
    for (const k of ['/b', '/a', '/c', '/a']) s.insert(k);
    expect(all(s)).toEqual(['/a', '/b', '/c']);
    s.remove('/b');
    s.remove('/zz');
    expect(all(s)).toEqual(['/a', '/c']);
  });

  it('finds the range of a prefix', () => {
    const s = SortedKeys.from(['/p/a/1', '/p/a/2', '/p/ab/1', '/p/b/1', '/q']);
    expect(s.prefixRange('/p/a/')).toEqual([0, 2]);
    expect(s.prefixRange('/p/')).toEqual([0, 4]);
    expect(s.prefixRange('/p/c/')).toEqual([4, 4]);
    expect(s.prefixRange('')).toEqual([0, 5]);
  });

  it('has lower and upper bounds', () => {
    const s = SortedKeys.from(['b', 'd']);
    expect(s.lowerBound('b')).toBe(0);
    expect(s.upperBound('b')).toBe(1);
    expect(s.lowerBound('c')).toBe(1);
    expect(s.lowerBound('e')).toBe(2);
  });
});
