import { describe, it, expect } from 'vitest';
import { ApiError } from '../errors/api-error.js';
import { createPatchMetaLookup } from './patch-meta.js';
import { applyStrategicMergePatch } from './strategic-merge-patch.js';

/** The schema of upstream's strategicpatch tests (mergeItem). */
const testMeta = createPatchMetaLookup({
  mergingList: { strategy: 'merge', mergeKey: 'name' },
  mergingIntList: { strategy: 'merge' },
  'mergeItemPtr': { strategy: 'merge', mergeKey: 'name' },
  retainKeysMergingList: { strategy: 'merge,retainKeys', mergeKey: 'name' },
});

type Case = [description: string, original: unknown, patch: unknown, result: unknown];

function run(cases: Case[]) {
  it.each(cases)('%s', (_d, original, patch, result) => {
    const o = structuredClone(original);
    const p = structuredClone(patch);
    expect(applyStrategicMergePatch(original, patch, testMeta)).toEqual(result);
    expect(original).toEqual(o);
    expect(patch).toEqual(p);
  });
}

describe('strategic merge patch: maps', () => {
  run([
    ['nil original', undefined, { name: 1, value: 1 }, { name: 1, value: 1 }],
    ['empty patch', { name: 1 }, {}, { name: 1 }],
    ['add field', { name: 1, other: 'a' }, { value: 1 }, { name: 1, value: 1, other: 'a' }],
    ['null deletes', { name: 1, value: 1, other: 'a' }, { name: null, value: null }, { other: 'a' }],
    ['unmatched null is dropped', { name: 'a' }, { name: 1, value: 1, other: null }, { name: 1, value: 1 }],
    ['nested map delete', { simpleMap: { key1: 1, key2: 1, other: 'a' } }, { simpleMap: { key2: null } }, { simpleMap: { key1: 1, other: 'a' } }],
    ['$patch: replace on a map', { simpleMap: { a: 1, b: 2 } }, { simpleMap: { $patch: 'replace', c: 3 } }, { simpleMap: { c: 3 } }],
    ['$patch: delete on a map', { simpleMap: { a: 1 }, x: 1 }, { simpleMap: { $patch: 'delete' } }, { simpleMap: {}, x: 1 }],
    ['$patch: replace at the root', { a: 1, b: 2 }, { $patch: 'replace', c: 3 }, { c: 3 }],
    ['type change replaces', { a: { b: 1 } }, { a: [1] }, { a: [1] }],
    ['nulls inside a new map are dropped', {}, { a: { b: null, c: 1 } }, { a: { c: 1 } }],
  ]);
});

describe('strategic merge patch: lists', () => {
  run([
    ['non-merging list is replaced', { nonMergingIntList: [1, 2] }, { nonMergingIntList: [2, 3] }, { nonMergingIntList: [2, 3] }],
    [
      'merge by key: patch order wins, server-only items interleave by live order',
      { mergingList: [{ name: '1', other: 'a' }, { name: '2', value: 2 }] },
      { mergingList: [{ name: '3', value: 3 }, { name: '2', value: 'x' }] },
      { mergingList: [{ name: '3', value: 3 }, { name: '1', other: 'a' }, { name: '2', value: 'x' }] },
    ],
    [
      'new item with no setElementOrder lands first',
      { mergingList: [{ name: 'a' }, { name: 'b' }] },
      { mergingList: [{ name: 'c' }] },
      { mergingList: [{ name: 'c' }, { name: 'a' }, { name: 'b' }] },
    ],
    [
      'delete all items',
      { mergingList: [{ name: '1' }, { name: '2', other: 'b' }] },
      { mergingList: [{ name: '1', $patch: 'delete' }, { name: '2', $patch: 'delete' }] },
      { mergingList: [] },
    ],
    [
      '$patch: replace on a list',
      { mergingList: [{ name: '1', value: 1 }, { name: '2' }] },
      { mergingList: [{ $patch: 'replace' }, { name: '3' }] },
      { mergingList: [{ name: '3' }] },
    ],
    [
      'empty patch list is a no-op for merging lists',
      { mergingList: [{ name: '1' }] },
      { mergingList: [] },
      { mergingList: [{ name: '1' }] },
    ],
    ['primitive merge list is a union', { mergingIntList: [1, 2] }, { mergingIntList: [2, 3] }, { mergingIntList: [1, 2, 3] }],
    ['primitive merge list: a new value lands first', { mergingIntList: [1, 2] }, { mergingIntList: [3] }, { mergingIntList: [3, 1, 2] }],
    [
      'merge list absent from the original takes the patch, resolving directives',
      {},
      { mergingList: [{ name: '1', x: null }, { name: '2', $patch: 'delete' }] },
      { mergingList: [{ name: '1' }] },
    ],
  ]);
});

