/** Private keys: generation (ECDSA P-256), PKCS#8 PEM export, and import of existing keys. */
import { createPrivateKey, createPublicKey, webcrypto, type KeyObject } from 'node:crypto';
import { x509 } from './x509.js';

export type CryptoKey = webcrypto.CryptoKey;
export type CryptoKeyPair = webcrypto.CryptoKeyPair;

/** The WebCrypto implementation every certificate operation uses. */
export const crypto = webcrypto as unknown as Crypto;
type Crypto = Parameters<typeof x509.X509CertificateGenerator.create>[1] & object;

const EC_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** A fresh ECDSA P-256 key pair, extractable so that it can be written to disk. */
export async function generateKeyPair(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(EC_P256, true, ['sign', 'verify']);
}

/** The key as an unencrypted PKCS#8 PEM block (`-----BEGIN PRIVATE KEY-----`). */
export async function privateKeyToPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return `${x509.PemConverter.encode(der, 'PRIVATE KEY')}\n`;
}

/** A private key loaded for signing, with the algorithm its signatures use. */
export interface SigningKey {
  privateKey: CryptoKey;
  /** The SubjectPublicKeyInfo (DER) of the matching public key. */
  publicKeySpki: Buffer;
  signingAlgorithm: { name: string; hash: string };
}

/**
 * Loads a PEM private key (PKCS#8, SEC1 "EC PRIVATE KEY" or PKCS#1 "RSA PRIVATE
 * KEY") for signing. ECDSA P-256/P-384/P-521 and RSA keys are supported.
 */
export async function importSigningKey(pem: string, opts: { label?: string } = {}): Promise<SigningKey> {
  const label = opts.label ?? 'private key';
  let keyObject: KeyObject;
  try {
    keyObject = createPrivateKey(pem);
  } catch (err) {
    throw new Error(`cannot read ${label}: ${(err as Error).message}`);
  }
  const pkcs8 = keyObject.export({ type: 'pkcs8', format: 'der' });
  const publicKeySpki = createPublicKey(keyObject).export({ type: 'spki', format: 'der' });
  const type = keyObject.asymmetricKeyType;
  if (type === 'ec') {
    const curve = keyObject.asymmetricKeyDetails?.namedCurve;
    const named = ({ prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' } as Record<string, string>)[curve ?? ''];
    if (!named) throw new Error(`cannot use ${label}: unsupported EC curve ${curve}`);
    const hash = named === 'P-256' ? 'SHA-256' : named === 'P-384' ? 'SHA-384' : 'SHA-512';
    const privateKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: named }, false, ['sign']);
    return { privateKey, publicKeySpki, signingAlgorithm: { name: 'ECDSA', hash } };
  }
  if (type === 'rsa') {
    const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    const privateKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, algorithm, false, ['sign']);
    return { privateKey, publicKeySpki, signingAlgorithm: algorithm };
  }
  throw new Error(`cannot use ${label}: unsupported key type ${type}`);
}

/** Loads a freshly generated pair as a SigningKey. */
export async function signingKeyFromPair(pair: CryptoKeyPair): Promise<SigningKey> {
  const spki = await webcrypto.subtle.exportKey('spki', pair.publicKey);
  return { privateKey: pair.privateKey, publicKeySpki: Buffer.from(spki), signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } };
}
