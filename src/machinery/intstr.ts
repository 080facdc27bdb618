/**
 * IntOrString values (maxSurge: 1, maxUnavailable: "25%"), scaled as upstream's
 * intstr.GetScaledValueFromIntOrPercent.
 */
import { type FieldError, invalid } from '../api/validation/field-errors.js';

/** A JSON IntOrString: an integer, or a string (usually a percentage such as "25%"). */
export type IntOrString = number | string;

export class IntOrStringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntOrStringError';
  }
}

const DIGITS = /^[+-]?\d+$/;

/** The number in an IntOrString and whether it is a percentage. Throws IntOrStringError. */
export function intOrPercentValue(v: IntOrString): { value: number; isPercent: boolean } {
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new IntOrStringError(`invalid value for IntOrString: ${v} is not an integer`);
    return { value: v, isPercent: false };
  }
  if (typeof v !== 'string') throw new IntOrStringError('invalid value for IntOrString: invalid type: neither int nor percentage');
  if (!v.endsWith('%')) throw new IntOrStringError('invalid value for IntOrString: invalid type: string is not a percentage');
  const digits = v.slice(0, -1);
  if (!DIGITS.test(digits)) {
    throw new IntOrStringError(
      `invalid value for IntOrString: invalid value ${JSON.stringify(v)}: strconv.Atoi: parsing ${JSON.stringify(digits)}: invalid syntax`,
    );
  }
  return { value: Number.parseInt(digits, 10), isPercent: true };
}

/**
 * An integer as is; a percentage of `total`, rounded up or down. `("25%", 10, {roundUp: true})` → 3.
 * Throws IntOrStringError for anything that is neither an integer nor "<int>%".
 */
export function getScaledValueFromIntOrPercent(v: IntOrString | null | undefined, total: number, opts: { roundUp: boolean }): number {
  if (v === null || v === undefined) throw new IntOrStringError('nil value for IntOrString');
  const { value, isPercent } = intOrPercentValue(v);
  if (!isPercent) return value;
  const scaled = (value * total) / 100;
  return opts.roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/**
 * Validates a non-negative integer or percentage as upstream's ValidatePositiveIntOrPercent
 * (plus the "at most 100%" check when `max100` is set).
 */
export function validateIntOrPercent(v: unknown, field: string, opts: { max100?: boolean } = {}): FieldError[] {
  if (typeof v === 'string') {
    if (!/^[0-9]+%$/.test(v)) {
      return [
        invalid(field, v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"),
      ];
    }
    if (opts.max100 && Number.parseInt(v, 10) > 100) return [invalid(field, v, 'must not be greater than 100%')];
    return [];
  }
  if (typeof v === 'number' && Number.isInteger(v)) {
    return v < 0 ? [invalid(field, v, 'must be greater than or equal to 0')] : [];
  }
  return [invalid(field, v, "must be an integer or percentage (e.g '5%')")];
}
