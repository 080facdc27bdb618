/** Plain HTTPS requests with kubeconfig credentials (readiness checks and raw API calls in tests). */
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { parse } from 'yaml';

export interface Credentials {
  server: string;
  ca: string;
  cert?: string;
  key?: string;
  token?: string;
}

/** The server URL and credentials of a kubeconfig's current context. */
export function readKubeconfig(path: string): Credentials {
  const doc = parse(readFileSync(path, 'utf8')) as KubeconfigDoc;
  const ctxName = doc?.['current-context'];
  const context = doc?.contexts?.find((c) => c.name === ctxName)?.context;
  const cluster = doc?.clusters?.find((c) => c.name === context?.cluster)?.cluster;
  const user = doc?.users?.find((u) => u.name === context?.user)?.user;
  if (!context || !cluster?.server || !user) throw new Error(`kubeconfig ${path} has no complete current context`);
  const decode = (data?: string) => (data === undefined ? undefined : Buffer.from(data, 'base64').toString('utf8'));
  const ca = decode(cluster['certificate-authority-data']);
  if (!ca) throw new Error(`kubeconfig ${path} has no certificate-authority-data`);
  return { server: cluster.server, ca, cert: decode(user['client-certificate-data']), key: decode(user['client-key-data']), token: user.token };
}

interface KubeconfigDoc {
  'current-context'?: string;
  contexts?: { name: string; context: { cluster: string; user: string } }[];
  clusters?: { name: string; cluster: { server: string; 'certificate-authority-data'?: string } }[];
  users?: { name: string; user: { 'client-certificate-data'?: string; 'client-key-data'?: string; token?: string } }[];
}

export interface HttpsResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTPS request to `path` on the credentials' server, with a time limit (default 5 s). */
export function httpsRequest(
  creds: Credentials,
  path: string,
  opts: { method?: string; body?: string; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<HttpsResponse> {
  const url = new URL(path, creds.server);
  const headers: Record<string, string> = { ...opts.headers };
  if (creds.token) headers.authorization = `Bearer ${creds.token}`;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: opts.method ?? 'GET', ca: creds.ca, cert: creds.cert, key: creds.key, headers, timeout: opts.timeoutMs ?? 5000 },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`request to ${url.href} timed out`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}
