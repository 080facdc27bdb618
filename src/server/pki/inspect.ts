/** Reading existing certificates: parsing, SANs, issuer and key checks, expiry. */
import type { X509Certificate } from '@peculiar/x509';
import { x509 } from './x509.js';
import { crypto } from './keys.js';
import { canonicalIp, type SanSet } from './names.js';

/** Parses the first certificate of a PEM text, with an error naming the file or role on failure. */
export function parseCertPem(pem: string, opts: { label?: string } = {}): X509Certificate {
  try {
    return new x509.X509Certificate(pem);
  } catch (err) {
    throw new Error(`cannot read ${opts.label ?? 'certificate'}: ${(err as Error).message}`);
  }
}

/** The DNS names and IP addresses (canonical form) of a certificate's SAN extension. */
export function sansOf(cert: X509Certificate): SanSet {
  const ext = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const out: SanSet = { dns: [], ips: [] };
  for (const name of ext?.names.toJSON() ?? []) {
    if (name.type === 'dns') out.dns.push(name.value.toLowerCase());
    if (name.type === 'ip') out.ips.push(canonicalIp(name.value));
  }
  return out;
}

/** Whether `cert` names `ca` as issuer and carries a valid signature from the CA's key. */
export async function isIssuedBy(cert: X509Certificate, ca: X509Certificate): Promise<boolean> {
  if (cert.issuer !== ca.subject) return false;
  try {
    return await cert.verify({ publicKey: ca.publicKey, signatureOnly: true }, crypto);
  } catch {
    return false;
  }
}

/** Whether the certificate's public key is the one matching `publicKeySpki` (DER). */
export function hasPublicKey(cert: X509Certificate, publicKeySpki: Uint8Array): boolean {
  return Buffer.from(cert.publicKey.rawData).equals(Buffer.from(publicKeySpki));
}

/** Whether the certificate is already expired or expires within `withinMs`. */
export function expiresWithin(cert: X509Certificate, withinMs: number, opts: { now?: Date } = {}): boolean {
  const now = (opts.now ?? new Date()).getTime();
  return cert.notAfter.getTime() - now <= withinMs;
}
