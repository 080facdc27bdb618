/** labelSelector and fieldSelector query parameters → one object predicate. */
import type { KubeObject } from '../../api/meta.js';
import type { AnyKind } from '../../api/scheme.js';
import { ApiError, parseFieldSelector, parseSelector } from '../../machinery/index.js';

export type ObjectFilter = (obj: KubeObject) => boolean;

/** The value an object has for a field selector key, or undefined if the kind does not support it. */
export function fieldGetter(kind: AnyKind): (obj: KubeObject, field: string) => string | undefined {
  const extra = kind.fieldSelectors ?? {};
  return (obj, field) => {
    if (field === 'metadata.name') return obj.metadata.name ?? '';
    if (field === 'metadata.namespace') return kind.namespaced ? (obj.metadata.namespace ?? '') : '';
    const f = extra[field];
    return f ? f(obj) : undefined;
  };
}

export interface SelectorFilter {
  filter?: ObjectFilter;
  /** An exact metadata.name the selector requires, for a fast path. */
  name?: string;
}

export function buildFilter(kind: AnyKind, params: URLSearchParams): SelectorFilter {
  const labelText = params.get('labelSelector') ?? '';
  const fieldText = params.get('fieldSelector') ?? '';
  const preds: ObjectFilter[] = [];
  let name: string | undefined;
  if (labelText.trim()) {
    let sel;
    try {
      sel = parseSelector(labelText);
    } catch (e) {
      throw ApiError.badRequest((e as Error).message);
    }
    if (!sel.isEmpty()) preds.push((o) => sel.matches(o.metadata.labels ?? {}));
  }
  if (fieldText.trim()) {
    let sel;
    try {
      sel = parseFieldSelector(fieldText);
    } catch (e) {
      throw ApiError.badRequest((e as Error).message);
    }
    const get = fieldGetter(kind);
    for (const r of sel.requirements) {
      if (!isSupportedFieldName(kind, r.field)) {
        throw ApiError.badRequest(`field label not supported: ${r.field}`);
      }
      if (r.field === 'metadata.name' && (r.operator === '=' || r.operator === '==')) name = r.value;
    }
    preds.push((o) => sel.matches((f: string) => get(o, f)));
  }
  if (!preds.length) return { name };
  if (preds.length === 1) return { filter: preds[0], name };
  return { filter: (o) => preds.every((p) => p(o)), name };
}

function isSupportedFieldName(kind: AnyKind, field: string): boolean {
  return field === 'metadata.name' || field === 'metadata.namespace' || Object.hasOwn(kind.fieldSelectors ?? {}, field);
}
