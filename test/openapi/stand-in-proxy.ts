/**
 * A stand-in for the wiring of OpenAPI and field validation into the API server, used only while
 * `gantry server` does not serve /openapi/v3 itself. A plain-HTTP proxy on 127.0.0.1 in front of
 * the server: it answers /openapi/v3 with createOpenApiService, checks POST/PUT bodies with
 * checkFields as write.ts is to do, and forwards everything else with the server's credentials.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { scheme } from '../../src/api/scheme.js';
import { parseRequestInfo } from '../../src/apiserver/request-info.js';
import { createOpenApiService } from '../../src/apiserver/openapi/index.js';
import { checkFields, formatWarningHeader, parseFieldValidation } from '../../src/apiserver/fieldvalidation/index.js';
import { isApiError } from '../../src/machinery/index.js';
import type { Credentials } from '../support/index.js';

export interface StandInProxy {
  url: string;
  close(): Promise<void>;
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Field validation of a create or update body, as the server is to do; undefined when not such a request. */
function validateWrite(req: IncomingMessage, url: URL, body: Buffer): { body: Buffer; warnings: string[] } | undefined {
  if (req.method !== 'POST' && req.method !== 'PUT') return undefined;
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return undefined;
  const info = parseRequestInfo(req.method, url, scheme);
  const kind = info.isResourceRequest ? scheme.resource(info.group, info.version, info.resource) : undefined;
  if (!kind || (info.subresource && info.subresource !== 'status')) return undefined;
  const mode = parseFieldValidation(url.searchParams.get('fieldValidation'));
  const { object, warnings } = checkFields(kind, JSON.parse(body.toString('utf8')), { mode, rawBody: body });
  return { body: Buffer.from(JSON.stringify(object)), warnings };
}

export async function startStandInProxy(upstream: Credentials): Promise<StandInProxy> {
  const openapi = createOpenApiService({ scheme });
  const target = new URL(upstream.server);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (openapi.handle(req, res, url.pathname)) return;
    let body = await readAll(req);
    let warnings: string[] = [];
    try {
      const checked = validateWrite(req, url, body);
      if (checked) ({ body, warnings } = checked);
    } catch (e) {
      if (!isApiError(e)) throw e;
      res.writeHead(e.status.code, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(e.status));
      return;
    }
    const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
    if (upstream.token) headers.authorization = `Bearer ${upstream.token}`;
    const out = httpsRequest(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers, ca: upstream.ca, cert: upstream.cert, key: upstream.key },
      (up) => {
        const h: Record<string, string | string[] | undefined> = { ...up.headers };
        if (warnings.length) h.warning = warnings.map(formatWarningHeader);
        res.writeHead(up.statusCode ?? 502, h);
        res.flushHeaders();
        up.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    res.on('close', () => out.destroy());
    out.end(body);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
