/**
 * Serves OpenAPI v3: `GET /openapi/v3` (the index of group/versions with hashed URLs) and
 * `GET /openapi/v3/api/v1`, `/openapi/v3/apis/<group>/<version>` (the documents). Documents are
 * built once, on first use, and served from memory with an ETag; hashed URLs are cacheable for
 * a year, and a stale hash is redirected to the current one, as kube-apiserver does.
 * Also `GET /openapi/v2` in protobuf, which kubectl up to 1.29 loads before create, apply and explain.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GENERATED_OPENAPI, type GeneratedOpenApi } from '../../api/openapi/index.js';
import type { Scheme } from '../../api/scheme.js';
import { groupVersionDocument } from './document.js';
import { openApiV2Document } from './v2-document.js';
import { encodeOpenApiV2 } from './v2-proto.js';

export const OPENAPI_V3_PREFIX = '/openapi/v3';
export const OPENAPI_V2_PATH = '/openapi/v2';
/** The media type kubectl asks for the protobuf v2 document with. */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
/** The Content-Type it is answered with: Go's mime parser rejects the '@'. */
const OPENAPI_V2_PROTOBUF_CONTENT_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

interface Served {
  body: Buffer;
  /** Upper-case hex SHA-512 of the body: the `hash` query value and (quoted) the ETag. */
  hash: string;
}

export interface OpenApiServiceOptions {
  scheme: Scheme;
  generated?: GeneratedOpenApi;
  /** For the Expires header of hashed URLs (tests). */
  now?: () => Date;
}

export interface OpenApiService {
  /**
   * Answers GET/HEAD on /openapi/v3 and its group/version documents. Returns false (and writes
   * nothing) for any other path or method, or an unknown group/version, so the caller can 404.
   */
  handle(req: IncomingMessage, res: ServerResponse, path: string): boolean;
  /** The group/version paths (`api/v1`, `apis/apps/v1`, ...) with their current hashes. */
  index(): Record<string, { serverRelativeURL: string }>;
  /** The document served at /openapi/v3/<gvPath>, parsed (tests and tools). */
  document(gvPath: string): Record<string, unknown> | undefined;
}

function serve(value: unknown): Served {
  const body = value instanceof Uint8Array ? Buffer.from(value) : Buffer.from(JSON.stringify(value));
  return { body, hash: createHash('sha512').update(body).digest('hex').toUpperCase() };
}

/** True when the Accept header allows one of `types` (a missing header allows anything). */
function accepts(accept: string | undefined, types: readonly string[]): boolean {
  if (!accept) return true;
  return accept.split(',').some((part) => {
    const [type, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) <= 0) return false;
    return [...types, 'application/*', '*/*'].includes(type!.trim().toLowerCase());
  });
}

function notAcceptable(res: ServerResponse, what: string): void {
  res.writeHead(406, { 'Content-Type': 'text/plain; charset=utf-8', Vary: 'Accept' });
  res.end(`406 Not Acceptable: only ${what} is served\n`);
}

function etagMatches(header: string | undefined, hash: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === `"${hash}"`;
  });
}

export function createOpenApiService(opts: OpenApiServiceOptions): OpenApiService {
  const generated = opts.generated ?? GENERATED_OPENAPI;
  const now = opts.now ?? (() => new Date());
  let cache: { index: Served; indexJson: Record<string, { serverRelativeURL: string }>; docs: Map<string, Served> } | undefined;
  let v2: Served | undefined;

  function build(): NonNullable<typeof cache> {
    if (cache) return cache;
    const docs = new Map<string, Served>();
    const indexJson: Record<string, { serverRelativeURL: string }> = {};
    for (const group of opts.scheme.groups()) {
      for (const version of opts.scheme.versions(group)) {
        const gvPath = group === '' ? `api/${version}` : `apis/${group}/${version}`;
        const served = serve(groupVersionDocument(opts.scheme, { group, version }, generated));
        docs.set(gvPath, served);
        indexJson[gvPath] = { serverRelativeURL: `${OPENAPI_V3_PREFIX}/${gvPath}?hash=${served.hash}` };
      }
    }
    const sortedIndex = Object.fromEntries(Object.entries(indexJson).sort(([a], [b]) => (a < b ? -1 : 1)));
    cache = { index: serve({ paths: sortedIndex }), indexJson: sortedIndex, docs };
    return cache;
  }

  function send(req: IncomingMessage, res: ServerResponse, served: Served, headers: Record<string, string>, contentType = 'application/json'): void {
    const etag = `"${served.hash}"`;
    if (etagMatches(req.headers['if-none-match'], served.hash)) {
      res.writeHead(304, { ETag: etag, ...headers });
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': served.body.length, ETag: etag, ...headers });
    res.end(req.method === 'HEAD' ? undefined : served.body);
  }

  function handleDocument(req: IncomingMessage, res: ServerResponse, gvPath: string): boolean {
    const served = build().docs.get(gvPath);
    if (!served) return false;
    if (!accepts(req.headers.accept, ['application/json'])) {
      notAcceptable(res, 'application/json');
      return true;
    }
    const hash = new URL(req.url ?? '/', 'https://localhost').searchParams.get('hash');
    if (hash && hash !== served.hash) {
      res.writeHead(301, { Location: `${OPENAPI_V3_PREFIX}/${gvPath}?hash=${served.hash}`, 'Cache-Control': 'no-cache, private', Vary: 'Accept' });
      res.end();
      return true;
    }
    const cacheHeaders: Record<string, string> = hash
      ? { 'Cache-Control': 'public, immutable', Expires: new Date(now().getTime() + 365 * 24 * 3600 * 1000).toUTCString() }
      : { 'Cache-Control': 'no-cache, private' };
    send(req, res, served, { Vary: 'Accept', ...cacheHeaders });
    return true;
  }

  return {
    handle(req, res, path) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const p = path.replace(/\/+$/, '');
      if (p === OPENAPI_V2_PATH) {
        if (!accepts(req.headers.accept, [OPENAPI_V2_PROTOBUF, OPENAPI_V2_PROTOBUF_CONTENT_TYPE])) notAcceptable(res, OPENAPI_V2_PROTOBUF);
        else {
          v2 ??= serve(encodeOpenApiV2(openApiV2Document(opts.scheme, generated)));
          send(req, res, v2, { 'Cache-Control': 'no-cache, private', Vary: 'Accept' }, OPENAPI_V2_PROTOBUF_CONTENT_TYPE);
        }
        return true;
      }
      if (p === OPENAPI_V3_PREFIX) {
        send(req, res, build().index, { 'Cache-Control': 'no-cache, private' });
        return true;
      }
      if (!p.startsWith(`${OPENAPI_V3_PREFIX}/`)) return false;
      return handleDocument(req, res, p.slice(OPENAPI_V3_PREFIX.length + 1));
    },
    index: () => build().indexJson,
    document(gvPath) {
      const served = build().docs.get(gvPath);
      return served ? (JSON.parse(served.body.toString('utf8')) as Record<string, unknown>) : undefined;
    },
  };
}
