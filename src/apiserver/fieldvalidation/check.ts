/**
 * Server-side field validation (the `fieldValidation` query parameter of POST, PUT and PATCH):
 * unknown and duplicate fields are rejected (Strict), reported as warnings and dropped (Warn, the
 * default), or dropped silently (Ignore). Wording as kube-apiserver's strict decoder.
 */
import { GENERATED_OPENAPI, type GeneratedOpenApi, type KindLike, schemaOf } from '../../api/openapi/index.js';
import { ApiError } from '../../machinery/index.js';
import { scanJsonKeys } from './json-keys.js';
import { findUnknownFields } from './unknown-fields.js';

export type FieldValidationMode = 'Strict' | 'Warn' | 'Ignore';

export const FIELD_VALIDATION_MODES: readonly FieldValidationMode[] = ['Ignore', 'Warn', 'Strict'];

/** Upstream keeps at most this many strict decoding errors. */
const MAX_ERRORS = 100;

/**
 * The mode a request asks for: the `fieldValidation` query value. Absent or empty means Warn;
 * anything else unknown is a 400.
 */
export function parseFieldValidation(value: string | null | undefined): FieldValidationMode {
  if (value === null || value === undefined || value === '') return 'Warn';
  if ((FIELD_VALIDATION_MODES as readonly string[]).includes(value)) return value as FieldValidationMode;
  throw ApiError.badRequest(
    `fieldValidation: Unsupported value: ${JSON.stringify(value)}: supported values: ${FIELD_VALIDATION_MODES.map((m) => `"${m}"`).join(', ')}`,
  );
}

export interface CheckFieldsOptions {
  mode: FieldValidationMode;
  /**
   * The request body as sent, when the object came from a JSON body (POST, PUT): duplicate keys
   * are found in it, and errors are listed in document order. Leave out for patched results.
   */
  rawBody?: string | Buffer;
  /** The generated schemas to check against (tests). */
  generated?: GeneratedOpenApi;
}

export interface CheckFieldsResult<T> {
  /** The object to go on with: without unknown fields in Warn and Ignore mode; as given otherwise. */
  object: T;
  /** For `Warning: 299 - "..."` headers (Warn mode): `unknown field "spec.bogus"`, `duplicate field "metadata.name"`. */
  warnings: string[];
}

interface Problem {
  message: string;
  order: number;
}

/** Unknown then duplicate fields, in document order when the raw text is known. */
function problems(unknown: readonly string[], rawBody: string | undefined): Problem[] {
  if (rawBody === undefined) return unknown.map((p, i) => ({ message: `unknown field ${JSON.stringify(p)}`, order: i }));
  const firstOffset = new Map<string, number>();
  const out: Problem[] = [];
  for (const e of scanJsonKeys(rawBody)) {
    if (!firstOffset.has(e.path)) firstOffset.set(e.path, e.offset);
    if (e.duplicate) out.push({ message: `duplicate field ${JSON.stringify(e.path)}`, order: e.offset });
  }
  for (const p of unknown) out.push({ message: `unknown field ${JSON.stringify(p)}`, order: firstOffset.get(p) ?? Number.MAX_SAFE_INTEGER });
  return out.sort((a, b) => a.order - b.order);
}

/** Strict decoding errors, deduplicated and capped as upstream does. */
export function messages(list: readonly { message: string }[]): string[] {
  return [...new Set(list.map((p) => p.message))].slice(0, MAX_ERRORS);
}

/** `Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.bogus"`. */
export function strictDecodingError(kind: KindLike, errors: readonly string[]): ApiError {
  return ApiError.badRequest(`${kind.kind} in version ${JSON.stringify(kind.version)} cannot be handled as a ${kind.kind}: strict decoding error: ${errors.join(', ')}`);
}

/** Unknown fields of `body` as its kind's schema sees them; undefined for kinds without a generated schema. */
export function unknownFieldsOf<T>(kind: KindLike, body: T, opts: { mode: FieldValidationMode; generated?: GeneratedOpenApi }): { paths: string[]; pruned: T } | undefined {
  const generated = opts.generated ?? GENERATED_OPENAPI;
  const schema = schemaOf(kind, generated);
  if (!schema) return undefined;
  const found = findUnknownFields(body, schema, { schemas: generated.schemas, prune: opts.mode !== 'Strict' });
  return { paths: found.paths, pruned: (found.pruned ?? body) as T };
}

/**
 * Checks `body` (an object of `kind`) for unknown fields, and `rawBody` for duplicate ones.
 * Strict: throws a 400 listing them. Warn: returns them as warnings, and the object without the
 * unknown fields. Ignore: returns the object without the unknown fields. Kinds without a
 * generated schema pass unchecked. The input is never modified.
 */
export function checkFields<T>(kind: KindLike, body: T, opts: CheckFieldsOptions): CheckFieldsResult<T> {
  const found = unknownFieldsOf(kind, body, opts);
  if (!found) return { object: body, warnings: [] };
  if (opts.mode === 'Ignore') return { object: found.pruned, warnings: [] };
  const raw = typeof opts.rawBody === 'string' ? opts.rawBody : opts.rawBody?.toString('utf8');
  const list = messages(problems(found.paths, raw));
  if (opts.mode === 'Strict') {
    if (list.length > 0) throw strictDecodingError(kind, list);
    return { object: body, warnings: [] };
  }
  return { object: found.pruned, warnings: list };
}
