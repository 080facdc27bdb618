/**
 * The field set an object (or an applied configuration) sets, and value lookups by member path.
 * List shapes come from the patch metadata: lists with a merge key are maps keyed by it
 * (`k:{"name":"nginx"}`), merged primitive lists are sets (`v:"x"`), other lists are atomic.
 */
import { deepEqual } from '../deep.js';
import { mergesList, type PatchMetaLookup } from '../patch/patch-meta.js';
import { addMember, type FieldSet } from './fieldset.js';
import { isAtomic, multiKeys } from './ssa-schema.js';

type Obj = Record<string, unknown>;

/** Fields the server owns: never part of anyone's managed set. */
const SERVER_META = new Set([
  'name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generateName',
]);

export interface FieldsOptions {
  meta: PatchMetaLookup;
  /** Which top-level part is ignored: 'status' for the main resource, everything else for /status. */
  subresource?: string;
}

export type ListShape = { kind: 'map'; keys: string[]; defaults: Record<string, unknown> } | { kind: 'set' } | { kind: 'atomic' };

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function listShape(meta: PatchMetaLookup, path: readonly string[], items: readonly unknown[]): ListShape {
  const m = meta(path);
  const multi = multiKeys(path);
  if (multi && items.every((i) => isObj(i))) return { kind: 'map', keys: multi.keys, defaults: multi.defaults };
  if (m?.mergeKey && items.every((i) => isObj(i))) return { kind: 'map', keys: [m.mergeKey], defaults: {} };
  if (mergesList(m) && !m?.mergeKey && items.every((i) => !isObj(i) && !Array.isArray(i))) return { kind: 'set' };
  return { kind: 'atomic' };
}

/** The key object of a list item: its key fields (defaults filled in), in field-name order. */
export function itemKey(shape: { keys: string[]; defaults: Record<string, unknown> }, item: Obj): Obj {
  const out: Obj = {};
  for (const k of [...shape.keys].sort()) out[k] = item[k] ?? shape.defaults[k];
  return out;
}

export function keyElement(shape: { keys: string[]; defaults: Record<string, unknown> }, item: Obj): string {
  return `k:${JSON.stringify(itemKey(shape, item))}`;
}

/** True when a list item has the key `key` (missing key fields take their defaults). */
export function matchesKey(item: unknown, key: Obj, defaults: Record<string, unknown> = {}): boolean {
  if (!isObj(item)) return false;
  return Object.entries(key).every(([k, v]) => deepEqual(item[k] ?? defaults[k], v));
}

function walk(value: unknown, schemaPath: string[], setPath: string[], out: FieldSet, opts: FieldsOptions): void {
  if (isAtomic(schemaPath)) {
    addMember(out, setPath);
    return;
  }
  if (isObj(value)) {
    const keys = Object.keys(value);
    if (!keys.length) {
      addMember(out, setPath);
      return;
    }
    for (const k of keys) {
      const v = value[k];
      if (v === null || v === undefined) continue;
      walk(v, [...schemaPath, k], [...setPath, `f:${k}`], out, opts);
    }
    return;
  }
  if (Array.isArray(value)) {
    const shape = listShape(opts.meta, schemaPath, value);
    if (shape.kind === 'atomic' || !value.length) {
      addMember(out, setPath);
      return;
    }
    for (const item of value) {
      if (shape.kind === 'set') addMember(out, [...setPath, `v:${JSON.stringify(item)}`]);
      else {
        const el = [...setPath, keyElement(shape, item as Obj)];
        addMember(out, el);
        walk(item, schemaPath, el, out, opts);
      }
    }
    return;
  }
  addMember(out, setPath);
}

/** Every field `obj` sets, leaving out server-owned metadata and the other half of a status split. */
export function fieldsOf(obj: unknown, opts: FieldsOptions): FieldSet {
  const out: FieldSet = {};
  if (!isObj(obj)) return out;
  for (const [k, v] of Object.entries(obj)) {
    if (v === null || v === undefined || k === 'apiVersion' || k === 'kind') continue;
    if (opts.subresource === 'status' ? k !== 'status' : k === 'status') continue;
    if (k === 'metadata' && isObj(v)) {
      for (const [mk, mv] of Object.entries(v)) {
        if (SERVER_META.has(mk) || mv === null || mv === undefined) continue;
        walk(mv, ['metadata', mk], ['f:metadata', `f:${mk}`], out, opts);
      }
      continue;
    }
    walk(v, [k], [`f:${k}`], out, opts);
  }
  return out;
}

/** The value at a member path, or undefined when absent. `found` tells absent from undefined. */
export function valueAt(obj: unknown, path: readonly string[]): { found: boolean; value?: unknown } {
  let cur: unknown = obj;
  for (const el of path) {
    const tag = el.slice(0, 2);
    const rest = el.slice(2);
    if (tag === 'f:') {
      if (!isObj(cur) || !(rest in cur)) return { found: false };
      cur = cur[rest];
    } else if (tag === 'k:') {
      if (!Array.isArray(cur)) return { found: false };
      const key = JSON.parse(rest) as Obj;
      cur = cur.find((i) => matchesKey(i, key, keyDefaults(key)));
      if (cur === undefined) return { found: false };
    } else if (tag === 'v:') {
      if (!Array.isArray(cur)) return { found: false };
      const want = JSON.parse(rest) as unknown;
      if (!cur.some((i) => deepEqual(i, want))) return { found: false };
      cur = want;
    } else {
      return { found: false };
    }
  }
  return { found: true, value: cur };
}

/** Defaults for the key fields of a multi-field key (protocol TCP for ports). */
export function keyDefaults(key: Obj): Record<string, unknown> {
  return 'protocol' in key ? { protocol: 'TCP' } : {};
}
