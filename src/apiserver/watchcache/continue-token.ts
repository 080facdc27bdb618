import { InvalidContinueTokenError } from './errors.js';

/** The version tag of a continue token; the same shape kube-apiserver uses. */
const TOKEN_VERSION = 'meta.k8s.io/v1';

/** The longest continue token accepted (guards the decoder against huge input). */
const MAX_TOKEN_LENGTH = 16 * 1024;

/** What a continue token carries: where the next page starts, and the snapshot to read. */
export interface ContinuePosition {
  /** The snapshot revision of the first page; every later page is read at it. */
  revision: number;
  /** The next page holds the keys >= this full key. */
  startKey: string;
}

/**
 * Makes the opaque continue token for a page that ended at `lastKey` of a list under
 * `prefix`. The token is base64url JSON `{"v":"meta.k8s.io/v1","rv":N,"start":S}` where S is
 * the key after `lastKey` relative to `prefix`, like kube-apiserver's.
 */
export function encodeContinueToken(prefix: string, opts: { revision: number; lastKey: string }): string {
  if (!opts.lastKey.startsWith(prefix)) {
    throw new InvalidContinueTokenError(`key ${opts.lastKey} is outside ${prefix}`);
  }
  // The smallest key greater than lastKey: lastKey followed by U+0000.
  const start = `${opts.lastKey.slice(prefix.length)}\u0000`;
  const json = JSON.stringify({ v: TOKEN_VERSION, rv: opts.revision, start });
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** Reads a token made by `encodeContinueToken` for a list under `prefix`. */
export function decodeContinueToken(prefix: string, token: string): ContinuePosition {
  if (typeof token !== 'string' || token.length === 0) throw new InvalidContinueTokenError('empty token');
  if (token.length > MAX_TOKEN_LENGTH) throw new InvalidContinueTokenError('token is too long');
  if (!/^[A-Za-z0-9_\-+/]+=*$/.test(token)) throw new InvalidContinueTokenError('token is not base64');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidContinueTokenError('token does not decode to JSON');
  }
  if (typeof parsed !== 'object' || parsed === null) throw new InvalidContinueTokenError('token is not an object');
  const { v, rv, start } = parsed as Record<string, unknown>;
  if (v !== TOKEN_VERSION) throw new InvalidContinueTokenError('server does not recognize this encoded version');
  if (typeof rv !== 'number' || !Number.isSafeInteger(rv) || rv < 1) {
    throw new InvalidContinueTokenError(`incorrect encoded start resourceVersion (version ${TOKEN_VERSION})`);
  }
  if (typeof start !== 'string' || start.length === 0) {
    throw new InvalidContinueTokenError('the start key is missing');
  }
  return { revision: rv, startKey: prefix + start };
}
