/** Kubeconfig files for kubectl and other clients. */
import { stringify } from 'yaml';
import { PRIVATE_MODE, writeFileAtomic } from './files.js';

export interface KubeconfigOptions {
  /** The API server URL, e.g. https://127.0.0.1:6443 (see serverUrl()). */
  server: string;
  caCertPem: string;
  /** Client certificate credentials; give these or `token`. */
  clientCertPem?: string;
  clientKeyPem?: string;
  /** A bearer token, instead of a client certificate. */
  token?: string;
  /** The context's default namespace (default "default"). */
  namespace?: string;
  /** The name of the cluster and the context (default "gantry"). */
  name?: string;
  /** The name of the user entry (default "gantry-admin"). */
  user?: string;
}

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** A kubeconfig document with one cluster, one user and one current context. */
export function renderKubeconfig(opts: KubeconfigOptions): string {
  let url: URL;
  try {
    url = new URL(opts.server);
  } catch {
    throw new Error(`invalid kubeconfig server URL ${JSON.stringify(opts.server)}`);
  }
  if (url.protocol !== 'https:') throw new Error(`kubeconfig server URL must use https: ${opts.server}`);
  if (!opts.caCertPem?.includes('-----BEGIN CERTIFICATE-----')) throw new Error('kubeconfig needs a PEM CA certificate');
  const hasCert = Boolean(opts.clientCertPem) || Boolean(opts.clientKeyPem);
  if (hasCert && !(opts.clientCertPem && opts.clientKeyPem)) {
    throw new Error('kubeconfig needs both a client certificate and its key');
  }
  if (!hasCert && !opts.token) throw new Error('kubeconfig needs client certificate credentials or a token');
  const name = opts.name ?? 'gantry';
  const user = opts.user ?? 'gantry-admin';
  const credentials: Record<string, string> = {};
  if (hasCert) {
    credentials['client-certificate-data'] = b64(opts.clientCertPem!);
    credentials['client-key-data'] = b64(opts.clientKeyPem!);
  }
  if (opts.token) credentials.token = opts.token;
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: opts.server, 'certificate-authority-data': b64(opts.caCertPem) } }],
    users: [{ name: user, user: credentials }],
    contexts: [{ name, context: { cluster: name, user, namespace: opts.namespace ?? 'default' } }],
    'current-context': name,
    preferences: {},
  };
  return stringify(doc, { lineWidth: 0 });
}

/** Writes a kubeconfig (mode 0600, atomically). */
export function writeKubeconfig(path: string, opts: KubeconfigOptions): void {
  writeFileAtomic(path, renderKubeconfig(opts), { mode: PRIVATE_MODE });
}
