/** Probes and lifecycle hooks of a container: their types, defaults and checks. */
import { type FieldError, fieldPath, forbidden, invalid, notSupported, required } from '../../validation/field-errors.js';
import type { IntOrString } from '../../validation/intstr.js';
import { isValidPortName } from '../../validation/names.js';

/** Runs a command inside the container; exit status 0 is success. */
export interface ExecAction {
  /** Command line to run, executed directly (not in a shell). */
  command?: string[];
}

/** An HTTP header for an HTTP probe. */
export interface HTTPHeader {
  /** Header field name (canonicalised on output). */
  name: string;
  value: string;
}

/** Performs an HTTP GET; a status code from 200 to 399 is success. */
export interface HTTPGetAction {
  /** Path to request on the HTTP server. */
  path?: string;
  /** Port number or name to connect to on the container. */
  port: IntOrString;
  /** Host to connect to; defaults to the pod IP. */
  host?: string;
  /** HTTP or HTTPS. Defaults to HTTP. */
  scheme?: 'HTTP' | 'HTTPS';
  /** Custom headers to send. */
  httpHeaders?: HTTPHeader[];
}

/** Opens a TCP connection; success if it connects. */
export interface TCPSocketAction {
  /** Port number or name to connect to on the container. */
  port: IntOrString;
  /** Host to connect to; defaults to the pod IP. */
  host?: string;
}

/** Calls a gRPC health-checking service. */
export interface GRPCAction {
  /** Port number of the gRPC service (1–65535). */
  port: number;
  /** Service name passed in the HealthCheckRequest; empty means the server's default. */
  service?: string;
}

/** Pauses for a number of seconds. */
export interface SleepAction {
  seconds: number;
}

/** The action of a lifecycle hook: exactly one of exec, httpGet, tcpSocket or sleep. */
export interface LifecycleHandler {
  exec?: ExecAction;
  httpGet?: HTTPGetAction;
  /** Deprecated; kept for compatibility, not run. */
  tcpSocket?: TCPSocketAction;
  sleep?: SleepAction;
}

/** Actions the kubelet takes in response to container lifecycle events. */
export interface Lifecycle {
  /** Called right after the container is created. */
  postStart?: LifecycleHandler;
  /** Called before the container is terminated by an API request or management event. */
  preStop?: LifecycleHandler;
  /** Signal sent to stop the container. */
  stopSignal?: string;
}

/** A health check the kubelet runs against a container. Exactly one action must be set. */
export interface Probe {
  exec?: ExecAction;
  httpGet?: HTTPGetAction;
  tcpSocket?: TCPSocketAction;
  grpc?: GRPCAction;
  /** Seconds after the container starts before the probe first runs. */
  initialDelaySeconds?: number;
  /** Seconds after which the probe times out. Defaults to 1; minimum 1. */
  timeoutSeconds?: number;
  /** How often, in seconds, to probe. Defaults to 10; minimum 1. */
  periodSeconds?: number;
  /** Consecutive successes needed after a failure to count as successful. Defaults to 1; must be 1 for liveness and startup. */
  successThreshold?: number;
  /** Consecutive failures after which the probe counts as failed. Defaults to 3; minimum 1. */
  failureThreshold?: number;
  /** Grace period override for pod termination when this probe fails. */
  terminationGracePeriodSeconds?: number;
}

/** Fills upstream's probe defaults in place. */
export function defaultProbe(p: Probe | undefined): void {
  if (!p) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (p.httpGet) defaultHTTPGet(p.httpGet);
}

function defaultHTTPGet(h: HTTPGetAction): void {
  h.path ??= '/';
  h.scheme ??= 'HTTP';
}

export function defaultLifecycle(l: Lifecycle | undefined): void {
  if (!l) return;
  for (const h of [l.postStart, l.preStop]) if (h?.httpGet) defaultHTTPGet(h.httpGet);
}

/** Checks a port that may be a number (1–65535) or a port name. */
export function validatePortNumOrName(port: IntOrString | undefined, field: string): FieldError[] {
  if (typeof port === 'number') {
    return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [invalid(field, port, 'must be between 1 and 65535, inclusive')];
  }
  if (typeof port === 'string' && port !== '') return isValidPortName(port).map((m) => invalid(field, port, m));
  return [required(field)];
}

