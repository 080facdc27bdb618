/**
 * The list half of strategic merge patch: merging lists by merge key, `$patch` items in lists,
 * `$setElementOrder/<field>`, and upstream's ordering rule (patch order first, then live order,
 * with server-only items interleaved where the live list had them).
 */
import { ApiError } from '../errors/api-error.js';
import { brief, getOwn, hasOwn, isObject, setOwn, type JsonObject } from './json-values.js';
import { mergesList, type PatchMeta, type PatchMetaLookup } from './patch-meta.js';

export const SET_ORDER_PREFIX = '$setElementOrder';

/** What the list code needs from the map code (kept as an interface to avoid an import cycle). */
export interface ItemMerger {
  merge(orig: JsonObject, patch: JsonObject, path: readonly string[]): JsonObject;
  /** A patch value for a field the original lacks, with directives and nulls resolved. */
  fresh(value: unknown, path: readonly string[]): unknown;
}

type KeyOf = (item: unknown) => unknown;

function keyFn(mergeKey: string | undefined): KeyOf {
  return mergeKey ? (item) => (isObject(item) ? getOwn(item, mergeKey) : undefined) : (item) => item;
}

export function noMergeKey(item: unknown, mergeKey: string): ApiError {
  return ApiError.badRequest(`map: ${brief(item)} does not contain declared merge key: ${mergeKey}`);
}

/** 'map' for lists of objects, 'scalar' for lists of primitives; mixed lists and lists of lists are refused. */
function elementKind(lists: readonly unknown[][]): 'map' | 'scalar' {
  let kind: 'map' | 'scalar' | undefined;
  for (const list of lists) {
    for (const v of list) {
      if (Array.isArray(v)) throw ApiError.unprocessableEntity('lists of lists are not supported');
      const k = isObject(v) ? 'map' : 'scalar';
      if (kind !== undefined && kind !== k) {
        throw ApiError.unprocessableEntity(`list element types are not identical: ${brief(lists)}`);
      }
      kind = k;
    }
  }
  return kind ?? 'scalar';
}

function firstIndex(list: readonly unknown[], keyOf: KeyOf): Map<unknown, number> {
  const index = new Map<unknown, number>();
  list.forEach((v, i) => {
    const k = keyOf(v);
    if (!index.has(k)) index.set(k, i);
  });
  return index;
}

/** A stable sort by position in `order`; items not in it keep their relative order at the end. */
function sortByOrder(items: readonly unknown[], order: readonly unknown[], keyOf: KeyOf): unknown[] {
  const index = firstIndex(order, keyOf);
  const pos = (v: unknown) => index.get(keyOf(v)) ?? Number.MAX_SAFE_INTEGER;
  return items
    .map((v, i) => ({ v, i, p: pos(v) }))
    .sort((a, b) => a.p - b.p || a.i - b.i)
    .map((x) => x.v);
}

/**
 * Upstream's normalizeElementOrder: patch items sorted by the patch (or $setElementOrder) order,
 * server-only items sorted by the live order, then interleaved: a server-only item goes before a
 * patch item only when the live list had it earlier. (So a brand-new item lands first.)
 */
