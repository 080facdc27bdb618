/**
 * ApiError: an Error that carries a full meta/v1 Status, worded as kube-apiserver words it
 * (apimachinery pkg/api/errors). The apiserver writes `err.status` as the response body with
 * `err.code` as the HTTP status; clients rebuild one from a Status body with `ApiError.fromStatus`.
 */
import type { Status, StatusCause, StatusDetails } from '../../api/meta.js';
import type { FieldError } from '../../api/validation/field-errors.js';

export type StatusReason =
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Invalid'
  | 'ServerTimeout'
  | 'Timeout'
  | 'TooManyRequests'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType'
  | 'InternalError'
  | 'Expired'
  | 'ServiceUnavailable';

/** A resource qualified by its API group ('' for core): `pods`, `deployments.apps`. */
export interface GroupResource {
  group: string;
  resource: string;
}

/** A kind qualified by its API group ('' for core): `Pod`, `Deployment.apps`. */
export interface GroupKind {
  group: string;
  kind: string;
}

/** The upstream optimistic-concurrency message (apiserver storage OptimisticLockErrorMsg). */
export const OPTIMISTIC_LOCK_MESSAGE =
  'the object has been modified; please apply your changes to the latest version and try again';

const DEFAULT_ACCEPTED_MEDIA_TYPES = ['application/json', 'application/yaml'] as const;

export function qualifiedResource(r: GroupResource): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

export function qualifiedKind(k: GroupKind): string {
  return k.group ? `${k.kind}.${k.group}` : k.kind;
}

/** StatusDetails with empty fields left out, as Go's `omitempty` does. */
function details(d: StatusDetails): StatusDetails | undefined {
  const out: StatusDetails = {};
  if (d.name) out.name = d.name;
  if (d.group) out.group = d.group;
  if (d.kind) out.kind = d.kind;
  if (d.uid) out.uid = d.uid;
  if (d.causes && d.causes.length > 0) out.causes = d.causes;
  if (d.retryAfterSeconds) out.retryAfterSeconds = d.retryAfterSeconds;
  return Object.keys(out).length > 0 ? out : undefined;
}

function failure(code: number, reason: StatusReason, message: string, d: StatusDetails = {}): ApiError {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  const det = details(d);
  if (det) status.details = det;
  return new ApiError(status);
}

function resourceDetails(r: GroupResource, name: string): StatusDetails {
  return { name, group: r.group, kind: r.resource };
}

/** What field.ErrorList.ToAggregate().Error() prints: one error bare, several deduplicated in brackets. */
function aggregateFieldErrors(causes: readonly FieldError[]): string {
  const seen = new Set<string>();
  for (const c of causes) seen.add(`${c.field}: ${c.message}`);
  const msgs = [...seen];
  return msgs.length === 1 ? msgs[0]! : `[${msgs.join(', ')}]`;
}

export class ApiError extends Error {
  readonly status: Status;

  constructor(status: Status) {
    super(status.message ?? '');
    this.name = 'ApiError';
    this.status = status;
  }

  /** The HTTP status code. */
  get code(): number {
    return this.status.code;
  }

  /** The machine-readable reason ('' when the Status has none). */
  get reason(): string {
    return this.status.reason ?? '';
  }

  /** Rebuilds an ApiError from a Status body (for clients). Anything else gives undefined. */
  static fromStatus(body: unknown): ApiError | undefined {
    if (typeof body !== 'object' || body === null) return undefined;
    const s = body as Partial<Status>;
    if (s.kind !== 'Status' || typeof s.code !== 'number') return undefined;
    return new ApiError({ ...s, kind: 'Status', apiVersion: 'v1', metadata: s.metadata ?? {}, status: s.status ?? 'Failure', code: s.code });
  }

  /** 404 `pods "x" not found`, `deployments.apps "x" not found`. */
  static notFound(resource: GroupResource, name: string): ApiError {
    if (!resource.resource && !name) return failure(404, 'NotFound', 'the server could not find the requested resource');
    return failure(404, 'NotFound', `${qualifiedResource(resource)} ${JSON.stringify(name)} not found`, resourceDetails(resource, name));
  }

  /** 409 `pods "x" already exists`. */
  static alreadyExists(resource: GroupResource, name: string): ApiError {
    return failure(409, 'AlreadyExists', `${qualifiedResource(resource)} ${JSON.stringify(name)} already exists`, resourceDetails(resource, name));
  }

