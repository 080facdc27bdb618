/** The generated material works with Node's TLS, curl and kubectl. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as tls from 'node:tls';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { parse } from 'yaml';
import { ensurePki, issueClientCert, type Pki } from './pki.js';
import { writeKubeconfig } from './kubeconfig.js';
import { ensureAdminToken } from './tokens.js';
import { tempDirs } from './testing/temp-dirs.js';

const dirs = tempDirs('gantry-tls-');

const run = promisify(execFile);

interface Seen {
  authorized: boolean;
  cn?: string;
  orgs?: string[];
  authorization?: string;
}

/** An HTTPS server on 127.0.0.1 that asks for a client cert and records what it saw. */
async function startServer(pki: Pki): Promise<{ port: number; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = https.createServer(
    { key: pki.serverKeyPem, cert: pki.serverCertPem, ca: pki.caCertPem, requestCert: true, rejectUnauthorized: false },
    (req, res) => {
      const socket = req.socket as tls.TLSSocket;
      const peer = socket.getPeerCertificate();
      const o = peer.subject?.O as string | string[] | undefined;
      seen.push({
        authorized: socket.authorized,
        cn: peer.subject?.CN as string | undefined,
        orgs: o === undefined ? undefined : ([] as string[]).concat(o),
        authorization: req.headers.authorization,
      });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const close = () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return { port, seen, close };
}

function get(url: string, opts: https.RequestOptions): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { ...opts, timeout: 5000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

describe('TLS with the generated PKI', () => {
  let dir: string;
  let pki: Pki;
  let srv: Awaited<ReturnType<typeof startServer>>;
  let kubeconfig: string;
  beforeAll(async () => {
    dir = dirs.make();
    pki = await ensurePki(dir);
    srv = await startServer(pki);
    kubeconfig = join(dir, 'kubeconfig.yaml');
    writeKubeconfig(kubeconfig, {
      server: `https://127.0.0.1:${srv.port}`,
      caCertPem: pki.caCertPem,
      clientCertPem: pki.adminCertPem,
      clientKeyPem: pki.adminKeyPem,
    });
  });
  afterAll(async () => {
    await srv?.close();
    dirs.removeAll();
  });

  it('lets the server read CN and organizations of a verified admin client cert', async () => {
    const socket = tls.connect({
      host: '127.0.0.1', port: srv.port, servername: 'localhost',
      ca: pki.caCertPem, cert: pki.adminCertPem, key: pki.adminKeyPem,
    });
    socket.setTimeout(5000, () => socket.destroy(new Error('timeout')));
    await new Promise<void>((resolve, reject) => { socket.once('secureConnect', resolve); socket.once('error', reject); });
    expect(socket.authorized).toBe(true);
    socket.resume();
    socket.end('GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    await new Promise((resolve) => socket.on('close', resolve));
    expect(srv.seen.at(-1)).toMatchObject({ authorized: true, cn: 'system:admin', orgs: ['system:masters'] });
  });

  it('reads several organizations and reports foreign client certs as unauthorized', async () => {
    const user = await issueClientCert(pki, { commonName: 'jane', organizations: ['dev', 'ops'] });
    await get(`https://127.0.0.1:${srv.port}/`, { ca: pki.caCertPem, cert: user.certPem, key: user.keyPem });
    expect(srv.seen.at(-1)).toMatchObject({ authorized: true, cn: 'jane', orgs: ['dev', 'ops'] });
    const foreign = await ensurePki(dirs.make());
    await get(`https://127.0.0.1:${srv.port}/`, { ca: pki.caCertPem, cert: foreign.adminCertPem, key: foreign.adminKeyPem });
    expect(srv.seen.at(-1)).toMatchObject({ authorized: false });
  });

  it('serves a certificate Node verifies for 127.0.0.1 and localhost using the kubeconfig material', async () => {
    const doc = parse(readFileSync(kubeconfig, 'utf8'));
    const cluster = doc.clusters[0].cluster;
    const user = doc.users[0].user;
    const decode = (s: string) => Buffer.from(s, 'base64').toString('utf8');
    const material = { ca: decode(cluster['certificate-authority-data']), cert: decode(user['client-certificate-data']), key: decode(user['client-key-data']) };
    for (const host of ['127.0.0.1', 'localhost']) {
      const res = await get(`https://${host}:${srv.port}/readyz`, material);
      expect(res).toEqual({ status: 200, body: 'ok' });
    }
    expect(srv.seen.at(-1)?.cn).toBe('system:admin');
  });

  it('works with curl', async () => {
    const { stdout } = await run('curl', [
      '-sS', '--max-time', '10', '--cacert', pki.paths.caCert, '--cert', pki.paths.adminCert, '--key', pki.paths.adminKey,
      `https://127.0.0.1:${srv.port}/readyz`,
    ]);
    expect(stdout).toBe('ok');
    expect(srv.seen.at(-1)).toMatchObject({ authorized: true, cn: 'system:admin' });
  });

  it('works with kubectl through the kubeconfig, by certificate and by token', async () => {
    const env = { ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(dir, 'kubecache'), NO_PROXY: '127.0.0.1,localhost' };
    const { stdout } = await run('kubectl', ['get', '--raw', '/readyz', '--request-timeout=10s'], { env, timeout: 20_000 });
    expect(stdout).toBe('ok');
    expect(srv.seen.at(-1)).toMatchObject({ authorized: true, cn: 'system:admin', orgs: ['system:masters'] });
    const admin = ensureAdminToken(dir);
    const tokenConfig = join(dir, 'token-kubeconfig.yaml');
    writeKubeconfig(tokenConfig, { server: `https://localhost:${srv.port}`, caCertPem: pki.caCertPem, token: admin.token });
    await run('kubectl', ['get', '--raw', '/readyz', '--request-timeout=10s'], { env: { ...env, KUBECONFIG: tokenConfig }, timeout: 20_000 });
    expect(srv.seen.at(-1)?.authorization).toBe(`Bearer ${admin.token}`);
  });
});
