import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { configFromPem, loadKubeconfig, parseKubeconfig } from './config.js';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const dir = mkdtempSync(join(tmpdir(), 'gantry-client-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function kubeconfig(user: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:6443', 'certificate-authority-data': b64(CA) } }],
    users: [{ name: 'u', user }],
    contexts: [
      { name: 'main', context: { cluster: 'c', user: 'u', namespace: 'team' } },
      { name: 'broken', context: { cluster: 'nope', user: 'u' } },
    ],
    'current-context': 'main',
    ...extra,
  });
}

describe('kubeconfig', () => {
  it('reads inline certificate data of the current context', () => {
    const cfg = parseKubeconfig(kubeconfig({ 'client-certificate-data': b64('CERT'), 'client-key-data': b64('KEY') }));
    expect(cfg).toEqual({ server: 'https://127.0.0.1:6443', caPem: CA, certPem: 'CERT', keyPem: 'KEY', namespace: 'team' });
  });

  it('reads files relative to the kubeconfig and tokens', () => {
    writeFileSync(join(dir, 'tok'), 'secret-token\n');
    const path = join(dir, 'config.yaml');
    writeFileSync(path, kubeconfig({ tokenFile: 'tok' }));
    expect(loadKubeconfig(path).token).toBe('secret-token');
    expect(parseKubeconfig(kubeconfig({ token: 'abc' })).token).toBe('abc');
  });

  it('gives clear errors for bad input', () => {
    expect(() => loadKubeconfig(join(dir, 'missing.yaml'))).toThrow(/missing.yaml/);
    expect(() => parseKubeconfig(': : :\n  - [')).toThrow(/not valid YAML/);
    expect(() => parseKubeconfig(kubeconfig({}, { 'current-context': '' }))).toThrow(/no current-context/);
    expect(() => parseKubeconfig(kubeconfig({}), { context: 'other' })).toThrow(/context "other" not found/);
    expect(() => parseKubeconfig(kubeconfig({}), { context: 'broken' })).toThrow(/cluster "nope"/);
    expect(() => parseKubeconfig(kubeconfig({ 'client-certificate-data': b64('CERT') }))).toThrow(/needs its key/);
    expect(() => parseKubeconfig(kubeconfig({ 'client-key': 'nokey.pem' }))).toThrow(/cannot read/);
  });
});

describe('configFromPem', () => {
  it('checks the URL and PEMs', () => {
    expect(configFromPem({ server: 'https://h:1', caPem: CA, token: 't' })).toMatchObject({ server: 'https://h:1', token: 't' });
    expect(() => configFromPem({ server: 'not a url', caPem: CA })).toThrow(/invalid server URL/);
    expect(() => configFromPem({ server: 'ftp://h', caPem: CA })).toThrow(/http/);
    expect(() => configFromPem({ server: 'https://h', caPem: 'junk' })).toThrow(/caPem/);
  });
});