describe('strategic merge patch: directives (upstream vectors)', () => {
  run([
    [
      'delete items in lists of scalars',
      { mergingIntList: [1, 2, 3, 4] },
      { '$setElementOrder/mergingIntList': [1, 2], '$deleteFromPrimitiveList/mergingIntList': [3] },
      { mergingIntList: [1, 2, 4] },
    ],
    [
      'add and delete items in lists of scalars',
      { mergingIntList: [1, 2, 3, 4] },
      { '$setElementOrder/mergingIntList': [1, 2, 4], '$deleteFromPrimitiveList/mergingIntList': [3], mergingIntList: [4] },
      { mergingIntList: [1, 2, 4] },
    ],
    [
      'merge lists of maps with setElementOrder',
      { mergingList: [{ name: '1', other: 'a' }, { name: '2', value: 2, other: 'b' }] },
      {
        '$setElementOrder/mergingList': [{ name: '4' }, { name: '1' }, { name: '2' }, { name: '3' }],
        mergingList: [{ name: '4', value: 4 }, { name: '3', value: 3 }],
      },
      { mergingList: [{ name: '4', value: 4 }, { name: '1', other: 'a' }, { name: '2', value: 2, other: 'b' }, { name: '3', value: 3 }] },
    ],
    [
      'add and delete an item in a list and preserve order',
      { mergingList: [{ name: '1', other: 'a' }, { name: '2', value: 2, other: 'b' }, { name: '3', value: 3 }] },
      {
        '$setElementOrder/mergingList': [{ name: '4' }, { name: '2' }, { name: '1' }],
        mergingList: [{ name: '4', value: 4 }, { name: '3', $patch: 'delete' }],
      },
      { mergingList: [{ name: '4', value: 4 }, { name: '2', value: 2, other: 'b' }, { name: '1', other: 'a' }] },
    ],
    [
      'set elements order in a list with server-only items',
      { mergingList: [{ name: '1', other: 'a' }, { name: '2', value: 2 }, { name: '7' }, { name: '9' }, { name: '8' }, { name: '3' }, { name: '4' }] },
      { '$setElementOrder/mergingList': [{ name: '2' }, { name: '1' }, { name: '4' }, { name: '3' }] },
      { mergingList: [{ name: '2', value: 2 }, { name: '1', other: 'a' }, { name: '7' }, { name: '9' }, { name: '8' }, { name: '4' }, { name: '3' }] },
    ],
    [
      'set elements order in an int list with server-only items',
      { mergingIntList: [1, 2, 9, 3, 4] },
      { '$setElementOrder/mergingIntList': [2, 1, 4, 3] },
      { mergingIntList: [2, 1, 9, 4, 3] },
    ],
    [
      'set element order with duplicates',
      { mergingIntList: [1, 2, 3, 2, 4] },
      { '$setElementOrder/mergingIntList': [2, 1, 4, 3, 2] },
      { mergingIntList: [2, 2, 1, 4, 3] },
    ],
    ['retainKeys clears unlisted fields', { retainKeysMap: { name: 'type1', value: 'foo' } }, { retainKeysMap: { $retainKeys: ['name', 'other'], name: 'type2', other: 'bar' } }, { retainKeysMap: { name: 'type2', other: 'bar' } }],
    ['retainKeys with a null', { retainKeysMap: { name: 'foo', value: 'bar', other: 'a' } }, { retainKeysMap: { $retainKeys: ['name'], value: null } }, { retainKeysMap: { name: 'foo' } }],
    ['deleteFromPrimitiveList on a missing list does nothing', { a: 1 }, { '$deleteFromPrimitiveList/mergingIntList': [1] }, { a: 1 }],
    ['deleteFromPrimitiveList on a null list does nothing', { mergingIntList: null }, { '$deleteFromPrimitiveList/mergingIntList': [1] }, { mergingIntList: null }],
    [
      'setElementOrder over a null live list',
      { mergingList: null },
      { '$setElementOrder/mergingList': [{ name: 'b' }, { name: 'a' }], mergingList: [{ name: 'b', x: 1 }, { name: 'a' }] },
      { mergingList: [{ name: 'b', x: 1 }, { name: 'a' }] },
    ],
    ['a null live value is replaced', { mergingList: null }, { mergingList: [{ name: 'a' }] }, { mergingList: [{ name: 'a' }] }],
  ]);
});