function normalizeOrder(
  patchItems: readonly unknown[],
  serverOnly: readonly unknown[],
  orders: { patch: readonly unknown[]; server: readonly unknown[] },
  keyOf: KeyOf,
): unknown[] {
  const right = sortByOrder(patchItems, orders.patch, keyOf);
  const left = sortByOrder(serverOnly, orders.server, keyOf);
  const serverIndex = firstIndex(orders.server, keyOf);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = serverIndex.get(keyOf(left[i]));
      const ri = serverIndex.get(keyOf(right[j]));
      if (li !== undefined && ri !== undefined && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/** Splits `merged` into the items named by `by` and the rest, keeping order. */
function partition(merged: readonly unknown[], by: readonly unknown[], keyOf: KeyOf): [unknown[], unknown[]] {
  const keys = new Set(by.map(keyOf));
  const inPatch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of merged) (keys.has(keyOf(v)) ? inPatch : serverOnly).push(v);
  return [inPatch, serverOnly];
}

/** Applies `$patch` items: deletions by merge key, `replace`, and `merge` (the default). */
function applyListDirectives(base: unknown[], patch: readonly unknown[], mergeKey: string): { base: unknown[]; rest: JsonObject[]; replace: boolean } {
  const rest: JsonObject[] = [];
  let replace = false;
  for (const item of patch as JsonObject[]) {
    if (!hasOwn(item, '$patch')) {
      rest.push(item);
      continue;
    }
    const directive = item['$patch'];
    if (directive === 'delete') {
      if (!hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
      const doomed = item[mergeKey];
      base = base.filter((o) => !(isObject(o) && getOwn(o, mergeKey) === doomed));
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      const { $patch: _ignored, ...others } = item;
      if (Object.keys(others).length > 0) rest.push(others);
    } else {
      throw ApiError.badRequest(`unknown patch type: ${brief(directive)} in map: ${brief(item)}`);
    }
  }
  return { base, rest, replace };
}

function mergeMapList(orig: unknown[], patch: unknown[], mergeKey: string, path: readonly string[], m: ItemMerger): unknown[] {
  const { base, rest, replace } = applyListDirectives([...orig], patch, mergeKey);
  if (replace) return rest.map((v) => m.fresh(v, path));
  const keyOf = keyFn(mergeKey);
  const merged = [...base];
  for (const item of rest) {
    if (!hasOwn(item, mergeKey)) {
      // Merging needs the key; a list that did not exist yet can simply take the item.
      if (orig.length > 0) throw noMergeKey(item, mergeKey);
      merged.push(m.fresh(item, path));
      continue;
    }
    const want = item[mergeKey];
    const at = merged.findIndex((o) => isObject(o) && getOwn(o, mergeKey) === want);
    if (at >= 0) merged[at] = m.merge(merged[at] as JsonObject, item, path);
    else merged.push(m.fresh(item, path));
  }
  const [inPatch, serverOnly] = partition(merged, rest, keyOf);
  return normalizeOrder(inPatch, serverOnly, { patch: rest, server: base }, keyOf);
}

/** Merges a patch list into a live list of a field whose strategy is merge. */
export function mergeList(orig: unknown[], patch: unknown[], meta: PatchMeta | undefined, path: readonly string[], m: ItemMerger): unknown[] {
  if (orig.length === 0 && patch.length === 0) return orig;
  if (elementKind([orig, patch]) === 'map') {
    if (!meta?.mergeKey) throw ApiError.badRequest(`cannot merge lists without merge key for ${path.join('.')}`);
    return mergeMapList(orig, patch, meta.mergeKey, path, m);
  }
  const seen = new Set<unknown>();
  const merged = [...orig, ...patch].filter((v) => (seen.has(v) ? false : (seen.add(v), true)));
  const keyOf = keyFn(undefined);
  const [inPatch, serverOnly] = partition(merged, patch, keyOf);
  return normalizeOrder(inPatch, serverOnly, { patch, server: orig }, keyOf);
}

/** A list field: merged when its metadata says so, otherwise replaced by the patch value. */
export function mergeListField(orig: unknown[], patch: unknown[], path: readonly string[], meta: PatchMeta | undefined, m: ItemMerger): unknown[] {
  if (mergesList(meta)) return mergeList(orig, patch, meta, path, m);
  return patch.map((v) => (isObject(v) ? m.fresh(v, path) : v));
}

function sameItem(a: unknown, b: unknown, mergeKey: string | undefined): boolean {
  if (!mergeKey) return a === b;
  if (!isObject(a) || !hasOwn(a, mergeKey)) throw noMergeKey(a, mergeKey);
  if (!isObject(b) || !hasOwn(b, mergeKey)) throw noMergeKey(b, mergeKey);
  return a[mergeKey] === b[mergeKey];
}

/** The non-delete items of the patch list must appear in $setElementOrder, in the same relative order. */
function checkOrder(patchList: readonly unknown[], order: readonly unknown[], mergeKey: string | undefined): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey ? patchList.filter((v) => !(isObject(v) && v['$patch'] === 'delete')) : patchList;
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    const item = items[p];
    if (isObject(item) && hasOwn(item, '$patch')) {
      p++;
      continue;
    }
    if (sameItem(item, order[o], mergeKey)) p++;
    o++;
  }
  if (p < items.length) {
    throw ApiError.badRequest(`The order in patch list: ${brief(patchList)} doesn't match ${SET_ORDER_PREFIX} list: ${brief(order)}`);
  }
}

/** The list in `field`; undefined when absent or null. */
function listAt(o: JsonObject, field: string, path: readonly string[]): unknown[] | undefined {
  const v = getOwn(o, field);
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw ApiError.badRequest(`expected a list at ${[...path, field].join('.')}, but received ${brief(v)}`);
  return v;
}

/**
 * Handles every `$setElementOrder/<field>` of one map level: merges the field's patch list (if
 * any) and then orders the result as the directive says. Consumes the directive and the list.
 */
export function applySetElementOrder(orig: JsonObject, patch: JsonObject, ctx: { path: readonly string[]; lookup: PatchMetaLookup; merger: ItemMerger }): void {
  for (const directive of Object.keys(patch)) {
    if (!directive.startsWith(SET_ORDER_PREFIX)) continue;
    if (!directive.startsWith(`${SET_ORDER_PREFIX}/`)) throw ApiError.badRequest('invalid patch format of setElementOrder list');
    const order = patch[directive];
    delete patch[directive];
    if (!Array.isArray(order)) throw ApiError.badRequest('invalid patch format of setElementOrder list');
    const field = directive.slice(SET_ORDER_PREFIX.length + 1);
    const path = [...ctx.path, field];
    const meta = ctx.lookup(path);
    const live = listAt(orig, field, ctx.path);
    const patchList = listAt(patch, field, ctx.path);
    if (live === undefined && patchList === undefined) continue;
    if (patchList) checkOrder(patchList, order, meta?.mergeKey);
    let merged = live ?? [];
    if (patchList) merged = mergeListField(live ?? [], patchList, path, meta, ctx.merger);
    const keyOf = keyFn(meta?.mergeKey);
    const [inOrder, serverOnly] = partition(merged, order, keyOf);
    setOwn(orig, field, normalizeOrder(inOrder, serverOnly, { patch: order, server: live ?? [] }, keyOf));
    delete patch[field];
  }
}
