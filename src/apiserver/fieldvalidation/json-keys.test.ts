import { describe, expect, it } from 'vitest';
import { findDuplicateJsonFields, scanJsonKeys } from './json-keys.js';

describe('findDuplicateJsonFields', () => {
  it('finds a repeated key at the root and nested, with upstream paths', () => {
    const text = '{"kind":"Pod","metadata":{"name":"a","name":"b"},"kind":"Pod"}';
    expect(findDuplicateJsonFields(text)).toEqual(['metadata.name', 'kind']);
  });

  it('indexes list items and keeps separate objects apart', () => {
    const text = JSON.stringify({ spec: { containers: [{ name: 'a' }, { name: 'b' }] } }).replace('{"name":"b"}', '{"name":"b","image":"x","image":"y"}');
    expect(findDuplicateJsonFields(text)).toEqual(['spec.containers[1].image']);
  });

  it('reports a key repeated three times once', () => {
    expect(findDuplicateJsonFields('{"a":1,"a":2,"a":3}')).toEqual(['a']);
  });

  it('is not fooled by braces, colons and quotes inside strings, or by escaped keys', () => {
    const text = '{"a":"{\\"a\\":1}: ,[","b":[":", {"c":"}"}],"\\u0061":3}';
    expect(JSON.parse(text)).toEqual({ a: 3, b: [':', { c: '}' }] });
    expect(findDuplicateJsonFields(text)).toEqual(['a']);
  });

  it('handles nested arrays and whitespace', () => {
    const text = '{ "x" : [ [ { "y" : 1 , "y" : 2 } ] , { "z" : null , "z" : true } ] }';
    expect(findDuplicateJsonFields(text)).toEqual(['x[0][0].y', 'x[1].z']);
  });

  it('returns nothing for no duplicates, scalars, empty input and broken JSON', () => {
    expect(findDuplicateJsonFields('{"a":{"a":{"a":1}}}')).toEqual([]);
    expect(findDuplicateJsonFields('42')).toEqual([]);
    expect(findDuplicateJsonFields('')).toEqual([]);
    expect(findDuplicateJsonFields('{"a":1,"a":')).toEqual(['a']);
    expect(findDuplicateJsonFields('{"a')).toEqual([]);
    expect(findDuplicateJsonFields('}}]]{"a":1')).toEqual([]);
  });

  it('survives very deep nesting without recursion', () => {
    const depth = 50_000;
    const text = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    expect(findDuplicateJsonFields(text)).toEqual([]);
  });

  it('stops at 100 distinct duplicates', () => {
    const keys = Array.from({ length: 150 }, (_, i) => `"k${i}":1,"k${i}":2`).join(',');
    expect(findDuplicateJsonFields(`{${keys}}`)).toHaveLength(100);
  });
});

describe('scanJsonKeys', () => {
  it('reports every key with its offset in document order', () => {
    const text = '{"a":1,"b":{"c":2}}';
    expect(scanJsonKeys(text)).toEqual([
      { path: 'a', offset: 1, duplicate: false },
      { path: 'b', offset: 7, duplicate: false },
      { path: 'b.c', offset: 12, duplicate: false },
    ]);
  });
});
