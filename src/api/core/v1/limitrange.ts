/** core/v1 LimitRange: per-namespace bounds and defaults for resources of pods, containers and claims. */
import { defineKind } from '../../kind.js';
import type { KubeObject } from '../../meta.js';
import { nameColumn } from '../../printing.js';
import { createdAtCell, createdAtColumn } from '../../printing-workloads.js';
import { type FieldError, duplicate, fieldPath, invalid, required } from '../../validation/field-errors.js';
import { isQualifiedName } from '../../validation/names.js';
import { compareQuantities, quantityFromValue, quantityToString, tryParseQuantity } from '../../quantity.js';
import { type ResourceList, normalizeResourceList, validateResourceName, validateResourceQuantity } from './resources.js';

/** The kind of object a limit applies to. */
export type LimitType = 'Pod' | 'Container' | 'PersistentVolumeClaim' | string;

/** Limits for one kind of object. */
export interface LimitRangeItem {
  /** Pod, Container or PersistentVolumeClaim. */
  type: LimitType;
  /** Most of each resource the object may use. */
  max?: ResourceList;
  /** Least of each resource the object may use. */
  min?: ResourceList;
  /** Default limits, used when a container specifies none. */
  default?: ResourceList;
  /** Default requests, used when a container specifies none. */
  defaultRequest?: ResourceList;
  /** Largest permitted ratio of limit to request for each resource. */
  maxLimitRequestRatio?: ResourceList;
}

export interface LimitRangeSpec {
  /** The limits, one item per object type. */
  limits: LimitRangeItem[];
}

export interface LimitRange extends KubeObject {
  /** The limits enforced in the namespace. */
  spec?: LimitRangeSpec;
}

const LISTS = ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const;

/** Upstream: container defaults come from max, and default requests from the default limit or min. */
function defaultItem(item: LimitRangeItem): void {
  for (const k of LISTS) normalizeResourceList(item[k]);
  if (item.type !== 'Container') return;
  item.default ??= {};
  item.defaultRequest ??= {};
  for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in item.default)) item.default[k] = v;
  for (const [k, v] of Object.entries(item.default)) if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
  for (const [k, v] of Object.entries(item.min ?? {})) if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
}

type Check = [a: keyof LimitRangeItem, b: keyof LimitRangeItem, at: keyof LimitRangeItem, shown: keyof LimitRangeItem, text: string];

/** Pairs that must be ordered (a ≤ b), where the error is reported, the value shown, and the wording. */
const ORDER_CHECKS: Check[] = [
  ['min', 'max', 'min', 'min', 'min value %a is greater than max value %b'],
  ['min', 'defaultRequest', 'defaultRequest', 'defaultRequest', 'min value %a is greater than default request value %b'],
  ['defaultRequest', 'max', 'defaultRequest', 'defaultRequest', 'default request value %a is greater than max value %b'],
  ['defaultRequest', 'default', 'defaultRequest', 'defaultRequest', 'default request value %a is greater than default limit value %b'],
  ['min', 'default', 'default', 'min', 'min value %a is greater than default value %b'],
  ['default', 'max', 'default', 'max', 'default value %a is greater than max value %b'],
];

function validateItem(item: LimitRangeItem, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!item.type) errs.push(required(fieldPath(field, 'type')));
  else errs.push(...isQualifiedName(item.type).map((m) => invalid(fieldPath(field, 'type'), item.type, m)));
  const keys = new Set<string>();
  for (const list of LISTS) {
    for (const [k, v] of Object.entries(item[list] ?? {})) {
      const f = fieldPath(field, list, `[${k}]`);
      errs.push(...validateResourceName(k, f), ...validateResourceQuantity(k, v, f));
      keys.add(k);
    }
  }
  const q = (list: keyof LimitRangeItem, k: string) => tryParseQuantity((item[list] as ResourceList | undefined)?.[k]);
  for (const k of keys) {
    for (const [a, b, at, shown, text] of ORDER_CHECKS) {
      const qa = q(a, k);
      const qb = q(b, k);
      if (qa && qb && compareQuantities(qa, qb) > 0) {
        const msg = text.replace('%a', quantityToString(qa)).replace('%b', quantityToString(qb));
        errs.push(invalid(fieldPath(field, at, `[${k}]`), quantityToString(q(shown, k)!), msg));
      }
    }
    const ratio = q('maxLimitRequestRatio', k);
    if (ratio && compareQuantities(ratio, quantityFromValue(1)) < 0) {
      errs.push(invalid(fieldPath(field, 'maxLimitRequestRatio', `[${k}]`), quantityToString(ratio), `ratio ${quantityToString(ratio)} is less than 1`));
    }
  }
  return errs;
}

function validateLimitRange(lr: LimitRange): FieldError[] {
  const errs: FieldError[] = [];
  const types = new Set<string>();
  (lr.spec?.limits ?? []).forEach((item, i) => {
    const f = fieldPath('spec', 'limits', i);
    if (types.has(item.type)) errs.push(duplicate(fieldPath(f, 'type'), item.type));
    types.add(item.type);
    errs.push(...validateItem(item, f));
  });
  return errs;
}

export const limitRange = defineKind<LimitRange>({
  group: '',
  version: 'v1',
  kind: 'LimitRange',
  plural: 'limitranges',
  singular: 'limitrange',
  namespaced: true,
  shortNames: ['limits'],
  generationFields: [],
  defaults(lr) {
    for (const item of lr.spec?.limits ?? []) defaultItem(item);
  },
  validate: validateLimitRange,
  // Upstream has no printer for LimitRange: kubectl shows the default "Name, Created At" table.
  table: {
    columns: [nameColumn, createdAtColumn],
    cells: (lr) => [lr.metadata.name, createdAtCell(lr.metadata.creationTimestamp)],
  },
});
