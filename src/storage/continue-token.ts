/**
 * The `continue` token of a paged list: it pins the snapshot revision of the first page and
 * says where the next page starts. Opaque to callers (base64url of a small JSON object).
 */
import { InvalidArgumentError } from './errors.js';
import { checkKey, keyAfter } from './keys.js';

export interface ContinuePosition {
  /** The snapshot revision every page is read at. */
  revision: number;
  /** The first key of the next page (inclusive). */
  start: string;
}

/** The token for the page after the one that ended with `lastKey`. */
export function encodeContinue(revision: number, lastKey: string): string {
  return Buffer.from(JSON.stringify({ r: revision, k: lastKey }), 'utf8').toString('base64url');
}

/** Decodes a token from a list of `prefix`. Throws InvalidArgumentError for a bad token. */
export function decodeContinue(token: string, prefix: string): ContinuePosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidArgumentError('continue token is not valid (not base64url JSON)');
  }
  const { r, k } = (parsed ?? {}) as { r?: unknown; k?: unknown };
  if (typeof r !== 'number' || !Number.isSafeInteger(r) || r < 1 || typeof k !== 'string') {
    throw new InvalidArgumentError('continue token is not valid (missing revision or key)');
  }
  if (!checkKey(k).startsWith(prefix)) {
    throw new InvalidArgumentError(`continue token does not belong to a list of prefix ${JSON.stringify(prefix)}`);
  }
  return { revision: r, start: keyAfter(k) };
}
