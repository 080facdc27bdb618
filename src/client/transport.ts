/**
 * The HTTP(S) transport under RestClient: one keep-alive agent, JSON bodies, Status errors,
 * and retries on 429/5xx and dropped connections with backoff (never on other 4xx).
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { ApiError, type StatusReason } from '../machinery/index.js';
import { Backoff, sleep } from '../util/index.js';
import type { ClientConfig } from './config.js';
import type { RawRequest } from './types.js';

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 5;
const MAX_RETRY_AFTER_MS = 10_000;

/** A whole (non-streamed) answer. */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** The reason a client assumes when an error answer has no Status body (as client-go does). */
function reasonForCode(code: number): StatusReason {
  const table: Record<number, StatusReason> = {
    400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed',
    406: 'NotAcceptable', 409: 'Conflict', 410: 'Gone', 413: 'RequestEntityTooLarge', 415: 'UnsupportedMediaType',
    422: 'Invalid', 429: 'TooManyRequests', 500: 'InternalError', 503: 'ServiceUnavailable', 504: 'Timeout',
  };
  return table[code] ?? (code >= 500 ? 'InternalError' : 'BadRequest');
}

/** The ApiError for an error answer: its Status body when it has one, else one built from the code. */
export function errorFromResponse(status: number, body: string): ApiError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const fromStatus = ApiError.fromStatus(parsed);
  if (fromStatus) return fromStatus;
  const text = body.trim().slice(0, 512);
  const message = text ? `the server responded with status ${status}: ${text}` : `the server responded with status ${status}`;
  return new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: reasonForCode(status), code: status });
}

function retryableStatus(status: number, method: string): boolean {
  if (status === 429 || status === 503) return true; // not processed: safe for every verb
  return status >= 500 && isIdempotent(method);
}

function isIdempotent(method: string): boolean {
  return method === 'GET' || method === 'PUT' || method === 'DELETE';
}

/** Connection errors after which a request can be re-sent. */
function retryableNetworkError(err: unknown, method: string): boolean {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'ECONNREFUSED') return true; // never reached the server
  return isIdempotent(method) && ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET'].includes(code);
}

function retryAfterMs(headers: http.IncomingHttpHeaders): number | undefined {
  const v = headers['retry-after'];
  if (typeof v !== 'string' || !/^\d+$/.test(v.trim())) return undefined;
  return Math.min(Number(v) * 1000, MAX_RETRY_AFTER_MS);
}

function buildPath(path: string, query: RawRequest['query']): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export class Transport {
  private readonly url: URL;
  private readonly agent: http.Agent;
  private readonly mod: typeof http | typeof https;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly baseHeaders: Record<string, string>;

  constructor(config: ClientConfig) {
    this.url = new URL(config.server);
    const secure = this.url.protocol === 'https:';
    this.mod = secure ? https : http;
    this.agent = secure
      ? new https.Agent({
          keepAlive: true,
          ca: config.caPem,
          cert: config.certPem,
          key: config.keyPem,
          rejectUnauthorized: !config.insecureSkipTlsVerify,
        })
      : new http.Agent({ keepAlive: true });
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = config.maxRetries ?? DEFAULT_MAX_RETRIES;
    this.baseHeaders = { 'user-agent': config.userAgent ?? 'gantry', accept: 'application/json' };
    if (config.token) this.baseHeaders.authorization = `Bearer ${config.token}`;
  }

  /** Sends a request and returns the whole answer; throws ApiError for any status ≥ 400. */
  async request(req: RawRequest): Promise<RawResponse> {
    const retry = req.retry ?? true;
    const backoff = new Backoff({ initialMs: 100, maxMs: 5_000, jitter: 0.2 });
    for (let attempt = 0; ; attempt++) {
      const canRetry = retry && attempt < this.maxRetries && !req.signal?.aborted;
      let res: RawResponse;
      try {
        res = await this.once(req);
      } catch (err) {
        if (canRetry && retryableNetworkError(err, req.method)) {
          await sleep(backoff.next(), { signal: req.signal });
          continue;
        }
        throw err;
      }
      if (res.status < 400) return res;
      if (canRetry && retryableStatus(res.status, req.method)) {
        await sleep(retryAfterMs(res.headers) ?? backoff.next(), { signal: req.signal });
        continue;
      }
      throw errorFromResponse(res.status, res.body);
    }
  }

  /** `request`, with the answer's body parsed as JSON (an Error if it is not JSON). */
  async json<R>(req: RawRequest): Promise<R> {
    const res = await this.request(req);
    try {
      return JSON.parse(res.body) as R;
    } catch {
      throw new Error(`${req.method} ${req.path}: the server sent a body that is not JSON (${res.status})`);
    }
  }

  /**
   * Opens a streamed GET (a watch). Resolves with the open response once the server answered
   * 200; an error answer is read whole and thrown as ApiError. No retries: callers resume.
   */
  stream(req: RawRequest): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const r = this.start(req, { timeoutMs: 0 });
      r.on('error', reject);
      r.on('response', (res) => {
        if ((res.statusCode ?? 0) < 400) return resolve(res);
        readAll(res).then((body) => reject(errorFromResponse(res.statusCode ?? 0, body)), reject);
      });
      r.end();
    });
  }

  /** Closes idle keep-alive connections. In-flight requests finish. */
  close(): void {
    this.agent.destroy();
  }

  private once(req: RawRequest): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const body = req.body === undefined ? undefined : Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body));
      const r = this.start(req, { timeoutMs: req.timeoutMs ?? this.timeoutMs, contentLength: body?.length });
      r.on('error', reject);
      r.on('response', (res) => {
        readAll(res).then((body) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }), reject);
      });
      r.end(body);
    });
  }

  private start(req: RawRequest, opts: { timeoutMs: number; contentLength?: number }): http.ClientRequest {
    const headers: Record<string, string> = { ...this.baseHeaders };
    if (opts.contentLength !== undefined) {
      // Explicit: Node frames a DELETE body neither by length nor chunked by default.
      headers['content-type'] = req.contentType ?? 'application/json';
      headers['content-length'] = String(opts.contentLength);
    }
    const r = this.mod.request({
      protocol: this.url.protocol,
      hostname: this.url.hostname,
      port: this.url.port,
      method: req.method,
      path: buildPath(this.url.pathname.replace(/\/$/, '') + req.path, req.query),
      headers,
      agent: this.agent,
      signal: req.signal,
    });
    if (opts.timeoutMs > 0) {
      r.setTimeout(opts.timeoutMs, () => {
        const err = new Error(`${req.method} ${req.path}: no answer within ${opts.timeoutMs} ms`) as Error & { code: string };
        err.code = 'ETIMEDOUT';
        r.destroy(err);
      });
    }
    return r;
  }
}

function readAll(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
    res.on('aborted', () => reject(Object.assign(new Error('the server closed the connection mid-answer'), { code: 'ECONNRESET' })));
  });
}
