/**
 * A throwaway HTTPS API server on 127.0.0.1 that answers just enough (discovery, a few GETs) for
 * the stock kubectl's generators and records every write it receives. Test-only.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PROTOBUF_MEDIA_TYPE } from '../envelope.js';
import { decodeCaptured } from './decode-captured.js';
import { aggregatedDiscovery, apiVersionOf, legacyResourceList, resolvePath, type ResolvedPath } from './resources.js';

export interface CapturedRequest {
  method: string;
  path: string;
  contentType: string;
  command: string;
  body: Buffer;
}

export interface FakeApiserver {
  url: string;
  /** Every write (POST, PUT, PATCH) received so far, in order. */
  captured: CapturedRequest[];
  close(): Promise<void>;
}

export interface FakeApiserverOptions {
  /** A directory to write the self-signed serving certificate into. */
  dir: string;
  /** Objects served to GET, by request path without the query (e.g. `/apis/apps/v1/namespaces/default/deployments/web`). */
  objects?: Record<string, unknown>;
}

const AGG = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** A self-signed certificate for 127.0.0.1 made with the openssl CLI. */
function selfSignedCert(dir: string): { key: Buffer; cert: Buffer } {
  const key = join(dir, 'tls.key');
  const cert = join(dir, 'tls.crt');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1',
  ], { stdio: 'ignore', timeout: 20_000 });
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

function send(res: ServerResponse, code: number, body: unknown, contentType = 'application/json'): void {
  res.writeHead(code, { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private' });
  res.end(JSON.stringify(body));
}

/** The object a create carried, decoded (protobuf through the decoder under test), or {} when unreadable. */
function sentObject(req: CapturedRequest, r: ResolvedPath): Record<string, unknown> {
  try {
    if (req.contentType === PROTOBUF_MEDIA_TYPE) return decodeCaptured(req, r);
    if (req.contentType.startsWith('application/json')) return JSON.parse(req.body.toString('utf8')) as Record<string, unknown>;
  } catch {
    // an unreadable body still gets a reply: the test checks the captured bytes
  }
  return {};
}

/** What the server answers to a write: the object sent, named, with the status kubectl reads for reviews. */
function writeReply(req: CapturedRequest): Record<string, unknown> {
  const r = resolvePath(req.path);
  if (!r) return { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 404, reason: 'NotFound' };
  const sent = req.method === 'POST' ? sentObject(req, r) : {};
  const metadata = { name: 'captured', ...(sent.metadata as Record<string, unknown> | undefined) };
  const obj: Record<string, unknown> = { ...sent, apiVersion: apiVersionOf(r), kind: r.kind, metadata };
  if (r.kind === 'SelfSubjectAccessReview') obj.status = { allowed: true };
  if (r.kind === 'SelfSubjectRulesReview') obj.status = { resourceRules: [], nonResourceRules: [], incomplete: false };
  if (r.kind === 'SelfSubjectReview') obj.status = { userInfo: { username: 'tester' } };
  if (r.kind === 'TokenRequest') obj.status = { token: 'tok', expirationTimestamp: '2030-01-01T00:00:00Z' };
  return obj;
}

async function handle(req: IncomingMessage, res: ServerResponse, srv: FakeApiserver, opts: FakeApiserverOptions): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const path = (req.url ?? '/').split('?')[0]!;
  const method = req.method ?? 'GET';
  if (method === 'GET') {
    if (path === '/version') return send(res, 200, { major: '1', minor: '32', gitVersion: 'v1.32.0', platform: 'linux/amd64' });
    if (path === '/api' || path === '/apis') return send(res, 200, aggregatedDiscovery(path === '/api'), AGG);
    const gv = /^\/(?:api|apis\/([^/]+))\/([^/]+)$/.exec(path);
    const list = gv ? legacyResourceList(gv[1] ?? '', gv[2]!) : undefined;
    if (list) return send(res, 200, list);
    const obj = opts.objects?.[path];
    if (obj) return send(res, 200, obj);
    return send(res, 404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotFound', code: 404 });
  }
  const captured: CapturedRequest = {
    method,
    path: req.url ?? '/',
    contentType: String(req.headers['content-type'] ?? ''),
    command: String(req.headers['kubectl-command'] ?? ''),
    body: Buffer.concat(chunks),
  };
  srv.captured.push(captured);
  const existing = opts.objects?.[path];
  if (method === 'PATCH' && existing) return send(res, 200, existing);
  send(res, 201, writeReply(captured));
}

export async function startFakeApiserver(opts: FakeApiserverOptions): Promise<FakeApiserver> {
  const server: Server = createServer(selfSignedCert(opts.dir));
  const srv: FakeApiserver = {
    url: '',
    captured: [],
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
  server.on('request', (req, res) => {
    handle(req, res, srv, opts).catch(() => send(res, 500, { kind: 'Status', code: 500 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  srv.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return srv;
}
