/** Merging an applied configuration into a live object, and removing fields by member path. */
import { deepClone, deepEqual } from '../deep.js';
import type { PatchMetaLookup } from '../patch/patch-meta.js';
import { itemKey, keyDefaults, listShape, matchesKey } from './fields.js';
import { isAtomic } from './ssa-schema.js';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function mergeValue(live: unknown, cfg: unknown, path: string[], meta: PatchMetaLookup): unknown {
  if (isAtomic(path)) return deepClone(cfg);
  if (isObj(cfg)) {
    const out: Obj = isObj(live) ? live : {};
    for (const [k, v] of Object.entries(cfg)) {
      if (v === null || v === undefined) continue;
      out[k] = mergeValue(out[k], v, [...path, k], meta);
    }
    return out;
  }
  if (Array.isArray(cfg)) {
    const liveList = Array.isArray(live) ? live : [];
    const shape = listShape(meta, path, [...cfg, ...liveList]);
    if (shape.kind === 'atomic') return deepClone(cfg);
    if (shape.kind === 'set') {
      const out = [...liveList];
      for (const v of cfg) if (!out.some((x) => deepEqual(x, v))) out.push(v);
      return out;
    }
    const out = [...liveList];
    for (const item of cfg as Obj[]) {
      const key = itemKey(shape, item);
      const i = out.findIndex((x) => matchesKey(x, key, shape.defaults));
      if (i >= 0) out[i] = mergeValue(out[i], item, path, meta);
      else out.push(mergeValue(undefined, item, path, meta));
    }
    return out;
  }
  return cfg;
}

/** `live` with `config` merged in (config values win; keyed lists merge item by item). */
export function mergeApplied(live: Obj, config: Obj, meta: PatchMetaLookup): Obj {
  const out = deepClone(live);
  for (const [k, v] of Object.entries(config)) {
    if (v === null || v === undefined || k === 'status') continue;
    out[k] = mergeValue(out[k], v, [k], meta);
  }
  return out;
}

function findItem(list: unknown[], el: string): number {
  const rest = el.slice(2);
  if (el.startsWith('k:')) {
    const key = JSON.parse(rest) as Obj;
    return list.findIndex((x) => matchesKey(x, key, keyDefaults(key)));
  }
  if (el.startsWith('v:')) {
    const want = JSON.parse(rest) as unknown;
    return list.findIndex((x) => deepEqual(x, want));
  }
  return -1;
}

/**
 * Deletes the field, list item or set value at a member path, if present. A list left empty by
 * removing its last item goes too.
 */
export function removeAt(obj: Obj, path: readonly string[]): void {
  const chain: unknown[] = [obj];
  let cur: unknown = obj;
  for (const el of path.slice(0, -1)) {
    if (el.startsWith('f:') && isObj(cur)) cur = cur[el.slice(2)];
    else if (Array.isArray(cur)) cur = cur[findItem(cur, el)];
    else return;
    if (cur === undefined) return;
    chain.push(cur);
  }
  const last = path[path.length - 1]!;
  const parent = chain[chain.length - 1];
  if (last.startsWith('f:') && isObj(parent)) {
    delete parent[last.slice(2)];
    return;
  }
  if (!Array.isArray(parent)) return;
  const i = findItem(parent, last);
  if (i < 0) return;
  parent.splice(i, 1);
  const holder = chain[chain.length - 2];
  const field = path[path.length - 2];
  if (!parent.length && isObj(holder) && field?.startsWith('f:')) delete holder[field.slice(2)];
}
