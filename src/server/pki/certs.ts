/** Certificate creation: the self-signed cluster CA and leaf certificates it signs. */
import { randomBytes } from 'node:crypto';
import type { Extension, X509Certificate } from '@peculiar/x509';
import { x509 } from './x509.js';
import { crypto, type CryptoKeyPair, type SigningKey } from './keys.js';
import type { SanSet } from './names.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
export const CA_VALIDITY_MS = 3650 * DAY;
export const LEAF_VALIDITY_MS = 365 * DAY;
/** Backdating of notBefore, so that a machine whose clock is a little behind still accepts new certificates. */
const CLOCK_SKEW_MS = 5 * MINUTE;

/** A subject: one common name and any number of organizations (Kubernetes reads them as user name and groups). */
export interface Subject {
  commonName: string;
  organizations?: string[];
}

/** What a leaf certificate is for: `server` (serverAuth) or `client` (clientAuth). */
export type LeafUsage = 'server' | 'client';

/** A certificate authority able to sign: its certificate and private key. */
export interface SigningCa {
  cert: X509Certificate;
  key: SigningKey;
}

/** A random, positive, 128-bit serial number as hex (RFC 5280 allows up to 20 octets). */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40; // positive, and no leading zero octet
  return bytes.toString('hex');
}

function subjectName(subject: Subject): { [attr: string]: string[] }[] {
  const cn = subject.commonName;
  if (typeof cn !== 'string' || cn.trim() === '') throw new Error('certificate common name must be a non-empty string');
  const orgs = subject.organizations ?? [];
  for (const org of orgs) {
    if (typeof org !== 'string' || org === '') throw new Error(`invalid certificate organization ${JSON.stringify(org)}`);
  }
  return orgs.length > 0 ? [{ CN: [cn] }, { O: [...orgs] }] : [{ CN: [cn] }];
}

/** Creates a self-signed CA certificate (10 years by default) for a fresh key pair. */
export async function createCaCert(
  keys: CryptoKeyPair,
  opts: { commonName: string; now?: Date; validityMs?: number },
): Promise<X509Certificate> {
  const now = (opts.now ?? new Date()).getTime();
  return x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerial(),
      name: subjectName({ commonName: opts.commonName }),
      notBefore: new Date(now - CLOCK_SKEW_MS),
      notAfter: new Date(now + (opts.validityMs ?? CA_VALIDITY_MS)),
      keys,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } as Algorithm,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
          true,
        ),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
}

type Algorithm = Parameters<typeof x509.X509CertificateGenerator.create>[0]['signingAlgorithm'];

/**
 * Creates a leaf certificate for `publicKey` (an ECDSA key, so key usage is
 * digitalSignature only), signed by the CA. Server certificates carry the SANs;
 * validity is one year by default and never outlasts the CA.
 */
export async function createLeafCert(
  ca: SigningCa,
  publicKey: CryptoKeyPair['publicKey'],
  opts: { subject: Subject; usage: LeafUsage; sans?: SanSet; now?: Date; validityMs?: number },
): Promise<X509Certificate> {
  const now = (opts.now ?? new Date()).getTime();
  const notAfter = Math.min(now + (opts.validityMs ?? LEAF_VALIDITY_MS), ca.cert.notAfter.getTime());
  const caSki = ca.cert.getExtension(x509.SubjectKeyIdentifierExtension);
  const extensions: Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension(
      [opts.usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth],
      false,
    ),
    await x509.SubjectKeyIdentifierExtension.create(publicKey, false, crypto),
    caSki
      ? new x509.AuthorityKeyIdentifierExtension(caSki.keyId, false)
      : await x509.AuthorityKeyIdentifierExtension.create(ca.cert.publicKey, false, crypto),
  ];
  if (opts.sans && opts.sans.dns.length + opts.sans.ips.length > 0) {
    const names = [
      ...opts.sans.dns.map((value) => ({ type: 'dns' as const, value })),
      ...opts.sans.ips.map((value) => ({ type: 'ip' as const, value })),
    ];
    extensions.push(new x509.SubjectAlternativeNameExtension(names, false));
  }
  return x509.X509CertificateGenerator.create(
    {
      serialNumber: randomSerial(),
      subject: subjectName(opts.subject),
      issuer: ca.cert.subjectName,
      notBefore: new Date(Math.max(now - CLOCK_SKEW_MS, ca.cert.notBefore.getTime())),
      notAfter: new Date(notAfter),
      publicKey,
      signingKey: ca.key.privateKey,
      signingAlgorithm: ca.key.signingAlgorithm as Algorithm,
      extensions,
    },
    crypto,
  );
}
