/**
 * The cluster PKI under DATA_DIR/tls: a CA (created once, never replaced), the API
 * server's serving certificate and the admin client certificate (both renewed
 * when they no longer fit or are close to expiry).
 */
import { join } from 'node:path';
import type { X509Certificate } from '@peculiar/x509';
import { createCaCert, createLeafCert, type LeafUsage, type SigningCa, type Subject } from './certs.js';
import { PRIVATE_MODE, PUBLIC_MODE, ensurePrivateDir, readIfExists, writeFileAtomic } from './files.js';
import { expiresWithin, hasPublicKey, isIssuedBy, parseCertPem, sansOf } from './inspect.js';
import { generateKeyPair, importSigningKey, privateKeyToPem, signingKeyFromPair } from './keys.js';
import { missingSans, servingSans, type SanSet } from './names.js';
import { x509 } from './x509.js';

/** Leaf certificates are renewed when they expire within this time (as k3s does). */
export const RENEW_BEFORE_MS = 90 * 24 * 60 * 60 * 1000;

/** The admin identity: upstream's cluster-admin group. */
export const ADMIN_SUBJECT: Subject = { commonName: 'system:admin', organizations: ['system:masters'] };
const SERVING_SUBJECT: Subject = { commonName: 'gantry-apiserver' };

export interface PkiPaths {
  dir: string;
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  adminCert: string;
  adminKey: string;
}

export interface Pki {
  caCertPem: string;
  caKeyPem: string;
  serverCertPem: string;
  serverKeyPem: string;
  adminCertPem: string;
  adminKeyPem: string;
  paths: PkiPaths;
}

export interface EnsurePkiOptions {
  /** Extra DNS names (or IPs) for the serving certificate, beyond the defaults. */
  hosts?: string[];
  /** Extra IP addresses for the serving certificate. */
  ips?: string[];
  /** The `kubernetes` Service IP (default 10.43.0.1). */
  serviceIp?: string;
  /** Told, in one line each, what was created or renewed and why. */
  log?: (message: string) => void;
  /** The current time (tests). */
  now?: Date;
}

/** A PEM certificate and its PKCS#8 PEM private key. */
export interface CertAndKey {
  certPem: string;
  keyPem: string;
}

/** Where the PKI files of a data directory live. */
export function pkiPaths(dataDir: string): PkiPaths {
  const dir = join(dataDir, 'tls');
  return {
    dir,
    caCert: join(dir, 'ca.crt'),
    caKey: join(dir, 'ca.key'),
    serverCert: join(dir, 'serving.crt'),
    serverKey: join(dir, 'serving.key'),
    adminCert: join(dir, 'admin.crt'),
    adminKey: join(dir, 'admin.key'),
  };
}

/**
 * Creates the PKI on first use and reuses it afterwards. The CA is never
 * regenerated: a half-present or unreadable CA is an error for the operator to
 * resolve. Leaf certificates are reissued when missing, unreadable, not signed by
 * this CA, lacking a wanted SAN, or within RENEW_BEFORE_MS of expiry.
 */
export async function ensurePki(dataDir: string, opts: EnsurePkiOptions = {}): Promise<Pki> {
  if (typeof dataDir !== 'string' || dataDir.trim() === '') throw new Error('data directory must be a non-empty path');
  const paths = pkiPaths(dataDir);
  ensurePrivateDir(paths.dir);
  const log = opts.log ?? (() => {});
  const ca = await ensureCa(paths, log, opts.now);
  const sans = servingSans(opts);
  const server = await ensureLeaf(ca, { cert: paths.serverCert, key: paths.serverKey }, {
    role: 'serving certificate', subject: SERVING_SUBJECT, usage: 'server', sans, log, now: opts.now,
  });
  const admin = await ensureLeaf(ca, { cert: paths.adminCert, key: paths.adminKey }, {
    role: 'admin client certificate', subject: ADMIN_SUBJECT, usage: 'client', log, now: opts.now,
  });
  return {
    caCertPem: ca.certPem,
    caKeyPem: ca.keyPem,
    serverCertPem: server.certPem,
    serverKeyPem: server.keyPem,
    adminCertPem: admin.certPem,
    adminKeyPem: admin.keyPem,
    paths,
  };
}

/** Issues a client certificate (clientAuth) for a user or agent: CN is the user name, O the groups. */
export async function issueClientCert(
  pki: Pick<Pki, 'caCertPem' | 'caKeyPem'>,
  subject: Subject,
  opts: { now?: Date; validityMs?: number } = {},
): Promise<CertAndKey> {
  const ca = await loadCa(pki.caCertPem, pki.caKeyPem);
  return issueLeaf(ca.signer, { subject, usage: 'client', now: opts.now, validityMs: opts.validityMs });
}

/** Issues a serving certificate (serverAuth) with the given SANs, for components other than the API server. */
export async function issueServingCert(
  pki: Pick<Pki, 'caCertPem' | 'caKeyPem'>,
  subject: Subject,
  opts: { sans: SanSet; now?: Date; validityMs?: number },
): Promise<CertAndKey> {
  const ca = await loadCa(pki.caCertPem, pki.caKeyPem);
  return issueLeaf(ca.signer, { subject, usage: 'server', sans: opts.sans, now: opts.now, validityMs: opts.validityMs });
}

interface LoadedCa extends CertAndKey {
  signer: SigningCa;
}

