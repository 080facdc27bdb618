/**
 * Choosing which item to try next: uniform random picks for the fast path, and an ordered walk
 * over the gaps between allocated values for the slow path. Values are bigints so that one code
 * path serves ports, IPv4 and (large) IPv6 ranges.
 */
import { randomBytes, randomInt } from 'node:crypto';

/** A uniform random integer in [0, n). `n` must be positive. */
export type RandomBelow = (n: bigint) => bigint;

const SAFE_RANDOM_INT = 2n ** 48n - 1n;

export const cryptoRandomBelow: RandomBelow = (n) => {
  if (n <= 0n) throw new RangeError(`random range must be positive, got ${n}`);
  if (n <= SAFE_RANDOM_INT) return BigInt(randomInt(Number(n)));
  const bytes = Math.ceil(n.toString(16).length / 2);
  const limit = 1n << BigInt(bytes * 8);
  const ceiling = limit - (limit % n); // reject the tail so every residue is equally likely
  for (;;) {
    const r = BigInt(`0x${randomBytes(bytes).toString('hex')}`);
    if (r < ceiling) return r % n;
  }
};

/** An inclusive range of values. */
export interface Segment {
  lo: bigint;
  hi: bigint;
}

export function compareBigint(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Index of the first element of sorted `values` that is >= `target`. */
function lowerBound(values: readonly bigint[], target: bigint): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Free values of [lo, hi] in ascending order, skipping the sorted, de-duplicated `used`. */
function* freeIn(used: readonly bigint[], lo: bigint, hi: bigint): Generator<bigint> {
  let i = lowerBound(used, lo);
  for (let v = lo; v <= hi; v++) {
    while (i < used.length && used[i] < v) i++;
    if (i < used.length && used[i] === v) {
      // Jump over a whole run of used values at once.
      while (i + 1 < used.length && used[i + 1] === used[i] + 1n) i++;
      v = used[i];
      continue;
    }
    yield v;
  }
}

/**
 * Free values of each segment in turn, each walked from a random starting point up to its end
 * and then wrapping around to its start. Work is proportional to the values yielded plus the
 * used values skipped, never to the size of the range.
 */
export function* freeValues(
  used: readonly bigint[],
  segments: readonly Segment[],
  random: RandomBelow,
): Generator<bigint> {
  for (const { lo, hi } of segments) {
    if (hi < lo) continue;
    const start = lo + random(hi - lo + 1n);
    yield* freeIn(used, start, hi);
    if (start > lo) yield* freeIn(used, lo, start - 1n);
  }
}
