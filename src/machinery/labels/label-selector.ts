/**
 * meta/v1 LabelSelector (matchLabels + matchExpressions) → Selector, as upstream's
 * LabelSelectorAsSelector, and its printed form as kubectl shows it.
 */
import type { LabelSelector } from '../../api/meta.js';
import { SelectorError, newRequirement, type Operator, type Requirement } from './requirement.js';
import { Selector } from './selector.js';

const OPERATORS: Readonly<Record<string, Operator>> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * A missing selector (undefined or null) matches nothing; an empty one matches everything.
 * Throws SelectorError for bad keys, values or operators.
 */
export function selectorFromLabelSelector(ls: LabelSelector | null | undefined): Selector {
  if (ls === undefined || ls === null) return Selector.nothing();
  if (typeof ls !== 'object') throw new SelectorError('a label selector must be an object');
  const labels = ls.matchLabels ?? {};
  const exprs = ls.matchExpressions ?? [];
  if (typeof labels !== 'object' || !Array.isArray(exprs)) {
    throw new SelectorError('matchLabels must be a map and matchExpressions a list');
  }
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(labels)) reqs.push(newRequirement(k, '=', [String(v)]));
  for (const e of exprs) {
    const op = typeof e?.operator === 'string' && Object.hasOwn(OPERATORS, e.operator) ? OPERATORS[e.operator] : undefined;
    if (!op) throw new SelectorError(`${JSON.stringify(e?.operator ?? '')} is not a valid label selector operator`);
    const values = Array.isArray(e.values) ? e.values.map(String) : [];
    reqs.push(newRequirement(String(e.key ?? ''), op, values));
  }
  return reqs.length === 0 ? Selector.everything() : Selector.fromRequirements(reqs);
}

/** As kubectl prints a selector: `app=web,tier in (a,b)`, `<none>` when empty, `<error>` when invalid. */
export function labelSelectorToString(ls: LabelSelector | null | undefined): string {
  let s: string;
  try {
    s = selectorFromLabelSelector(ls).toString();
  } catch {
    return '<error>';
  }
  return s === '' ? '<none>' : s;
}
