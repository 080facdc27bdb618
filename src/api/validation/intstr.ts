/**
 * Int-or-string fields (maxSurge: 1 or "25%") and the small numeric checks controllers' specs
 * share, worded as upstream.
 */
import { type FieldError, invalid } from './field-errors.js';
import { goIntOrString, invalidRendered } from './go-format.js';

/** intstr.IntOrString: an integer, or a string such as "25%". */
export type IntOrString = number | string;

const PERCENT_RE = /^[0-9]+%$/;
const PERCENT_MSG =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', " +
  "regex used for validation is '[0-9]+%')";

/** ValidateNonnegativeField: `Invalid value: -1: must be greater than or equal to 0`. */
export function validateNonNegative(value: number | undefined | null, field: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [invalid(field, value, 'must be greater than or equal to 0')] : [];
}

/** The percentage in "25%", or undefined when the value is not a valid percent string. */
export function percentValue(v: IntOrString | undefined | null): number | undefined {
  return typeof v === 'string' && PERCENT_RE.test(v) ? Number(v.slice(0, -1)) : undefined;
}

/** The number an int-or-percent stands for (25 for "25%"), 0 for anything else. */
export function intOrPercentValue(v: IntOrString | undefined | null): number {
  if (typeof v === 'number') return v;
  return percentValue(v) ?? 0;
}

/** ValidatePositiveIntOrPercent: a non-negative integer or a percent string. */
export function validatePositiveIntOrPercent(v: IntOrString | undefined | null, field: string): FieldError[] {
  if (typeof v === 'string') {
    return PERCENT_RE.test(v) ? [] : [invalidRendered(field, goIntOrString(v), PERCENT_MSG)];
  }
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return [invalidRendered(field, goIntOrString(v), "must be an integer or percentage (e.g '5%%')")];
    return validateNonNegative(v, field);
  }
  return [];
}

/** IsNotMoreThan100Percent: "150%" is refused, integers are not checked. */
export function validateNotMoreThan100Percent(v: IntOrString | undefined | null, field: string): FieldError[] {
  const p = percentValue(v);
  return p !== undefined && p > 100 ? [invalidRendered(field, goIntOrString(v), 'must not be greater than 100%')] : [];
}

/**
 * Scales an int-or-percent against a total (intstr.GetScaledValueFromIntOrPercent): integers are
 * taken as they are, percentages rounded up or down.
 */
export function scaledValue(v: IntOrString | undefined | null, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const p = percentValue(v);
  if (p === undefined) return 0;
  const exact = (p * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}