function validateHTTPGet(h: HTTPGetAction, field: string): FieldError[] {
  const errs = validatePortNumOrName(h.port, fieldPath(field, 'port'));
  if (h.scheme !== undefined && h.scheme !== 'HTTP' && h.scheme !== 'HTTPS') {
    errs.push(notSupported(fieldPath(field, 'scheme'), h.scheme, ['HTTP', 'HTTPS']));
  }
  for (const hdr of h.httpHeaders ?? []) {
    if (!/^[-A-Za-z0-9]+$/.test(hdr.name ?? '')) {
      errs.push(invalid(fieldPath(field, 'httpHeaders'), hdr.name ?? '', HEADER_ERROR));
    }
  }
  return errs;
}

const HEADER_ERROR =
  "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')";

type HandlerLike = Partial<Record<'exec' | 'httpGet' | 'tcpSocket' | 'grpc' | 'sleep', unknown>>;

/** Exactly one handler must be present; checks it. */
function validateHandler(h: HandlerLike, field: string, allowed: readonly (keyof HandlerLike)[], gracePeriod?: number): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const key of allowed) {
    const v = h[key];
    if (v === undefined || v === null) continue;
    if (count++ > 0) {
      errs.push(forbidden(fieldPath(field, key), 'may not specify more than 1 handler type'));
      continue;
    }
    const f = fieldPath(field, key);
    if (key === 'exec' && !(v as ExecAction).command?.length) errs.push(required(fieldPath(f, 'command')));
    if (key === 'httpGet') errs.push(...validateHTTPGet(v as HTTPGetAction, f));
    if (key === 'tcpSocket') errs.push(...validatePortNumOrName((v as TCPSocketAction).port, fieldPath(f, 'port')));
    if (key === 'grpc') errs.push(...validatePortNumOrName((v as GRPCAction).port, fieldPath(f, 'port')));
    if (key === 'sleep') {
      const s = (v as SleepAction).seconds;
      if (gracePeriod !== undefined && (typeof s !== 'number' || s < 0 || s > gracePeriod)) {
        errs.push(invalid(f, s, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`));
      }
    }
  }
  if (count === 0) errs.push(required(field, 'must specify a handler type'));
  return errs;
}

const NON_NEGATIVE = 'must be greater than or equal to 0';

/** Checks a probe; `kind` decides whether successThreshold must be 1 (liveness, startup). */
export function validateProbe(p: Probe | undefined, field: string, kind: 'liveness' | 'readiness' | 'startup'): FieldError[] {
  if (!p) return [];
  const errs = validateHandler(p as HandlerLike, field, ['exec', 'httpGet', 'tcpSocket', 'grpc']);
  const nonNeg = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const;
  for (const k of nonNeg) {
    const v = p[k];
    if (v !== undefined && v < 0) errs.push(invalid(fieldPath(field, k), v, NON_NEGATIVE));
  }
  if (p.terminationGracePeriodSeconds !== undefined && p.terminationGracePeriodSeconds <= 0) {
    errs.push(invalid(fieldPath(field, 'terminationGracePeriodSeconds'), p.terminationGracePeriodSeconds, 'must be greater than 0'));
  }
  if (kind !== 'readiness' && p.successThreshold !== undefined && p.successThreshold !== 1) {
    errs.push(invalid(fieldPath(field, 'successThreshold'), p.successThreshold, 'must be 1'));
  }
  if (kind === 'readiness' && p.terminationGracePeriodSeconds !== undefined) {
    errs.push(invalid(fieldPath(field, 'terminationGracePeriodSeconds'), p.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  }
  return errs;
}

/** Checks lifecycle hooks; sleep actions may not outlast the pod's termination grace period. */
export function validateLifecycle(l: Lifecycle | undefined, field: string, opts: { gracePeriod?: number } = {}): FieldError[] {
  if (!l) return [];
  const errs: FieldError[] = [];
  for (const k of ['postStart', 'preStop'] as const) {
    const h = l[k];
    if (h) errs.push(...validateHandler(h as HandlerLike, fieldPath(field, k), ['exec', 'httpGet', 'tcpSocket', 'sleep'], opts.gracePeriod));
  }
  return errs;
}
