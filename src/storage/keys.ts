/**
 * Key rules shared by every driver: validation, value size, key order and prefix ranges.
 *
 * Keys are ordered by Unicode code point, which is the byte order of their UTF-8 form: the
 * order SQLite (BINARY collation) and etcd use. JavaScript's `<` compares UTF-16 code units,
 * which differs for characters above U+FFFF, so in-memory code uses `compareKeys`.
 */
import { MAX_VALUE_BYTES } from './backend.js';
import { InvalidArgumentError, ValueTooLargeError } from './errors.js';

/** The longest key we accept, in UTF-16 code units (etcd allows more; no real key comes near). */
export const MAX_KEY_LENGTH = 8192;

// A NUL, or a surrogate that is not part of a pair (not valid UTF-8 once encoded).
const BAD_KEY_CHARS = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkText(what: string, text: unknown, allowEmpty: boolean): string {
  if (typeof text !== 'string') throw new InvalidArgumentError(`${what} must be a string, got ${typeof text}`);
  if (!allowEmpty && text.length === 0) throw new InvalidArgumentError(`${what} must not be empty`);
  if (text.length > MAX_KEY_LENGTH) {
    throw new InvalidArgumentError(`${what} is ${text.length} characters long, over the limit of ${MAX_KEY_LENGTH}`);
  }
  if (BAD_KEY_CHARS.test(text)) {
    throw new InvalidArgumentError(`${what} ${JSON.stringify(text)} holds a NUL or an unpaired surrogate`);
  }
  return text;
}

/** Throws InvalidArgumentError unless `key` is a usable key. */
export function checkKey(key: unknown): string {
  return checkText('key', key, false);
}

/** Throws InvalidArgumentError unless `prefix` is a usable prefix ('' means every key). */
export function checkPrefix(prefix: unknown): string {
  return checkText('prefix', prefix, true);
}

/** Throws ValueTooLargeError over MAX_VALUE_BYTES, InvalidArgumentError for a non-string. */
export function checkValue(key: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new InvalidArgumentError(`value for ${key} must be a string, got ${typeof value}`);
  }
  // A UTF-8 byte count is at most 3 * length, so short values need no counting.
  if (value.length * 3 <= MAX_VALUE_BYTES) return value;
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > MAX_VALUE_BYTES) throw new ValueTooLargeError(key, bytes, MAX_VALUE_BYTES);
  return value;
}

/** Throws InvalidArgumentError unless `rev` is a whole number >= min. */
export function checkRevision(what: string, rev: unknown, min = 0): number {
  if (typeof rev !== 'number' || !Number.isSafeInteger(rev) || rev < min) {
    throw new InvalidArgumentError(`${what} must be a whole number >= ${min}, got ${String(rev)}`);
  }
  return rev;
}

// Maps UTF-16 code units so that comparing them gives code point order: surrogates (which
// encode U+10000 and up) move above U+E000..U+FFFF.
function rank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/** Compares two keys in code point (= UTF-8 byte) order. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return rank(x) - rank(y);
  }
  return a.length - b.length;
}

/**
 * The smallest string greater than every string that starts with `prefix`, or null when there
 * is none ('' or a prefix made only of U+10FFFF). Keys in [prefix, prefixEnd) are exactly the
 * keys that start with `prefix`.
 */
export function prefixEnd(prefix: string): string | null {
  const points = Array.from(prefix);
  while (points.length > 0) {
    const last = points.pop()!.codePointAt(0)!;
    if (last < 0x10ffff) {
      const next = last === 0xd7ff ? 0xe000 : last + 1;
      return points.join('') + String.fromCodePoint(next);
    }
  }
  return null;
}

/** The smallest key greater than `key`. */
export function keyAfter(key: string): string {
  return key + '\0';
}