  /** 409 when generateName produced a name that is taken; the client should retry. */
  static generateNameConflict(resource: GroupResource, name: string, opts: { retryAfterSeconds?: number } = {}): ApiError {
    const msg = `${qualifiedResource(resource)} ${JSON.stringify(name)} already exists, the server was not able to generate a unique name for the object`;
    return failure(409, 'AlreadyExists', msg, { ...resourceDetails(resource, name), retryAfterSeconds: opts.retryAfterSeconds ?? 1 });
  }

  /**
   * 409 `Operation cannot be fulfilled on pods "x": <detail>`. The detail defaults to the
   * optimistic-lock message that a stale resourceVersion gets.
   */
  static conflict(resource: GroupResource, name: string, opts: { detail?: string } = {}): ApiError {
    const detail = opts.detail ?? OPTIMISTIC_LOCK_MESSAGE;
    const msg = `Operation cannot be fulfilled on ${qualifiedResource(resource)} ${JSON.stringify(name)}: ${detail}`;
    return failure(409, 'Conflict', msg, resourceDetails(resource, name));
  }

  /** 422 `Pod "x" is invalid: spec.containers[0].image: Required value`, with one cause per field error. */
  static invalid(kind: GroupKind, name: string, opts: { causes: readonly FieldError[] }): ApiError {
    const causes: StatusCause[] = opts.causes.map((c) => ({ reason: c.type, message: c.message, field: c.field }));
    const head = `${qualifiedKind(kind)} ${JSON.stringify(name)} is invalid`;
    const msg = opts.causes.length === 0 ? head : `${head}: ${aggregateFieldErrors(opts.causes)}`;
    return failure(422, 'Invalid', msg, { name, group: kind.group, kind: kind.kind, causes });
  }

  /** 400 with the given message. */
  static badRequest(message: string): ApiError {
    return failure(400, 'BadRequest', message);
  }

  /** 422 reason Invalid for a request that is well-formed but cannot be applied (e.g. a failed JSON patch test). */
  static unprocessableEntity(message: string, opts: { causes?: StatusCause[] } = {}): ApiError {
    return failure(422, 'Invalid', message, { causes: opts.causes });
  }

  /** 401; the authentication filter answers `Unauthorized`. */
  static unauthorized(message = 'Unauthorized'): ApiError {
    return failure(401, 'Unauthorized', message || 'not authorized');
  }

  /** 403 `pods "x" is forbidden: <reason>` (`pods is forbidden: …` without a name, `forbidden: …` without a resource). */
  static forbidden(resource: GroupResource, name: string, opts: { reason: string }): ApiError {
    let msg: string;
    if (!resource.resource && !resource.group) msg = `forbidden: ${opts.reason}`;
    else if (!name) msg = `${qualifiedResource(resource)} is forbidden: ${opts.reason}`;
    else msg = `${qualifiedResource(resource)} ${JSON.stringify(name)} is forbidden: ${opts.reason}`;
    return failure(403, 'Forbidden', msg, resourceDetails(resource, name));
  }

  /** 405 for a verb a path does not serve. */
  static methodNotAllowed(message = 'the server does not allow this method on the requested resource'): ApiError {
    return failure(405, 'MethodNotAllowed', message);
  }

  /** 405 `create is not supported on resources of kind "bindings"`, for a verb a resource lacks. */
  static methodNotSupported(resource: GroupResource, action: string): ApiError {
    const msg = `${action} is not supported on resources of kind ${JSON.stringify(qualifiedResource(resource))}`;
    return failure(405, 'MethodNotAllowed', msg, { group: resource.group, kind: resource.resource });
  }

  /** 406 when no Accept type can be served. */
  static notAcceptable(accepted: readonly string[] = DEFAULT_ACCEPTED_MEDIA_TYPES): ApiError {
    return failure(406, 'NotAcceptable', `only the following media types are accepted: ${accepted.join(', ')}`);
  }

  /** 415 for a request body (or patch) Content-Type the server does not read. */
  static unsupportedMediaType(accepted: readonly string[] = DEFAULT_ACCEPTED_MEDIA_TYPES): ApiError {
    const msg = `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`;
    return failure(415, 'UnsupportedMediaType', msg);
  }

