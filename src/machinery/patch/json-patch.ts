/**
 * RFC 6902 JSON patch (`application/json-patch+json`) through fast-json-patch, with kube-apiserver's
 * answers: a malformed patch is 400, more than 10000 operations is 413, and an operation that does
 * not apply (a failed `test`, a missing path) is 422. The inputs are never mutated.
 */
import jsonpatch from 'fast-json-patch';
import { ApiError } from '../errors/api-error.js';
import { deepClone } from '../deep.js';
import { isObject } from './json-values.js';

/** kube-apiserver's maxJSONPatchOperations. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

type Operation = Parameters<typeof jsonpatch.applyPatch>[1][number];

/** Errors about the shape of the patch itself, found before it touches the document. */
const MALFORMED = new Set([
  'SEQUENCE_NOT_AN_ARRAY',
  'OPERATION_NOT_AN_OBJECT',
  'OPERATION_OP_INVALID',
  'OPERATION_PATH_INVALID',
  'OPERATION_FROM_REQUIRED',
  'OPERATION_VALUE_REQUIRED',
  'OPERATION_VALUE_CANNOT_CONTAIN_UNDEFINED',
]);

/** Failure messages, worded after the evanphx/json-patch library kube-apiserver uses. */
function describeFailure(name: string, op: Partial<Operation> & { from?: string }): string {
  const path = op.path ?? '';
  switch (name) {
    case 'TEST_OPERATION_FAILED':
      return `testing value ${path} failed: test failed`;
    case 'OPERATION_PATH_UNRESOLVABLE':
      return `error in ${op.op} for path: '${path}': the path does not exist: missing value`;
    case 'OPERATION_FROM_UNRESOLVABLE':
      return `error in ${op.op} for path: '${op.from ?? ''}': the path does not exist: missing value`;
    case 'OPERATION_PATH_CANNOT_ADD':
      return `add operation does not apply: doc is missing path: ${JSON.stringify(path)}: missing value`;
    case 'OPERATION_PATH_ILLEGAL_ARRAY_INDEX':
    case 'OPERATION_VALUE_OUT_OF_BOUNDS':
      return `error in ${op.op} for path: '${path}': invalid index referenced`;
    default:
      return `error in ${op.op ?? 'json patch'} for path: '${path}'`;
  }
}

/**
 * kube-apiserver's json-patch library lets `replace` create a missing member of an existing
 * object (RFC 6902 says it must exist); kubectl users rely on it, so do the same.
 */
function lenientReplace(doc: unknown, op: Operation): Operation {
  if (op.op !== 'replace' || op.path === '') return op;
  const cut = op.path.lastIndexOf('/');
  let parent: unknown;
  try {
    parent = jsonpatch.getValueByPointer(doc, op.path.slice(0, cut));
  } catch {
    return op;
  }
  const key = op.path.slice(cut + 1).replace(/~1/g, '/').replace(/~0/g, '~');
  return isObject(parent) && !Object.hasOwn(parent, key) ? { ...op, op: 'add' } : op;
}

function errorName(e: unknown): string | undefined {
  return e instanceof jsonpatch.JsonPatchError ? e.name : undefined;
}

/** Parses the body when given text; the apiserver may pass either. */
function toOperations(ops: unknown): unknown[] {
  let value = ops;
  if (typeof ops === 'string') {
    try {
      value = JSON.parse(ops);
    } catch (e) {
      throw ApiError.badRequest(`error decoding patch: ${(e as Error).message}`);
    }
  }
  if (!Array.isArray(value)) throw ApiError.badRequest('json patch must be a JSON array of operations');
  return value;
}

/** Applies a JSON patch to a deep copy of `doc`. Throws ApiError (400, 413 or 422). */
export function applyJsonPatch(doc: unknown, ops: unknown): unknown {
  const list = toOperations(ops);
  if (list.length > MAX_JSON_PATCH_OPERATIONS) {
    throw ApiError.requestEntityTooLarge(
      `The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${list.length}`,
    );
  }
  const operations = deepClone(list) as Operation[];
  const invalid = jsonpatch.validate(operations);
  if (invalid) {
    const at = invalid.index !== undefined ? ` (operation ${invalid.index})` : '';
    throw ApiError.badRequest(`invalid json patch${at}: ${invalid.message.split('\n')[0]}`);
  }
  let index = 0;
  try {
    let current = deepClone(doc);
    for (; index < operations.length; index++) {
      current = jsonpatch.applyOperation(current, lenientReplace(current, operations[index]!), true, true, true, index).newDocument;
    }
    return current;
  } catch (e) {
    const name = errorName(e);
    const op = (isObject(operations[index]) ? operations[index] : {}) as Partial<Operation>;
    if (name && MALFORMED.has(name)) throw ApiError.badRequest(`invalid json patch (operation ${index}): ${(e as Error).message.split('\n')[0]}`);
    const message = describeFailure(name ?? '', op);
    throw ApiError.unprocessableEntity(message, { causes: [{ reason: 'FieldValueInvalid', message, field: String(op.path ?? '') }] });
  }
}
