/**
 * Field sets in the FieldsV1 shape that `metadata.managedFields[].fieldsV1` stores:
 * `{"f:spec":{"f:replicas":{}},"f:metadata":{"f:labels":{"f:app":{}}}}`. Path elements are
 * `f:<field>`, `k:<json key object>` (an item of a list keyed by merge key), `v:<json value>`
 * (an item of a set-like list) and `i:<index>`; `"."` marks that the element itself is a member
 * when it also has children. A leaf is `{}`.
 */

export interface FieldSet {
  [element: string]: FieldSet;
}

export function emptySet(): FieldSet {
  return {};
}

export function isEmpty(s: FieldSet): boolean {
  for (const _ in s) return false;
  return true;
}

/** A deep copy. */
export function copySet(s: FieldSet): FieldSet {
  const out: FieldSet = {};
  for (const [k, v] of Object.entries(s)) out[k] = copySet(v);
  return out;
}

/** Every member path (a list of elements), leaves and "."-marked nodes alike. */
export function members(s: FieldSet, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const [k, child] of Object.entries(s)) {
    if (k === '.') continue;
    const path = [...prefix, k];
    if (isEmpty(child) || '.' in child) out.push(path);
    out.push(...members(child, path));
  }
  return out;
}

export function hasMember(s: FieldSet, path: readonly string[]): boolean {
  let cur: FieldSet | undefined = s;
  for (const el of path) {
    cur = cur[el];
    if (!cur) return false;
  }
  return isEmpty(cur) || '.' in cur;
}

/** Adds one member path. */
export function addMember(s: FieldSet, path: readonly string[]): void {
  let cur = s;
  for (let i = 0; i < path.length; i++) {
    const el = path[i]!;
    const existed = el in cur;
    cur[el] ??= {};
    const next = cur[el]!;
    if (i === path.length - 1) {
      if (existed && !isEmpty(next)) next['.'] = {};
    } else if (existed && isEmpty(next)) {
      // It was a leaf member; keep that membership as ".".
      next['.'] = {};
    }
    cur = next;
  }
}

/** Removes one member path (children stay). */
export function removeMember(s: FieldSet, path: readonly string[]): void {
  const stack: [FieldSet, string][] = [];
  let cur: FieldSet | undefined = s;
  for (const el of path) {
    if (!cur[el]) return;
    stack.push([cur, el]);
    cur = cur[el];
  }
  if (!cur) return;
  if (isEmpty(cur)) {
    const [parent, el] = stack.pop()!;
    delete parent[el];
  } else {
    delete cur['.'];
  }
  // Drop ancestors left empty that were not members themselves.
  while (stack.length) {
    const [parent, el] = stack.pop()!;
    const node = parent[el]!;
    if (!isEmpty(node)) break;
    delete parent[el];
  }
}

export function union(a: FieldSet, b: FieldSet): FieldSet {
  const out = copySet(a);
  for (const m of members(b)) addMember(out, m);
  return out;
}

export function difference(a: FieldSet, b: FieldSet): FieldSet {
  const out: FieldSet = {};
  for (const m of members(a)) if (!hasMember(b, m)) addMember(out, m);
  return out;
}

export function intersection(a: FieldSet, b: FieldSet): FieldSet {
  const out: FieldSet = {};
  for (const m of members(a)) if (hasMember(b, m)) addMember(out, m);
  return out;
}

/** A member path as kube-apiserver prints it in conflicts: `.spec.containers[name="nginx"].image`. */
export function pathString(path: readonly string[]): string {
  let out = '';
  for (const el of path) {
    const kind = el.slice(0, 2);
    const rest = el.slice(2);
    if (kind === 'f:') out += `.${rest}`;
    else if (kind === 'k:') {
      const key = JSON.parse(rest) as Record<string, unknown>;
      out += `[${Object.entries(key).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`;
    } else if (kind === 'v:') out += `[=${rest}]`;
    else if (kind === 'i:') out += `[${rest}]`;
  }
  return out;
}
