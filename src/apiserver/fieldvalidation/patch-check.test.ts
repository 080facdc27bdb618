import { describe, expect, it } from 'vitest';
import { ApiError } from '../../machinery/index.js';
import { checkPatchedFields, goValueString } from './patch-check.js';

const CM = { group: '', version: 'v1', kind: 'ConfigMap' };
const patchedWith = (extra: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' }, ...extra });

function strict(patched: unknown, body: string, format: 'json' | 'merge' | 'strategic'): ApiError {
  try {
    checkPatchedFields(CM, patched, { mode: 'Strict', patch: { body, format } });
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('expected a strict decoding error');
}

describe('checkPatchedFields', () => {
  it('fails a merge patch with an unknown field as upstream: 422 showing the patched object', () => {
    const patched = patchedWith({ bogus: 1 });
    const err = strict(patched, '{"bogus":1}', 'merge');
    expect(err.status.code).toBe(422);
    expect(err.status.reason).toBe('Invalid');
    expect(err.status.message).toBe(` "" is invalid: patch: Invalid value: ${JSON.stringify(JSON.stringify(patched))}: strict decoding error: unknown field "bogus"`);
    expect(err.status.details?.causes).toEqual([{ reason: 'FieldValueInvalid', field: 'patch', message: expect.stringContaining('strict decoding error') }]);
  });

  it('shows the decoded patch for strategic merge patches, and lists patch duplicates first', () => {
    const body = '{"data":{"b":"2","b":"3"},"bogus":{"x":[1,true,null]}}';
    const err = strict(patchedWith({ bogus: { x: [1, true, null] } }), body, 'strategic');
    expect(err.status.message).toBe(
      ' "" is invalid: patch: Invalid value: "map[bogus:map[x:[1 true <nil>]] data:map[b:3]]": strict decoding error: duplicate field "data.b", unknown field "bogus"',
    );
  });

  it('prefixes JSON patch duplicates', () => {
    const body = '[{"op":"add","op":"add","path":"/data/b","value":"2"}]';
    expect(strict(patchedWith({}), body, 'json').status.message).toContain('strict decoding error: json patch duplicate field "[0].op"');
  });

  it('warns and drops unknown fields in Warn mode, drops them silently in Ignore mode, passes clean patches', () => {
    const patched = patchedWith({ bogus: 1 });
    expect(checkPatchedFields(CM, patched, { mode: 'Warn', patch: { body: Buffer.from('{"bogus":1}'), format: 'merge' } })).toEqual({
      object: patchedWith({}),
      warnings: ['unknown field "bogus"'],
    });
    expect(checkPatchedFields(CM, patched, { mode: 'Ignore', patch: { body: '{"bogus":1}', format: 'merge' } })).toEqual({ object: patchedWith({}), warnings: [] });
    expect(checkPatchedFields(CM, patchedWith({}), { mode: 'Strict', patch: { body: '{"data":{"a":"1"}}', format: 'merge' } }).warnings).toEqual([]);
  });

  it('formats values as Go prints them', () => {
    expect(goValueString({ b: [1.5, 'x'], a: null })).toBe('map[a:<nil> b:[1.5 x]]');
    expect(goValueString(undefined)).toBe('<nil>');
  });
});
