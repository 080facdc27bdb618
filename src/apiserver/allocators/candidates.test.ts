import { describe, expect, it } from 'vitest';
import { cryptoRandomBelow, freeValues } from './candidates.js';

const fixed = (offset: bigint) => (n: bigint) => offset % n;

describe('cryptoRandomBelow', () => {
  it('stays in [0, n) for small and huge n', () => {
    for (const n of [1n, 2n, 7n, 2n ** 48n, 2n ** 64n + 3n, 2n ** 120n]) {
      for (let i = 0; i < 50; i++) {
        const r = cryptoRandomBelow(n);
        expect(r >= 0n && r < n).toBe(true);
      }
    }
    expect(() => cryptoRandomBelow(0n)).toThrow(RangeError);
  });
});

describe('freeValues', () => {
  it('walks from the start point, wraps, and skips used runs', () => {
    const used = [2n, 3n, 4n, 7n];
    const out = [...freeValues(used, [{ lo: 0n, hi: 9n }], fixed(3n))];
    expect(out).toEqual([5n, 6n, 8n, 9n, 0n, 1n]);
  });

  it('visits segments in order and yields nothing when all is used', () => {
    const out = [...freeValues([10n, 11n], [{ lo: 10n, hi: 11n }, { lo: 0n, hi: 2n }], fixed(0n))];
    expect(out).toEqual([0n, 1n, 2n]);
  });

  it('is lazy over huge ranges', () => {
    const it = freeValues([], [{ lo: 0n, hi: 2n ** 100n }], fixed(5n));
    expect(it.next().value).toBe(5n);
    expect(it.next().value).toBe(6n);
  });
});
