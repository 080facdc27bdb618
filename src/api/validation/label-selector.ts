/**
 * meta/v1 LabelSelector: validation worded as upstream, matching against a label set, and the
 * selector string upstream prints (`app=web,tier in (a,b)`), e.g. for /scale `status.selector`.
 */
import type { LabelSelector, LabelSelectorRequirement } from '../meta.js';
import { type FieldError, forbidden, invalid, required } from './field-errors.js';
import { goStringMap, invalidRendered } from './go-format.js';
import { isQualifiedName, isValidLabelValue } from './names.js';
import { validateLabels } from './object-meta.js';

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

function validateRequirement(r: LabelSelectorRequirement, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) {
        errs.push(required(`${field}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      }
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) {
        errs.push(forbidden(`${field}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      }
      break;
    default:
      errs.push(invalid(`${field}.operator`, r.operator, 'not a valid selector operator'));
  }
  for (const m of isQualifiedName(r.key ?? '')) errs.push(invalid(`${field}.key`, r.key ?? '', m));
  values.forEach((v, i) => {
    for (const m of isValidLabelValue(v)) errs.push(invalid(`${field}.values[${i}]`, v, m));
  });
  return errs;
}

/** Checks a LabelSelector (nil is fine: callers that need one report `Required value`). */
export function validateLabelSelector(sel: LabelSelector | undefined | null, field: string): FieldError[] {
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, `${field}.matchLabels`);
  (sel.matchExpressions ?? []).forEach((r, i) => errs.push(...validateRequirement(r, `${field}.matchExpressions[${i}]`)));
  return errs;
}

/** True when upstream could turn the selector into a labels.Selector (LabelSelectorAsSelector). */
export function isConvertibleSelector(sel: LabelSelector | undefined | null): boolean {
  if (!sel) return true;
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) {
    if (isQualifiedName(k).length || isValidLabelValue(v).length) return false;
  }
  for (const r of sel.matchExpressions ?? []) {
    if (!OPERATORS.includes(r.operator) || isQualifiedName(r.key ?? '').length) return false;
    const n = (r.values ?? []).length;
    if ((r.operator === 'In' || r.operator === 'NotIn') && n === 0) return false;
    if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && n > 0) return false;
    if ((r.values ?? []).some((v) => isValidLabelValue(v).length > 0)) return false;
  }
  return true;
}

/** True when the selector has no requirements at all (it then selects everything). */
export function isEmptySelector(sel: LabelSelector | undefined | null): boolean {
  return !!sel && Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0;
}

/** Whether `labels` satisfy the selector. A missing selector matches nothing, an empty one everything. */
export function labelSelectorMatches(sel: LabelSelector | undefined | null, labels: Record<string, string> | undefined): boolean {
  if (!sel) return false;
  const set = labels ?? {};
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) {
    if (set[k] !== v) return false;
  }
  for (const r of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(set, r.key);
    const values = r.values ?? [];
    switch (r.operator) {
      case 'In':
        if (!has || !values.includes(set[r.key]!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(set[r.key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

function requirementString(key: string, op: string, values: readonly string[]): string {
  const sorted = [...values].sort();
  switch (op) {
    case '=':
      return `${key}=${values[0] ?? ''}`;
    case 'In':
      return `${key} in (${sorted.join(',')})`;
    case 'NotIn':
      return `${key} notin (${sorted.join(',')})`;
    case 'Exists':
      return key;
    default:
      return `!${key}`;
  }
}

/**
 * The selector as upstream's labels.Selector prints it: requirements sorted by key, joined by ','.
 * An empty (or missing) selector gives ''.
 */
export function labelSelectorToString(sel: LabelSelector | undefined | null): string {
  if (!sel) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: requirementString(k, '=', [v]) });
  for (const r of sel.matchExpressions ?? []) {
    reqs.push({ key: r.key, text: requirementString(r.key, r.operator, r.values ?? []) });
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map((r) => r.text).join(',');
}

/** A selector for a Table cell (metav1.FormatLabelSelector): '<none>' when empty, '<error>' when invalid. */
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  if (!isConvertibleSelector(sel)) return '<error>';
  return labelSelectorToString(sel) || '<none>';
}

/**
 * The check controllers' validation shares: the selector must select the pod template's labels
 * (a missing selector selects nothing, so it fails too).
 * Reported as upstream does: `spec.template.metadata.labels: Invalid value: map[string]string{...}:
 * `selector` does not match template `labels``.
 */
export function validateSelectorMatchesLabels(
  sel: LabelSelector | undefined | null,
  labels: Record<string, string> | undefined,
  field: string,
): FieldError[] {
  if (!isConvertibleSelector(sel) || isEmptySelector(sel)) return [];
  // A missing selector selects nothing, so it never matches (upstream reports both problems).
  if (sel && labelSelectorMatches(sel, labels)) return [];
  return [invalidRendered(field, goStringMap(labels), '`selector` does not match template `labels`')];
}
