import { describe, expect, it } from 'vitest';
import { MAX_VALUE_BYTES } from './backend.js';
import { decodeContinue, encodeContinue } from './continue-token.js';
import { InvalidArgumentError, ValueTooLargeError } from './errors.js';
import { checkKey, checkPrefix, checkRevision, checkValue, compareKeys, keyAfter, prefixEnd } from './keys.js';

const utf8 = (s: string) => Buffer.from(s, 'utf8');

describe('keys', () => {
  it('orders keys like their UTF-8 bytes', () => {
    const keys = ['b', 'a', '', 'ab', 'a\u00ff', '\uffff', '😀', '\ue000', 'z', '\u{10ffff}', 'a/', 'a0'];
    const byBytes = [...keys].sort((x, y) => Buffer.compare(utf8(x), utf8(y)));
    expect([...keys].sort(compareKeys)).toEqual(byBytes);
    expect(compareKeys('x', 'x')).toBe(0);
  });

  it('computes the end of a prefix range', () => {
    expect(prefixEnd('/a/')).toBe('/a0');
    expect(prefixEnd('')).toBeNull();
    expect(prefixEnd('\u{10ffff}')).toBeNull();
    expect(prefixEnd('a\u{10ffff}')).toBe('b');
    expect(prefixEnd('a\ud7ff')).toBe('a\ue000');
    expect(prefixEnd('x😀')).toBe('x😁');
    for (const prefix of ['/a/', 'é', 'a\uffff', 'q😀']) {
      const end = prefixEnd(prefix)!;
      for (const key of [prefix, `${prefix}\u{10ffff}zz`, `${prefix}~`]) {
        expect(compareKeys(key, prefix)).toBeGreaterThanOrEqual(0);
        expect(compareKeys(key, end)).toBeLessThan(0);
      }
      expect(compareKeys(end, prefix)).toBeGreaterThan(0);
      expect(end.startsWith(prefix)).toBe(false);
    }
    expect(compareKeys(keyAfter('a'), 'a')).toBeGreaterThan(0);
    expect(compareKeys(keyAfter('a'), 'a\u0001')).toBeLessThan(0);
  });

  it('validates keys, prefixes, revisions and values', () => {
    expect(checkKey('/registry/pods/a')).toBe('/registry/pods/a');
    expect(checkPrefix('')).toBe('');
    for (const bad of ['', 'a\0b', 'x\ud800', 'y\udc00z', 'k'.repeat(10_000), 7, null]) {
      expect(() => checkKey(bad)).toThrow(InvalidArgumentError);
    }
    expect(() => checkKey('ok😀')).not.toThrow();
    expect(checkRevision('r', 3)).toBe(3);
    for (const bad of [-1, 1.5, Number.NaN, '3', Infinity]) expect(() => checkRevision('r', bad)).toThrow(InvalidArgumentError);
    expect(() => checkRevision('r', 0, 1)).toThrow(/must be a whole number >= 1/);
    expect(checkValue('k', 'a'.repeat(MAX_VALUE_BYTES))).toHaveLength(MAX_VALUE_BYTES);
    expect(() => checkValue('k', '€'.repeat(MAX_VALUE_BYTES / 3 + 1))).toThrow(ValueTooLargeError);
    expect(() => checkValue('k', 42)).toThrow(InvalidArgumentError);
  });

  it('round-trips continue tokens and rejects foreign ones', () => {
    const token = encodeContinue(42, '/a/b');
    expect(decodeContinue(token, '/a/')).toEqual({ revision: 42, start: keyAfter('/a/b') });
    expect(() => decodeContinue(token, '/other/')).toThrow(/does not belong/);
    expect(() => decodeContinue('!!!', '/')).toThrow(InvalidArgumentError);
    expect(() => decodeContinue(Buffer.from('[1]').toString('base64url'), '/')).toThrow(InvalidArgumentError);
    expect(() => decodeContinue(Buffer.from('{"r":0,"k":"/a"}').toString('base64url'), '/')).toThrow(
      InvalidArgumentError,
    );
  });
});