async function loadCa(certPem: string, keyPem: string, files?: PkiPaths): Promise<LoadedCa> {
  const cert = parseCertPem(certPem, { label: files ? `CA certificate ${files.caCert}` : 'CA certificate' });
  const key = await importSigningKey(keyPem, { label: files ? `CA key ${files.caKey}` : 'CA key' });
  if (!hasPublicKey(cert, key.publicKeySpki)) {
    throw new Error(`CA key does not match the CA certificate${files ? ` (${files.caKey}, ${files.caCert})` : ''}`);
  }
  if (!cert.getExtension(x509.BasicConstraintsExtension)?.ca) {
    throw new Error(`CA certificate${files ? ` ${files.caCert}` : ''} is not a CA (basicConstraints CA:FALSE)`);
  }
  return { certPem, keyPem, signer: { cert, key } };
}

async function ensureCa(paths: PkiPaths, log: (m: string) => void, now?: Date): Promise<LoadedCa> {
  const certPem = readIfExists(paths.caCert);
  const keyPem = readIfExists(paths.caKey);
  if (certPem !== undefined && keyPem !== undefined) {
    const ca = await loadCa(certPem, keyPem, paths);
    if (expiresWithin(ca.signer.cert, 0, { now })) {
      throw new Error(`CA certificate ${paths.caCert} expired on ${ca.signer.cert.notAfter.toISOString()}; replace the CA by hand`);
    }
    if (expiresWithin(ca.signer.cert, RENEW_BEFORE_MS, { now })) {
      log(`warning: CA certificate ${paths.caCert} expires on ${ca.signer.cert.notAfter.toISOString()}; it is never renewed automatically`);
    }
    return ca;
  }
  if (certPem !== undefined || keyPem !== undefined) {
    const missing = certPem === undefined ? paths.caCert : paths.caKey;
    throw new Error(`CA is incomplete: ${missing} is missing; restore it, or remove ${paths.dir} to create a new cluster CA`);
  }
  const pair = await generateKeyPair();
  const seconds = Math.floor((now ?? new Date()).getTime() / 1000);
  const cert = await createCaCert(pair, { commonName: `gantry-ca@${seconds}`, now });
  const created: CertAndKey = { certPem: cert.toString('pem') + '\n', keyPem: await privateKeyToPem(pair.privateKey) };
  writeFileAtomic(paths.caKey, created.keyPem, { mode: PRIVATE_MODE });
  writeFileAtomic(paths.caCert, created.certPem, { mode: PUBLIC_MODE });
  log(`created cluster CA ${paths.caCert}`);
  return { ...created, signer: { cert, key: await signingKeyFromPair(pair) } };
}

interface LeafSpec {
  role: string;
  subject: Subject;
  usage: LeafUsage;
  sans?: SanSet;
  log: (m: string) => void;
  now?: Date;
}

async function ensureLeaf(ca: LoadedCa, files: { cert: string; key: string }, spec: LeafSpec): Promise<CertAndKey> {
  const certPem = readIfExists(files.cert);
  const keyPem = readIfExists(files.key);
  const problem = await leafProblem(ca.signer.cert, certPem, keyPem, spec);
  if (problem === undefined) return { certPem: certPem!, keyPem: keyPem! };
  const issued = await issueLeaf(ca.signer, spec);
  writeFileAtomic(files.key, issued.keyPem, { mode: PRIVATE_MODE });
  writeFileAtomic(files.cert, issued.certPem, { mode: PUBLIC_MODE });
  spec.log(`${problem === 'missing' ? 'created' : `renewed (${problem})`} ${spec.role} ${files.cert}`);
  return issued;
}

/** Why an existing leaf cannot be reused, or undefined when it can. */
async function leafProblem(
  caCert: X509Certificate,
  certPem: string | undefined,
  keyPem: string | undefined,
  spec: LeafSpec,
): Promise<string | undefined> {
  if (certPem === undefined || keyPem === undefined) return 'missing';
  let cert: X509Certificate;
  try {
    cert = parseCertPem(certPem);
    const key = await importSigningKey(keyPem);
    if (!hasPublicKey(cert, key.publicKeySpki)) return 'key does not match certificate';
  } catch (err) {
    return `unreadable: ${(err as Error).message}`;
  }
  if (!(await isIssuedBy(cert, caCert))) return 'not signed by the cluster CA';
  if (expiresWithin(cert, RENEW_BEFORE_MS, { now: spec.now })) return `expires ${cert.notAfter.toISOString()}`;
  const cn = cert.subjectName.getField('CN');
  const orgs = cert.subjectName.getField('O');
  const wantOrgs = spec.subject.organizations ?? [];
  if (cn.length !== 1 || cn[0] !== spec.subject.commonName || orgs.join('\n') !== wantOrgs.join('\n')) {
    return 'subject changed';
  }
  if (spec.sans) {
    const missing = missingSans(sansOf(cert), spec.sans);
    if (missing.length > 0) return `SANs lack ${missing.join(', ')}`;
  }
  return undefined;
}

async function issueLeaf(
  ca: SigningCa,
  spec: { subject: Subject; usage: LeafUsage; sans?: SanSet; now?: Date; validityMs?: number },
): Promise<CertAndKey> {
  const pair = await generateKeyPair();
  const cert = await createLeafCert(ca, pair.publicKey, spec);
  return { certPem: cert.toString('pem') + '\n', keyPem: await privateKeyToPem(pair.privateKey) };
}
