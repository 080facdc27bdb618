/**
 * RFC 7386 JSON merge patch (`application/merge-patch+json`): objects merge recursively, `null`
 * deletes a member, anything else (arrays included) replaces. The inputs are never mutated.
 */
import { deepClone } from '../deep.js';
import { getOwn, isObject, setOwn, type JsonObject } from './json-values.js';

function merge(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? target : {};
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value === null) delete out[key];
    else setOwn(out, key, merge(getOwn(out, key), value));
  }
  return out;
}

/**
 * Applies a merge patch. A patch that is not an object replaces the whole document, as the RFC
 * says; callers that need an object check the result.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  return merge(deepClone(target), deepClone(patch));
}
