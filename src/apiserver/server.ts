/**
 * The API server: HTTPS only, a fixed pipeline (authentication → routing → handler), the generic
 * REST store over the storage backend, served from per-resource watch caches.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import { setMaxListeners } from 'node:events';
import { scheme as defaultScheme, type AnyKind, type Scheme } from '../api/scheme.js';
import { ApiError, toStatus } from '../machinery/index.js';
import { CompactedError, InvalidArgumentError, ValueTooLargeError, type Backend } from '../storage/index.js';
import { type Authenticator, createAuthenticator, type TokenEntry } from './authn.js';
import { Discovery } from './discovery.js';
import { createOpenApiService } from './openapi/index.js';
import { route } from './dispatch.js';
import type { ApiServices, HandlerContext } from './handlers/context.js';
import { sendJson, sendStatus, sendText } from './http/respond.js';
import { KindHookRegistry } from './admission/registry.js';
import { createResourceCache, type ResourceCache } from './registry/caches.js';
import { storageTarget, resourcePrefix } from './registry/keys.js';
import { ResourceStore } from './registry/store.js';
import { parseRequestInfo } from './request-info.js';
import { versionInfo } from './version.js';

/** Storage errors that reach the top carry a client mistake or an expired revision. */
function storageErrorToApi(e: unknown): unknown {
  if (e instanceof InvalidArgumentError) return ApiError.badRequest(e.message);
  if (e instanceof CompactedError) return ApiError.expired(e.message);
  if (e instanceof ValueTooLargeError) return ApiError.requestEntityTooLarge(e.message);
  return e;
}

/** 404 for a path that names no API resource, worded as kube-apiserver does. */
function pathNotFound(): ApiError {
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'the server could not find the requested resource',
    reason: 'NotFound',
    details: {},
    code: 404,
  });
}

export interface ApiServerOptions {
  backend: Backend;
  /** 0 picks a free port. */
  port: number;
  host: string;
  tls: { key: string; cert: string; ca: string };
  tokens: ReadonlyMap<string, TokenEntry>;
  scheme?: Scheme;
  serviceCIDR?: string;
  nodePortRange?: string;
  log?: (line: string) => void;
}

export interface ApiServer {
  port: number;
  close(): Promise<void>;
}

export async function startApiServer(opts: ApiServerOptions): Promise<ApiServer> {
  const scheme = opts.scheme ?? defaultScheme;
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const stopAll = new AbortController();
  setMaxListeners(0, stopAll.signal);
  const caches = new Map<string, ResourceCache>();
  const hooks = new KindHookRegistry(opts.backend, { serviceCIDR: opts.serviceCIDR, nodePortRange: opts.nodePortRange });
  const services: ApiServices = {
    scheme,
    backend: opts.backend,
    store: new ResourceStore(opts.backend, (k) => hooks.for(k)),
    cacheFor(kind: AnyKind): ResourceCache {
      const prefix = resourcePrefix(storageTarget(kind));
      let c = caches.get(prefix);
      if (!c) {
        c = createResourceCache(opts.backend, prefix, stopAll.signal, log);
        caches.set(prefix, c);
      }
      return c;
    },
  };
  const authn: Authenticator = createAuthenticator(opts.tokens);
  const openapi = createOpenApiService({ scheme });
  let discovery: Discovery | undefined;
  let ready = false;

  const server: Server = createServer({
    key: opts.tls.key,
    cert: opts.tls.cert,
    ca: opts.tls.ca,
    requestCert: true,
    rejectUnauthorized: false,
  });
  // Node pauses a keep-alive socket's parser when a new request arrives while the previous
  // response still waits for 'drain' (over the 16 KiB writable high-water mark); TLS sockets
  // then hand the paused parser more data and it fails with HPE_PAUSED, dropping the request.
  // A larger high-water mark keeps ordinary responses from setting needDrain.
  server.on('secureConnection', (s: Socket) => {
    const state = (s as unknown as { _writableState?: { highWaterMark: number } })._writableState;
    if (state) state.highWaterMark = 1 << 20;
  });
  server.on('clientError', (err: Error & { code?: string }, socket: Socket) => {
    if (err.code !== 'ECONNRESET') log(`client error: ${err.code ?? ''} ${err.message}`);
    socket.destroy();
  });
  // Clients (informers, kubectl) keep connections open between requests; closing idle ones
  // after Node's 5 s default races their next request ("socket hang up").
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 125_000;
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e: unknown) => {
      const status = toStatus(storageErrorToApi(e));
      if (status.code >= 500) log(`error: ${req.method} ${req.url}: ${(e as Error)?.stack ?? String(e)}`);
      if (!res.headersSent) sendStatus(res, status);
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://localhost');
    const path = url.pathname;
    if (path === '/healthz' || path === '/livez' || path === '/readyz' || path.startsWith('/readyz/') || path.startsWith('/livez/') || path.startsWith('/healthz/')) {
      if (path.startsWith('/readyz') && !ready) return sendText(res, 503, '[-]informer-sync failed: not ready\nreadyz check failed\n');
      return sendText(res, 200, 'ok');
    }
    if (path === '/version' || path === '/version/') return sendJson(res, 200, versionInfo());
    const user = authn.authenticate(req);
    if (!user) return sendStatus(res, ApiError.unauthorized().status);
    const info = parseRequestInfo(req.method ?? 'GET', url, scheme);
    if (!info.isResourceRequest) return nonResource(req, res, info.path);
    const kind = scheme.resource(info.group, info.version, info.resource);
    if (!kind) throw pathNotFound();
    const reqAbort = new AbortController();
    const onStop = (): void => reqAbort.abort();
    stopAll.signal.addEventListener('abort', onStop, { once: true });
    res.on('close', onStop);
    try {
      const ctx: HandlerContext = { req, res, url, info, kind, user, services, signal: reqAbort.signal };
      await route(ctx)(ctx);
    } finally {
      stopAll.signal.removeEventListener('abort', onStop);
    }
  }

  function nonResource(req: IncomingMessage, res: ServerResponse, path: string): void {
    if (openapi.handle(req, res, path)) return;
    const d = (discovery ??= new Discovery(scheme, `${opts.host}:${port}`));
    const p = path.replace(/\/+$/, '');
    const parts = p.split('/').filter(Boolean);
    let doc;
    if (p === '/api' || p === '/apis') doc = d.root(parts[0] as 'api' | 'apis', req.headers.accept);
    else if (parts[0] === 'api' && parts.length === 2) doc = d.resources('', parts[1]!);
    else if (parts[0] === 'apis' && parts.length === 2) doc = d.group(parts[1]!);
    else if (parts[0] === 'apis' && parts.length === 3) doc = d.resources(parts[1]!, parts[2]!);
    if (!doc) {
      sendStatus(res, pathNotFound().status);
      return;
    }
    if (req.headers['if-none-match'] === doc.etag) {
      res.writeHead(304, { ETag: doc.etag, Vary: 'Accept' });
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': doc.contentType, ETag: doc.etag, Vary: 'Accept', 'Cache-Control': 'no-cache, private' });
    res.end(doc.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  await hooks.start(services);
  ready = true;
  // Build the OpenAPI documents now rather than on kubectl's first request.
  setImmediate(() => {
    try {
      openapi.index();
    } catch (e) {
      log(`openapi: ${(e as Error).message}`);
    }
  });

  return {
    port,
    async close() {
      ready = false;
      stopAll.abort();
      for (const c of caches.values()) c.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
  };
}
