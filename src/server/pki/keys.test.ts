import { describe, it, expect } from 'vitest';
import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { x509 } from './x509.js';
import { crypto, generateKeyPair, importSigningKey, privateKeyToPem } from './keys.js';
import { createLeafCert } from './certs.js';
import { isIssuedBy } from './inspect.js';

describe('importSigningKey', () => {
  it('loads PKCS#8 and SEC1 EC keys and the matching public key', async () => {
    const pair = await generateKeyPair();
    const pem = await privateKeyToPem(pair.privateKey);
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/);
    const key = await importSigningKey(pem);
    expect(key.signingAlgorithm).toEqual({ name: 'ECDSA', hash: 'SHA-256' });
    expect(key.publicKeySpki).toEqual(Buffer.from(await webcrypto.subtle.exportKey('spki', pair.publicKey)));
    const sec1 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey.export({ type: 'sec1', format: 'pem' });
    expect((await importSigningKey(sec1.toString())).signingAlgorithm).toEqual({ name: 'ECDSA', hash: 'SHA-384' });
  });

  it('rejects unreadable and unsupported keys', async () => {
    await expect(importSigningKey('nope', { label: 'CA key /x' })).rejects.toThrow(/cannot read CA key \/x/);
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    await expect(importSigningKey(ed.toString())).rejects.toThrow(/unsupported key type ed25519/);
  });

  it('lets an RSA CA (PKCS#1 key) sign ECDSA leaf certificates', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const caKey = await importSigningKey(rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
    expect(caKey.signingAlgorithm.name).toBe('RSASSA-PKCS1-v1_5');
    const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    const keys = {
      privateKey: await webcrypto.subtle.importKey('pkcs8', rsa.privateKey.export({ type: 'pkcs8', format: 'der' }), alg, false, ['sign']),
      publicKey: await webcrypto.subtle.importKey('spki', rsa.publicKey.export({ type: 'spki', format: 'der' }), alg, true, ['verify']),
    };
    const caCert = await x509.X509CertificateGenerator.createSelfSigned(
      { name: 'CN=rsa-ca', keys, signingAlgorithm: alg, extensions: [new x509.BasicConstraintsExtension(true, undefined, true)] },
      crypto,
    );
    const leafPair = await generateKeyPair();
    const leaf = await createLeafCert({ cert: caCert, key: caKey }, leafPair.publicKey, { subject: { commonName: 'x' }, usage: 'client' });
    expect(await isIssuedBy(leaf, caCert)).toBe(true);
    // no SKI on this CA: the authority key id is derived from its public key
    expect(leaf.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId).toMatch(/^[0-9a-f]{40}$/);
  });
});
