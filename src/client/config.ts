/**
 * Client credentials: a server URL, the CA to trust, and a client certificate or a bearer token.
 * Built from a kubeconfig file (`loadKubeconfig`) or from in-memory PEMs (`configFromPem`).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';

export interface ClientConfig {
  /** e.g. 'https://127.0.0.1:6443' */
  server: string;
  /** PEM of the CA that signed the server's certificate. */
  caPem?: string;
  /** Client certificate and key (PEM), for x509 authentication. */
  certPem?: string;
  keyPem?: string;
  /** Bearer token, for token authentication. */
  token?: string;
  /** Skip server certificate verification (tests only). */
  insecureSkipTlsVerify?: boolean;
  /** Sent as User-Agent and used as the default fieldManager (default 'gantry'). */
  userAgent?: string;
  /** Time limit of one non-watch request in ms (default 30 s). */
  timeoutMs?: number;
  /** Retries of a request answered 429/5xx or cut off (default 5; 0 disables). */
  maxRetries?: number;
  /** The kubeconfig context's namespace, when loaded from one. */
  namespace?: string;
}

/** In-memory credentials: PEMs or a token. */
export interface PemCredentials {
  server: string;
  caPem: string;
  certPem?: string;
  keyPem?: string;
  token?: string;
}

/** Checks and copies in-memory credentials into a ClientConfig. Throws a clear Error on bad input. */
export function configFromPem(creds: PemCredentials, opts: Partial<ClientConfig> = {}): ClientConfig {
  const cfg: ClientConfig = { ...opts, ...creds };
  return validateConfig(cfg);
}

/** Throws when a config cannot work (bad URL, half a key pair, no CA for https); returns it otherwise. */
export function validateConfig(cfg: ClientConfig): ClientConfig {
  let url: URL;
  try {
    url = new URL(cfg.server);
  } catch {
    throw new Error(`client config: invalid server URL ${JSON.stringify(cfg.server)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`client config: server URL must be http(s): ${cfg.server}`);
  }
  if (Boolean(cfg.certPem) !== Boolean(cfg.keyPem)) {
    throw new Error('client config: a client certificate needs its key (and the other way round)');
  }
  if (cfg.caPem !== undefined && !cfg.caPem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new Error('client config: caPem is not a PEM certificate');
  }
  return cfg;
}

interface NamedEntry<T> {
  name?: string;
  [key: string]: unknown;
  value?: T;
}

interface KubeconfigCluster {
  server?: string;
  'certificate-authority-data'?: string;
  'certificate-authority'?: string;
  'insecure-skip-tls-verify'?: boolean;
}

interface KubeconfigUser {
  'client-certificate-data'?: string;
  'client-key-data'?: string;
  'client-certificate'?: string;
  'client-key'?: string;
  token?: string;
  tokenFile?: string;
}

interface KubeconfigContext {
  cluster?: string;
  user?: string;
  namespace?: string;
}

function findNamed<T>(list: unknown, name: string | undefined, field: string): T | undefined {
  if (!Array.isArray(list) || name === undefined) return undefined;
  const entry = (list as NamedEntry<T>[]).find((e) => e && typeof e === 'object' && e.name === name);
  const v = entry?.[field];
  return v && typeof v === 'object' ? (v as T) : undefined;
}

/**
 * Reads a kubeconfig file and returns the config of `opts.context` (default: current-context).
 * Inline `*-data` fields and file references (relative to the kubeconfig) are both understood.
 */
export function loadKubeconfig(path: string, opts: { context?: string } = {}): ClientConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`kubeconfig ${path}: ${(e as Error).message}`);
  }
  return parseKubeconfig(text, { context: opts.context, baseDir: dirname(resolve(path)), source: path });
}

/** `loadKubeconfig` over the file's text. `baseDir` resolves relative file references. */
export function parseKubeconfig(text: string, opts: { context?: string; baseDir?: string; source?: string } = {}): ClientConfig {
  const source = opts.source ?? 'kubeconfig';
  let doc: Record<string, unknown>;
  try {
    doc = (parse(text) ?? {}) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`${source}: not valid YAML: ${(e as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null) throw new Error(`${source}: not a kubeconfig`);
  const ctxName = opts.context ?? (doc['current-context'] as string | undefined);
  if (!ctxName) throw new Error(`${source}: no context given and no current-context`);
  const ctx = findNamed<KubeconfigContext>(doc.contexts, ctxName, 'context');
  if (!ctx) throw new Error(`${source}: context ${JSON.stringify(ctxName)} not found`);
  const cluster = findNamed<KubeconfigCluster>(doc.clusters, ctx.cluster, 'cluster');
  if (!cluster?.server) throw new Error(`${source}: cluster ${JSON.stringify(ctx.cluster ?? '')} not found or has no server`);
  const user = findNamed<KubeconfigUser>(doc.users, ctx.user, 'user') ?? {};
  const read = (data: string | undefined, file: string | undefined): string | undefined => {
    if (data) return Buffer.from(data, 'base64').toString('utf8');
    if (!file) return undefined;
    const p = resolve(opts.baseDir ?? '.', file);
    try {
      return readFileSync(p, 'utf8');
    } catch (e) {
      throw new Error(`${source}: cannot read ${p}: ${(e as Error).message}`);
    }
  };
  const cfg: ClientConfig = { server: cluster.server };
  const ca = read(cluster['certificate-authority-data'], cluster['certificate-authority']);
  if (ca) cfg.caPem = ca;
  if (cluster['insecure-skip-tls-verify']) cfg.insecureSkipTlsVerify = true;
  const cert = read(user['client-certificate-data'], user['client-certificate']);
  const key = read(user['client-key-data'], user['client-key']);
  if (cert) cfg.certPem = cert;
  if (key) cfg.keyPem = key;
  const token = user.token ?? read(undefined, user.tokenFile)?.trim();
  if (token) cfg.token = token;
  if (ctx.namespace) cfg.namespace = ctx.namespace;
  return validateConfig(cfg);
}
