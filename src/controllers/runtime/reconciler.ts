/**
 * The Reconciler contract (docs/design.md): `reconcile({namespace, name}, signal)` brings one
 * object's world toward its desired state, reading from informer caches. It is level-triggered
 * and idempotent: it may run any number of times for the same key. A thrown error retries the
 * key with rate-limited backoff; a TerminalError is logged and not retried.
 */
import { splitKey } from '../../client/index.js';

/** Which object to reconcile. `namespace` is '' for cluster-scoped objects. */
export interface Request {
  namespace: string;
  name: string;
}

/** What a reconcile asks of the queue afterwards (nothing: done until the next event). */
export interface Result {
  /** Reconcile the key again after this many milliseconds (0: at once). */
  requeueAfterMs?: number;
  /** Reconcile again after the rate limiter's delay (as a failure would, without logging). */
  requeue?: boolean;
}

export interface Reconciler {
  reconcile(req: Request, signal: AbortSignal): Promise<Result | void>;
}

/** An error that retrying cannot fix (bad spec, say): logged once, the key is not requeued. */
export class TerminalError extends Error {
  constructor(message: string, opts?: { cause?: unknown }) {
    super(message, opts);
    this.name = 'TerminalError';
  }
}

/** The queue key of a request: `namespace/name`, or `name` when cluster-scoped (client-go's key). */
export function requestKey(req: Request): string {
  return req.namespace ? `${req.namespace}/${req.name}` : req.name;
}

/** The inverse of requestKey. */
export function requestFromKey(key: string): Request {
  return splitKey(key);
}
