import { describe, it, expect } from 'vitest';
import { ApiError } from '../errors/api-error.js';
import { MAX_JSON_PATCH_OPERATIONS, applyJsonPatch } from './json-patch.js';

const doc = { metadata: { name: 'x', labels: { app: 'web' } }, spec: { containers: [{ name: 'a', image: 'i' }] } };

function failure(ops: unknown): ApiError {
  try {
    applyJsonPatch(doc, ops);
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('applyJsonPatch', () => {
  it('applies every operation kind without touching its inputs', () => {
    const before = structuredClone(doc);
    const ops = [
      { op: 'test', path: '/metadata/name', value: 'x' },
      { op: 'add', path: '/metadata/labels/tier', value: 'fe' },
      { op: 'replace', path: '/spec/containers/0/image', value: 'j' },
      { op: 'add', path: '/spec/containers/-', value: { name: 'b' } },
      { op: 'copy', from: '/metadata/labels/app', path: '/metadata/labels/copy' },
      { op: 'move', from: '/metadata/labels/copy', path: '/metadata/labels/moved' },
      { op: 'remove', path: '/metadata/labels/app' },
    ];
    const opsBefore = structuredClone(ops);
    const out = applyJsonPatch(doc, ops) as typeof doc;
    expect(out.metadata.labels).toEqual({ tier: 'fe', moved: 'web' });
    expect(out.spec.containers).toEqual([{ name: 'a', image: 'j' }, { name: 'b' }]);
    expect(doc).toEqual(before);
    expect(ops).toEqual(opsBefore);
    (out.spec.containers[1] as { name: string }).name = 'changed';
    expect(ops[3]).toEqual(opsBefore[3]);
  });

  it('lets replace create a missing member of an existing object, as kube-apiserver does', () => {
    const out = applyJsonPatch(doc, [{ op: 'replace', path: '/metadata/labels/new~1key', value: 'v' }]) as typeof doc;
    expect(out.metadata.labels).toEqual({ app: 'web', 'new/key': 'v' });
  });

  it('accepts the raw body text', () => {
    expect(applyJsonPatch({ a: 1 }, '[{"op":"replace","path":"/a","value":2}]')).toEqual({ a: 2 });
    expect(failure('[{').code).toBe(400);
  });

  it('a failed test is 422', () => {
    const e = failure([{ op: 'test', path: '/metadata/name', value: 'y' }]);
    expect(e.code).toBe(422);
    expect(e.reason).toBe('Invalid');
    expect(e.message).toBe('testing value /metadata/name failed: test failed');
  });

  it('missing paths are 422', () => {
    expect(failure([{ op: 'replace', path: '/metadata/a/b', value: 1 }]).code).toBe(422);
    expect(failure([{ op: 'remove', path: '/spec/nothing' }]).message).toBe("error in remove for path: '/spec/nothing': the path does not exist: missing value");
    expect(failure([{ op: 'add', path: '/a/b/c', value: 1 }]).message).toBe('add operation does not apply: doc is missing path: "/a/b/c": missing value');
    expect(failure([{ op: 'move', from: '/nope', path: '/x' }]).message).toContain("error in move for path: '/nope'");
    expect(failure([{ op: 'replace', path: '/spec/containers/3', value: {} }]).code).toBe(422);
    expect(failure([{ op: 'add', path: '/spec/containers/9', value: {} }]).code).toBe(422);
    expect(failure([{ op: 'add', path: '/spec/containers/x', value: {} }]).code).toBe(422);
  });

  it('malformed patches are 400', () => {
    expect(failure({ op: 'add' }).code).toBe(400);
    expect(failure([{ op: 'frobnicate', path: '/a' }]).code).toBe(400);
    expect(failure([{ op: 'add', path: 'no-slash', value: 1 }]).code).toBe(400);
    expect(failure([{ op: 'add', path: '/a' }]).code).toBe(400);
    expect(failure([{ op: 'move', path: '/a' }]).code).toBe(400);
    expect(failure(['nope']).code).toBe(400);
  });

  it('refuses prototype tricks', () => {
    const e = failure([{ op: 'add', path: '/__proto__/polluted', value: 1 }]);
    expect(e.code).toBe(422);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('limits the number of operations', () => {
    const ops = Array.from({ length: MAX_JSON_PATCH_OPERATIONS + 1 }, () => ({ op: 'test', path: '', value: {} }));
    const e = failure(ops);
    expect(e.code).toBe(413);
    expect(e.message).toBe('Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001');
  });

  it('never leaks the document into the message', () => {
    const e = failure([{ op: 'test', path: '/metadata/labels', value: {} }]);
    expect(e.message).not.toContain('web');
  });
});
