/**
 * Field validation of PATCH requests, as kube-apiserver's patch handler does it: duplicate keys
 * in the patch body (JSON, merge and strategic merge patches) come first, then the unknown fields
 * of the patched object. Strict fails with 422 `patch: Invalid value: ...: strict decoding error: ...`.
 * (Apply patches are server-side apply's own business.)
 */
import type { GeneratedOpenApi, KindLike } from '../../api/openapi/index.js';
import { invalidRendered } from '../../api/validation/go-format.js';
import { ApiError } from '../../machinery/index.js';
import { type CheckFieldsResult, type FieldValidationMode, messages, unknownFieldsOf } from './check.js';
import { scanJsonKeys } from './json-keys.js';

export type PatchFormat = 'json' | 'merge' | 'strategic';

export interface CheckPatchedOptions {
  mode: FieldValidationMode;
  /** The patch as sent and its format (from the Content-Type). */
  patch: { body: string | Buffer; format: PatchFormat };
  generated?: GeneratedOpenApi;
}

/** Go's `%+v` of a decoded JSON value: `map[a:1 b:[x y]]`, keys sorted, nil as `<nil>`. */
export function goValueString(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValueString).join(' ')}]`;
  if (typeof v === 'object') {
    const entries = Object.keys(v as object)
      .sort()
      .map((k) => `${k}:${goValueString((v as Record<string, unknown>)[k])}`);
    return `map[${entries.join(' ')}]`;
  }
  return String(v);
}

function parsePatch(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Checks a patched object of `kind` and the patch that made it. Returns the object to store (without
 * unknown fields unless Strict) and the warnings for Warn mode; throws in Strict mode.
 */
export function checkPatchedFields<T>(kind: KindLike, patched: T, opts: CheckPatchedOptions): CheckFieldsResult<T> {
  const found = unknownFieldsOf(kind, patched, opts);
  if (!found) return { object: patched, warnings: [] };
  if (opts.mode === 'Ignore') return { object: found.pruned, warnings: [] };
  const text = typeof opts.patch.body === 'string' ? opts.patch.body : opts.patch.body.toString('utf8');
  const prefix = opts.patch.format === 'json' ? 'json patch ' : '';
  const duplicates = scanJsonKeys(text)
    .filter((e) => e.duplicate)
    .map((e) => ({ message: `${prefix}duplicate field ${JSON.stringify(e.path)}` }));
  const list = messages([...duplicates, ...found.paths.map((p) => ({ message: `unknown field ${JSON.stringify(p)}` }))]);
  if (opts.mode === 'Warn') return { object: found.pruned, warnings: list };
  if (list.length === 0) return { object: patched, warnings: [] };
  // Upstream shows the patched object for JSON and merge patches, and the decoded patch for strategic ones.
  const shown = opts.patch.format === 'strategic' ? goValueString(parsePatch(text)) : JSON.stringify(patched);
  throw ApiError.invalid({ group: '', kind: '' }, '', {
    causes: [invalidRendered('patch', JSON.stringify(shown), `strict decoding error: ${list.join(', ')}`)],
  });
}