  /** 410 reason Gone. Prefer `expired` for stale resource versions. */
  static gone(message: string): ApiError {
    return failure(410, 'Gone', message);
  }

  /** 410 reason Expired, e.g. a watch or continue token from a compacted revision. */
  static expired(message: string): ApiError {
    return failure(410, 'Expired', message);
  }

  /** 410 Expired `too old resource version: 5 (10)`. */
  static tooOldResourceVersion(requested: number | string, oldest: number | string): ApiError {
    return ApiError.expired(`too old resource version: ${requested} (${oldest})`);
  }

  /**
   * 504 `Timeout: Too large resource version: 12, current: 10`, with the cause client-go looks for
   * (the client waits and retries).
   */
  static tooLargeResourceVersion(requested: number | string, current: number | string): ApiError {
    const msg = `Timeout: Too large resource version: ${requested}, current: ${current}`;
    return failure(504, 'Timeout', msg, {
      causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
      retryAfterSeconds: 1,
    });
  }

  /** 413 `Request entity too large: <message>`. */
  static requestEntityTooLarge(message: string): ApiError {
    return failure(413, 'RequestEntityTooLarge', `Request entity too large: ${message}`);
  }

  /** 429 with a Retry-After hint in details. */
  static tooManyRequests(message = 'Too many requests, please try again later.', opts: { retryAfterSeconds?: number } = {}): ApiError {
    return failure(429, 'TooManyRequests', message, { retryAfterSeconds: opts.retryAfterSeconds ?? 1 });
  }

  /** 500 `Internal error occurred: <message>`. Only the error's message is used, never its stack. */
  static internalError(err: unknown): ApiError {
    const text = describe(err);
    return failure(500, 'InternalError', `Internal error occurred: ${text}`, { causes: [{ message: text }] });
  }

  /** 503 with the given message. */
  static serviceUnavailable(message = 'the server is currently unable to handle the request'): ApiError {
    return failure(503, 'ServiceUnavailable', message);
  }

  /** 504 `Timeout: <message>`: the request took too long; it may still complete. */
  static timeout(message: string, opts: { retryAfterSeconds?: number } = {}): ApiError {
    return failure(504, 'Timeout', `Timeout: ${message}`, { retryAfterSeconds: opts.retryAfterSeconds });
  }

  /** 500 reason ServerTimeout: a transient failure the client should retry. */
  static serverTimeout(resource: GroupResource, operation: string, opts: { retryAfterSeconds?: number } = {}): ApiError {
    const msg = `The ${operation} operation against ${qualifiedResource(resource)} could not be completed at this time, please try again.`;
    return failure(500, 'ServerTimeout', msg, { name: operation, group: resource.group, kind: resource.resource, retryAfterSeconds: opts.retryAfterSeconds });
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (typeof err === 'string') return err;
  return 'unknown error';
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

/** The Status reason of an ApiError, or '' for anything else. */
export function reasonOf(err: unknown): string {
  return isApiError(err) ? err.reason : '';
}

export function isNotFound(err: unknown): boolean {
  return reasonOf(err) === 'NotFound';
}

export function isAlreadyExists(err: unknown): boolean {
  return reasonOf(err) === 'AlreadyExists';
}

export function isConflict(err: unknown): boolean {
  return reasonOf(err) === 'Conflict';
}

export function isInvalid(err: unknown): boolean {
  return reasonOf(err) === 'Invalid';
}

export function isForbidden(err: unknown): boolean {
  return reasonOf(err) === 'Forbidden';
}

/** True for 410 answers (Gone or Expired): an informer must relist. */
export function isResourceExpired(err: unknown): boolean {
  return isApiError(err) && err.code === 410;
}

export interface ToStatusOptions {
  /** Called with errors that are not ApiErrors (for logging); they are answered as a bare 500. */
  onUnknown?: (err: unknown) => void;
}

/**
 * Turns anything thrown into the Status to answer with. ApiErrors give their own Status (a copy);
 * anything else gives a 500 that reveals nothing about the server's internals.
 */
export function toStatus(err: unknown, opts: ToStatusOptions = {}): Status {
  if (isApiError(err)) return structuredClone(err.status);
  opts.onUnknown?.(err);
  const status = failure(500, 'InternalError', 'Internal error occurred: an unexpected error occurred while processing the request');
  return status.status;
}
