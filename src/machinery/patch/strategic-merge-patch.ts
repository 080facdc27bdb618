/**
 * Kubernetes strategic merge patch (`application/strategic-merge-patch+json`), applied as
 * kube-apiserver applies it (apimachinery strategicpatch.StrategicMergeMapPatch):
 * - maps merge recursively and `null` deletes a field;
 * - lists whose PatchMeta strategy is merge are merged by their merge key (primitive lists are
 *   unioned), other lists are replaced;
 * - directives: `$patch: replace|delete|merge` on maps and list items, `$setElementOrder/<field>`,
 *   `$deleteFromPrimitiveList/<field>` and `$retainKeys`.
 * Unlike upstream, directives and nulls inside values that are new to the object are resolved
 * rather than stored. The inputs are never mutated. Bad patches throw ApiError (400 or 422).
 */
import { ApiError } from '../errors/api-error.js';
import { deepClone } from '../deep.js';
import { getOwn, hasOwn, isObject, setOwn, type JsonObject } from './json-values.js';
import { builtinPatchMeta, type PatchMetaLookup } from './patch-meta.js';
import { applySetElementOrder, mergeListField, type ItemMerger } from './smp-lists.js';

const DELETE_PREFIX = '$deleteFromPrimitiveList';
const RETAIN_KEYS = '$retainKeys';

export interface StrategicMergePatchOptions {
  /** Merge keys and strategies; defaults to `builtinPatchMeta`. */
  patchMeta?: PatchMetaLookup;
}

/** `$retainKeys: [...]`: drop every live field not listed; the patch may only set listed fields. */
function applyRetainKeys(orig: JsonObject, patch: JsonObject): void {
  if (!hasOwn(patch, RETAIN_KEYS)) return;
  const list = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(list)) throw ApiError.badRequest('invalid patch format of retainKeys');
  const keep = new Set(list);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_PREFIX) || k.startsWith('$setElementOrder')) continue;
    if (!keep.has(k)) throw ApiError.badRequest('invalid patch format of retainKeys');
  }
  for (const k of Object.keys(orig)) if (!keep.has(k)) delete orig[k];
}

class Merger implements ItemMerger {
  constructor(private readonly lookup: PatchMetaLookup) {}

  merge(orig: JsonObject, patch: JsonObject, path: readonly string[]): JsonObject {
    if (hasOwn(patch, '$patch')) {
      const directive = patch['$patch'];
      delete patch['$patch'];
      if (directive === 'replace') return this.merge({}, patch, path);
      if (directive === 'delete') return {};
      if (directive !== 'merge') throw ApiError.badRequest(`unknown patch type: ${JSON.stringify(directive)} in map at ${path.join('.') || '<root>'}`);
    }
    applyRetainKeys(orig, patch);
    applySetElementOrder(orig, patch, { path, lookup: this.lookup, merger: this });
    for (const key of Object.keys(patch)) {
      const value = patch[key];
      if (key.startsWith(DELETE_PREFIX)) {
        this.deleteFromPrimitiveList(orig, key, value);
        continue;
      }
      if (value === null) {
        delete orig[key];
        continue;
      }
      setOwn(orig, key, this.mergeField(getOwn(orig, key), value, [...path, key]));
    }
    return orig;
  }

  private mergeField(live: unknown, value: unknown, path: readonly string[]): unknown {
    if (live === undefined) return this.fresh(value, path);
    const meta = this.lookup(path);
    if (isObject(live) && isObject(value)) return meta?.strategy === 'replace' ? this.fresh(value, path) : this.merge(live, value, path);
    if (Array.isArray(live) && Array.isArray(value)) return mergeListField(live, value, path, meta, this);
    return this.fresh(value, path);
  }

  fresh(value: unknown, path: readonly string[]): unknown {
    if (isObject(value)) return this.merge({}, value, path);
    if (Array.isArray(value)) return mergeListField([], value, path, this.lookup(path), this);
    return value;
  }

  /** `$deleteFromPrimitiveList/<field>: [values]` removes those values from a primitive list. */
  private deleteFromPrimitiveList(orig: JsonObject, directive: string, values: unknown): void {
    if (!directive.startsWith(`${DELETE_PREFIX}/`) || !Array.isArray(values)) {
      throw ApiError.badRequest('invalid patch format of primitive list');
    }
    const field = directive.slice(DELETE_PREFIX.length + 1);
    const live = getOwn(orig, field);
    if (live === undefined || live === null) return;
    if (!Array.isArray(live)) throw ApiError.badRequest(`expected a list for ${field}, but received ${JSON.stringify(live)}`);
    const doomed = new Set(values);
    setOwn(orig, field, live.filter((v) => !doomed.has(v)));
  }
}

/**
 * Applies a strategic merge patch to a deep copy of `original`. The third argument is either a
 * PatchMetaLookup or options; both default to `builtinPatchMeta`.
 */
export function applyStrategicMergePatch(
  original: unknown,
  patch: unknown,
  meta?: PatchMetaLookup | StrategicMergePatchOptions,
): JsonObject {
  const lookup = typeof meta === 'function' ? meta : (meta?.patchMeta ?? builtinPatchMeta);
  if (original !== undefined && original !== null && !isObject(original)) throw ApiError.badRequest('invalid JSON document');
  if (!isObject(patch)) throw ApiError.badRequest('strategic merge patch must be a JSON object');
  const base = isObject(original) ? deepClone(original) : {};
  return new Merger(lookup).merge(base, deepClone(patch), []);
}
