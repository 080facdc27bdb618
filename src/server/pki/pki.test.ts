import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { statSync, readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { X509Certificate } from '@peculiar/x509';
import { x509 } from './x509.js';
import { ensurePki, issueClientCert, pkiPaths, RENEW_BEFORE_MS, type Pki } from './pki.js';
import { isIssuedBy, parseCertPem, sansOf } from './inspect.js';
import { defaultHosts } from './names.js';
import { tempDirs } from './testing/temp-dirs.js';

const DAY = 24 * 3600 * 1000;
const dirs = tempDirs('gantry-pki-');
const freshDir = dirs.make;
afterAll(dirs.removeAll);

function ext<T>(cert: X509Certificate, type: new (...args: never[]) => T): T {
  const found = cert.getExtension(type as never) as T | null;
  if (!found) throw new Error(`missing extension ${type.name}`);
  return found;
}

describe('ensurePki on an empty data directory', () => {
  let dir: string;
  let pki: Pki;
  let ca: X509Certificate;
  let serving: X509Certificate;
  let admin: X509Certificate;
  beforeAll(async () => {
    dir = freshDir();
    pki = await ensurePki(dir, { hosts: ['api.example.test'], ips: ['192.0.2.10'] });
    ca = parseCertPem(pki.caCertPem);
    serving = parseCertPem(pki.serverCertPem);
    admin = parseCertPem(pki.adminCertPem);
  });

  it('writes keys as PKCS#8 PEM with mode 0600 and certificates beside them', () => {
    const p = pki.paths;
    for (const key of [p.caKey, p.serverKey, p.adminKey]) {
      expect(statSync(key).mode & 0o777).toBe(0o600);
      expect(readFileSync(key, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    }
    expect(pki.caKeyPem).toBe(readFileSync(p.caKey, 'utf8'));
    expect(pki.serverCertPem).toBe(readFileSync(p.serverCert, 'utf8'));
    expect(statSync(p.dir).mode & 0o777).toBe(0o700);
    expect(p.dir).toBe(join(dir, 'tls'));
  });

  it('makes a 10-year CA with CA extensions', () => {
    expect(ca.subject).toMatch(/^CN=gantry-ca@\d+$/);
    expect(ca.issuer).toBe(ca.subject);
    const years = (ca.notAfter.getTime() - Date.now()) / (365 * DAY);
    expect(years).toBeGreaterThan(9.9);
    expect(years).toBeLessThan(10.1);
    const bc = ext(ca, x509.BasicConstraintsExtension);
    expect(bc.ca).toBe(true);
    expect(bc.critical).toBe(true);
    expect(ext(ca, x509.KeyUsagesExtension).usages & x509.KeyUsageFlags.keyCertSign).toBeTruthy();
    expect(ext(ca, x509.SubjectKeyIdentifierExtension).keyId).toMatch(/^[0-9a-f]{40}$/);
  });

  it('makes a one-year serving certificate with every required SAN', async () => {
    const sans = sansOf(serving);
    for (const name of [
      'localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc',
      'kubernetes.default.svc.cluster.local', 'api.example.test',
    ]) {
      expect(sans.dns).toContain(name);
    }
    expect(sans.ips).toEqual(expect.arrayContaining(['127.0.0.1', '10.43.0.1', '192.0.2.10']));
    for (const host of defaultHosts()) expect([...sans.dns, ...sans.ips]).toContain(host);
    expect(ext(serving, x509.ExtendedKeyUsageExtension).usages).toEqual([x509.ExtendedKeyUsage.serverAuth]);
    expect(ext(serving, x509.BasicConstraintsExtension).ca).toBe(false);
    const days = (serving.notAfter.getTime() - Date.now()) / DAY;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThan(366);
    expect(await isIssuedBy(serving, ca)).toBe(true);
  });

  it('makes an admin client certificate for system:admin in system:masters', async () => {
    expect(admin.subjectName.getField('CN')).toEqual(['system:admin']);
    expect(admin.subjectName.getField('O')).toEqual(['system:masters']);
    expect(ext(admin, x509.ExtendedKeyUsageExtension).usages).toEqual([x509.ExtendedKeyUsage.clientAuth]);
    expect(ext(admin, x509.AuthorityKeyIdentifierExtension).keyId).toBe(ext(ca, x509.SubjectKeyIdentifierExtension).keyId);
    expect(await isIssuedBy(admin, ca)).toBe(true);
  });

  it('uses distinct random serial numbers', () => {
    const serials = new Set([ca.serialNumber, serving.serialNumber, admin.serialNumber]);
    expect(serials.size).toBe(3);
    for (const s of serials) expect(s.length).toBeGreaterThanOrEqual(32);
  });

  it('reuses every file on a second start', async () => {
    const again = await ensurePki(dir, { hosts: ['api.example.test'], ips: ['192.0.2.10'] });
    expect(again).toEqual(pki);
  });

  it('issues further client certificates from the CA', async () => {
    const issued = await issueClientCert(pki, { commonName: 'system:node:n1', organizations: ['system:nodes'] });
    const cert = parseCertPem(issued.certPem);
    expect(cert.subject).toBe('CN=system:node:n1, O=system:nodes');
    expect(issued.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(await isIssuedBy(cert, ca)).toBe(true);
    await expect(issueClientCert(pki, { commonName: '' })).rejects.toThrow(/common name/);
  });
});

describe('ensurePki renewal', () => {
  it('reissues the serving certificate for a new host, keeping the CA and admin cert', async () => {
    const dir = freshDir();
    const first = await ensurePki(dir);
    const log: string[] = [];
    const second = await ensurePki(dir, { hosts: ['new.example.test'], log: (m) => log.push(m) });
    expect(second.caCertPem).toBe(first.caCertPem);
    expect(second.caKeyPem).toBe(first.caKeyPem);
    expect(second.adminCertPem).toBe(first.adminCertPem);
    expect(second.serverCertPem).not.toBe(first.serverCertPem);
    expect(sansOf(parseCertPem(second.serverCertPem)).dns).toContain('new.example.test');
    expect(log).toEqual([expect.stringMatching(/renewed \(SANs lack new\.example\.test\) serving certificate/)]);
    // the extra host is not required any more, but the cert still covers the defaults: reused
    const third = await ensurePki(dir);
    expect(third.serverCertPem).toBe(second.serverCertPem);
  });

  it('reissues leaf certificates close to expiry but never the CA', async () => {
    const dir = freshDir();
    const first = await ensurePki(dir);
    const later = new Date(Date.now() + 365 * DAY - RENEW_BEFORE_MS + DAY);
    const second = await ensurePki(dir, { now: later });
    expect(second.caCertPem).toBe(first.caCertPem);
    expect(second.serverCertPem).not.toBe(first.serverCertPem);
    expect(second.adminCertPem).not.toBe(first.adminCertPem);
    expect(parseCertPem(second.adminCertPem).notAfter.getTime()).toBeGreaterThan(later.getTime() + 364 * DAY);
  });

  it('replaces a corrupt or foreign leaf certificate', async () => {
    const dir = freshDir();
    const first = await ensurePki(dir);
    const paths = pkiPaths(dir);
    writeFileSync(paths.serverCert, 'garbage');
    const other = await ensurePki(freshDir());
    writeFileSync(paths.adminCert, other.adminCertPem);
    writeFileSync(paths.adminKey, other.adminKeyPem);
    const log: string[] = [];
    const second = await ensurePki(dir, { log: (m) => log.push(m) });
    expect(second.caCertPem).toBe(first.caCertPem);
    expect(await isIssuedBy(parseCertPem(second.serverCertPem), parseCertPem(first.caCertPem))).toBe(true);
    expect(await isIssuedBy(parseCertPem(second.adminCertPem), parseCertPem(first.caCertPem))).toBe(true);
    expect(log.join('\n')).toMatch(/unreadable/);
    expect(log.join('\n')).toMatch(/not signed by the cluster CA/);
  });

  it('warns about a CA close to expiry and refuses an expired one', async () => {
    const dir = freshDir();
    const first = await ensurePki(dir);
    const ca = parseCertPem(first.caCertPem);
    const log: string[] = [];
    const nearEnd = new Date(ca.notAfter.getTime() - 10 * DAY);
    const second = await ensurePki(dir, { now: nearEnd, log: (m) => log.push(m) });
    expect(second.caCertPem).toBe(first.caCertPem);
    expect(log[0]).toMatch(/warning: CA certificate .* expires on .*never renewed/);
    await expect(ensurePki(dir, { now: new Date(ca.notAfter.getTime() + DAY) })).rejects.toThrow(/expired on/);
  });

  it('refuses a half-present, mismatched or unreadable CA instead of replacing it', async () => {
    const dir = freshDir();
    const first = await ensurePki(dir);
    const paths = pkiPaths(dir);
    unlinkSync(paths.caKey);
    await expect(ensurePki(dir)).rejects.toThrow(/CA is incomplete: .*ca\.key is missing/);
    const other = await ensurePki(freshDir());
    writeFileSync(paths.caKey, other.caKeyPem);
    await expect(ensurePki(dir)).rejects.toThrow(/CA key does not match/);
    writeFileSync(paths.caKey, first.caKeyPem);
    writeFileSync(paths.caCert, 'not a cert');
    await expect(ensurePki(dir)).rejects.toThrow(/cannot read CA certificate/);
    expect(readFileSync(paths.caKey, 'utf8')).toBe(first.caKeyPem);
  });

  it('rejects bad input with clear errors', async () => {
    await expect(ensurePki('')).rejects.toThrow(/data directory/);
    await expect(ensurePki(freshDir(), { ips: ['not-an-ip'] })).rejects.toThrow(/invalid IP address "not-an-ip"/);
    await expect(ensurePki(freshDir(), { hosts: ['bad host'] })).rejects.toThrow(/invalid certificate host/);
  });
});
