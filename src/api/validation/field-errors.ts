/**
 * Field errors, worded as upstream's field.Error so that kubectl prints the same
 * `The Pod "x" is invalid: spec.containers[0].image: Required value`.
 * `type` becomes the StatusCause reason; `message` is the cause message.
 */

export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueNotFound'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueTypeInvalid'
  | 'InternalError';

export interface FieldError {
  type: FieldErrorType;
  /** Path such as `spec.containers[0].image`. */
  field: string;
  /** The full cause message, e.g. `Invalid value: "Foo": must be lowercase`. */
  message: string;
}

/** Formats a bad value the way upstream does (strings quoted, numbers bare, objects as JSON). */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function required(field: string, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field, message: detail ? `Required value: ${detail}` : 'Required value' };
}

export function invalid(field: string, value: unknown, detail: string): FieldError {
  const base = `Invalid value: ${formatValue(value)}`;
  return { type: 'FieldValueInvalid', field, message: detail ? `${base}: ${detail}` : base };
}

export function notSupported(field: string, value: unknown, valid: readonly string[]): FieldError {
  const list = valid.map((v) => JSON.stringify(v)).join(', ');
  return {
    type: 'FieldValueNotSupported',
    field,
    message: `Unsupported value: ${formatValue(value)}${valid.length ? `: supported values: ${list}` : ''}`,
  };
}

/** A reference to something that does not exist (e.g. a volume mount naming no volume). */
export function notFound(field: string, value: unknown): FieldError {
  return { type: 'FieldValueNotFound', field, message: `Not found: ${formatValue(value)}` };
}

export function duplicate(field: string, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field, message: `Duplicate value: ${formatValue(value)}` };
}

export function forbidden(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, message: `Forbidden: ${detail}` };
}

export function tooLong(field: string, maxLength: number): FieldError {
  return { type: 'FieldValueTooLong', field, message: `Too long: may not be more than ${maxLength} bytes` };
}

export function tooMany(field: string, actual: number, max: number): FieldError {
  return { type: 'FieldValueTooMany', field, message: `Too many: ${actual}: must have at most ${max} items` };
}

/** The message upstream uses for a field that may not change after creation. */
export const IMMUTABLE = 'field is immutable';

/** Builds child paths: path('spec','containers',0,'image') → spec.containers[0].image */
export function fieldPath(...parts: (string | number)[]): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (p.startsWith('[')) out += p;
    else out += out ? `.${p}` : p;
  }
  return out;
}
