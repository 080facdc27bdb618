import { describe, it, expect } from 'vitest';
import {
  FieldSelector,
  FieldSelectorError,
  checkFieldNames,
  escapeFieldValue,
  exactNameAndNamespace,
  fieldSelectorFromSet,
  parseFieldSelector,
  unescapeFieldValue,
} from './selector.js';

describe('parseFieldSelector', () => {
  it('parses the three operators, ANDed and sorted', () => {
    const s = parseFieldSelector('status.phase!=Failed,metadata.name==web,spec.nodeName=n1');
    expect(s.requirements).toEqual([
      { field: 'metadata.name', operator: '==', value: 'web' },
      { field: 'spec.nodeName', operator: '=', value: 'n1' },
      { field: 'status.phase', operator: '!=', value: 'Failed' },
    ]);
    expect(s.toString()).toBe('metadata.name=web,spec.nodeName=n1,status.phase!=Failed');
  });

  it('accepts empty selectors, empty terms and empty values', () => {
    expect(parseFieldSelector('').isEmpty()).toBe(true);
    expect(parseFieldSelector(',,').isEmpty()).toBe(true);
    expect(parseFieldSelector('spec.nodeName=').requirements).toEqual([{ field: 'spec.nodeName', operator: '=', value: '' }]);
  });

  it('handles escapes in values', () => {
    const s = parseFieldSelector('metadata.name=a\\,b\\=c\\\\d,x=y');
    expect(s.requirements[0]).toEqual({ field: 'metadata.name', operator: '=', value: 'a,b=c\\d' });
    expect(s.requirements[1]).toEqual({ field: 'x', operator: '=', value: 'y' });
    expect(parseFieldSelector(s.toString()).requirements).toEqual(s.requirements);
  });

  it('rejects malformed text with upstream wording', () => {
    expect(() => parseFieldSelector('foo')).toThrow("invalid selector: 'foo'; can't understand 'foo'");
    expect(() => parseFieldSelector('a=b,c')).toThrow("invalid selector: 'a=b,c'; can't understand 'c'");
    expect(() => parseFieldSelector('a=b=c')).toThrow('invalid field selector: unescapedRune character in value: 61');
    expect(() => parseFieldSelector('a=b\\x')).toThrow('invalid field selector: invalid escape sequence: \\x');
    expect(() => parseFieldSelector('a=b\\')).toThrow('invalid field selector: invalid escape sequence: \\');
    expect(() => parseFieldSelector('foo')).toThrow(FieldSelectorError);
  });

  it('splits a term at its first operator', () => {
    expect(parseFieldSelector('a!=b').requirements[0]).toEqual({ field: 'a', operator: '!=', value: 'b' });
    expect(parseFieldSelector('a==b').requirements[0]).toEqual({ field: 'a', operator: '==', value: 'b' });
    expect(() => parseFieldSelector('a=!=b')).toThrow(FieldSelectorError);
  });
});

describe('FieldSelector', () => {
  const pod: Record<string, string> = { 'metadata.name': 'web', 'spec.nodeName': 'n1', 'status.phase': 'Running' };
  const get = (f: string) => pod[f];

  it('matches with missing fields read as empty', () => {
    expect(parseFieldSelector('spec.nodeName=n1').matches(get)).toBe(true);
    expect(parseFieldSelector('spec.nodeName=n2').matches(get)).toBe(false);
    expect(parseFieldSelector('status.phase!=Failed,metadata.name=web').matches(get)).toBe(true);
    expect(parseFieldSelector('spec.schedulerName=').matches(get)).toBe(true);
    expect(parseFieldSelector('spec.schedulerName!=').matches(get)).toBe(false);
    expect(FieldSelector.everything().matches(() => undefined)).toBe(true);
  });

  it('exposes exact name and namespace for fast paths', () => {
    expect(exactNameAndNamespace(parseFieldSelector('metadata.name=web,metadata.namespace=default'))).toEqual({
      name: 'web',
      namespace: 'default',
    });
    expect(exactNameAndNamespace(parseFieldSelector('metadata.name!=web'))).toEqual({});
    expect(parseFieldSelector('metadata.name==x').requiresExactMatch('metadata.name')).toBe('x');
  });

  it('checks field names', () => {
    const sel = parseFieldSelector('metadata.name=a,spec.nodeName=n,foo=bar');
    expect(() => checkFieldNames(sel, ['spec.nodeName'])).toThrow('field label not supported: foo');
    expect(() => checkFieldNames(sel, ['spec.nodeName', 'foo'])).not.toThrow();
  });

  it('builds from a set and escapes', () => {
    expect(fieldSelectorFromSet({ 'spec.nodeName': 'n1', 'metadata.name': 'a,b' }).toString()).toBe(
      'metadata.name=a\\,b,spec.nodeName=n1',
    );
    expect(escapeFieldValue('a\\b=c,d')).toBe('a\\\\b\\=c\\,d');
    expect(unescapeFieldValue(escapeFieldValue('a\\b=c,d'))).toBe('a\\b=c,d');
  });
});
