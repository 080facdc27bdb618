/**
 * A minimal keep-alive HTTPS client for the Kubernetes REST API, authenticated with the admin
 * client certificate of a kubeconfig. Used by the crash test and by bench/api, where the
 * official client's overhead would blur what is measured.
 */
import { Agent, request } from 'node:https';
import { readKubeconfig, type Credentials } from '../../support/https.js';

export interface ApiResponse {
  status: number;
  /** The raw body text. */
  body: string;
}

export interface ApiRequestOptions {
  /** A value to send as JSON (a string is sent as is). */
  body?: unknown;
  /** Default `application/json` when there is a body. */
  contentType?: string;
  /** Give up after this long (default 10 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ApiClientOptions {
  /** Sockets kept per host (default 256). */
  maxSockets?: number;
  /** Overrides the kubeconfig's server URL. */
  server?: string;
}

/** A Kubernetes `Status` as the API returns it on errors. */
export interface ApiStatus {
  kind?: string;
  status?: string;
  reason?: string;
  code?: number;
  message?: string;
}

/** Thrown by ApiClient.json() for any status other than the expected ones. */
export class ApiRequestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} ${path} answered ${status}: ${body.slice(0, 300)}`);
    this.name = 'ApiRequestError';
  }

  /** The body as a Status, when it is one. */
  statusObject(): ApiStatus | undefined {
    try {
      const parsed = JSON.parse(this.body) as ApiStatus;
      return parsed && parsed.kind === 'Status' ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
}

export class ApiClient {
  readonly server: string;
  readonly #creds: Credentials;
  readonly #agent: Agent;
  #streams: Agent | undefined;

  constructor(creds: Credentials, opts: ApiClientOptions = {}) {
    if (!creds.token && !(creds.cert && creds.key)) throw new Error('ApiClient needs a client certificate and key, or a token');
    this.#creds = creds;
    this.server = opts.server ?? creds.server;
    this.#agent = new Agent({
      keepAlive: true,
      maxSockets: opts.maxSockets ?? 256,
      ca: creds.ca,
      cert: creds.cert,
      key: creds.key,
    });
  }

  /** A client for the current context of the kubeconfig at `path`. */
  static fromKubeconfig(path: string, opts: ApiClientOptions = {}): ApiClient {
    return new ApiClient(readKubeconfig(path), opts);
  }

  /** One request; resolves with any HTTP status, rejects only on network errors and timeouts. */
  request(method: string, path: string, opts: ApiRequestOptions = {}): Promise<ApiResponse> {
    const url = new URL(path, this.server);
    const payload = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (payload !== undefined) {
      headers['content-type'] = opts.contentType ?? 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    if (this.#creds.token) headers.authorization = `Bearer ${this.#creds.token}`;
    return new Promise((resolve, reject) => {
      const req = request(url, { method, agent: this.#agent, headers, timeout: opts.timeoutMs ?? 10_000, signal: opts.signal }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${url.pathname} timed out`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** A request whose status must be one of `expect` (default 200 and 201); resolves with the parsed body. */
  async json<T>(method: string, path: string, opts: ApiRequestOptions & { expect?: number[] } = {}): Promise<T> {
    const res = await this.request(method, path, opts);
    const expect = opts.expect ?? [200, 201];
    if (!expect.includes(res.status)) throw new ApiRequestError(method, path, res.status, res.body);
    try {
      return JSON.parse(res.body) as T;
    } catch {
      throw new ApiRequestError(method, path, res.status, `(not JSON) ${res.body}`);
    }
  }

  /**
   * A streaming GET (a watch): calls `onLine` for each newline-terminated line of the body.
   * Resolves with the status once the headers arrive; `ended` settles when the body ends or
   * `signal` aborts. A status other than 200 ends the stream at once, with the body as the error.
   */
  async stream(path: string, onLine: (line: string) => void, opts: { signal: AbortSignal }): Promise<{ status: number; ended: Promise<void> }> {
    const url = new URL(path, this.server);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.#creds.token) headers.authorization = `Bearer ${this.#creds.token}`;
    return new Promise((resolve, reject) => {
      const req = request(url, { method: 'GET', agent: this.#streamAgent(), headers, signal: opts.signal }, (res) => {
        const status = res.statusCode ?? 0;
        const ended = new Promise<void>((done, fail) => {
          let partial = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (status !== 200) {
              partial += chunk;
              return;
            }
            const lines = (partial + chunk).split('\n');
            partial = lines.pop()!;
            for (const line of lines) if (line) onLine(line);
          });
          res.on('end', () => (status === 200 ? done() : fail(new ApiRequestError('GET', path, status, partial))));
          res.on('error', (err) => (opts.signal.aborted ? done() : fail(err)));
          res.on('close', () => done());
        });
        ended.catch(() => undefined);
        resolve({ status, ended });
      });
      req.on('error', reject);
      req.end();
    });
  }

  #streamAgent(): Agent {
    this.#streams ??= new Agent({ keepAlive: false, maxSockets: Infinity, ca: this.#creds.ca, cert: this.#creds.cert, key: this.#creds.key });
    return this.#streams;
  }

  /** Closes the kept-alive sockets. */
  close(): void {
    this.#agent.destroy();
    this.#streams?.destroy();
  }
}