describe('strategic merge patch: errors', () => {
  const bad: [string, unknown, unknown, number, string][] = [
    ['missing merge key', { mergingList: [{ name: '1' }] }, { mergingList: [{ value: 'b' }] }, 400, 'does not contain declared merge key: name'],
    ['unknown $patch', { a: {} }, { a: { $patch: 'explode' } }, 400, 'unknown patch type: "explode"'],
    ['unknown $patch in list', { mergingList: [{ name: '1' }] }, { mergingList: [{ name: '1', $patch: 'explode' }] }, 400, 'unknown patch type'],
    [
      'setElementOrder not matching the patch list',
      { mergingList: [{ name: '1' }, { name: '3' }, { name: '2' }] },
      { '$setElementOrder/mergingList': [{ name: '1' }, { name: '2' }, { name: '3' }], mergingList: [{ name: '3', value: 3 }, { name: '1', value: 1 }] },
      400,
      "doesn't match $setElementOrder list",
    ],
    ['setElementOrder not a list', {}, { '$setElementOrder/mergingList': 'x' }, 400, 'invalid patch format of setElementOrder list'],
    ['deleteFromPrimitiveList not a list', {}, { '$deleteFromPrimitiveList/x': {} }, 400, 'invalid patch format of primitive list'],
    ['retainKeys not a list', {}, { a: { $retainKeys: 'x' } }, 400, 'invalid patch format of retainKeys'],
    ['patch field outside retainKeys', {}, { a: { $retainKeys: ['b'], c: 1 } }, 400, 'invalid patch format of retainKeys'],
    ['lists of lists', { mergingIntList: [[1]] }, { mergingIntList: [[2]] }, 422, 'lists of lists are not supported'],
    ['mixed element types', { mergingIntList: [1] }, { mergingIntList: [{ a: 1 }] }, 422, 'list element types are not identical'],
    ['patch not an object', {}, [1], 400, 'must be a JSON object'],
    ['original not an object', 'str', {}, 400, 'invalid JSON document'],
  ];
  it.each(bad)('%s', (_d, original, patch, code, message) => {
    let err: unknown;
    try {
      applyStrategicMergePatch(original, patch, testMeta);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe(code);
    expect((err as ApiError).message).toContain(message);
  });

  it('keeps __proto__ as plain data', () => {
    const patch = JSON.parse('{"metadata":{"labels":{"__proto__":{"polluted":"yes"}}}}');
    const out = applyStrategicMergePatch({ metadata: {} }, patch) as { metadata: { labels: Record<string, unknown> } };
    expect(Object.hasOwn(out.metadata.labels, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(out.metadata.labels)).toBe(Object.prototype);
  });
});
