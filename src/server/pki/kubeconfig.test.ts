import { describe, it, expect, afterAll } from 'vitest';
import { statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderKubeconfig, writeKubeconfig } from './kubeconfig.js';
import { tempDirs } from './testing/temp-dirs.js';

const CA = '-----BEGIN CERTIFICATE-----\nQ0E=\n-----END CERTIFICATE-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nY2VydA==\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\na2V5\n-----END PRIVATE KEY-----\n';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const dirs = tempDirs('gantry-kubeconfig-');
const dir = dirs.make();
afterAll(dirs.removeAll);

describe('renderKubeconfig', () => {
  it('renders one cluster, user and context named gantry', () => {
    const doc = parse(renderKubeconfig({ server: 'https://127.0.0.1:6443', caCertPem: CA, clientCertPem: CERT, clientKeyPem: KEY }));
    expect(doc).toEqual({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'gantry', cluster: { server: 'https://127.0.0.1:6443', 'certificate-authority-data': b64(CA) } }],
      users: [{ name: 'gantry-admin', user: { 'client-certificate-data': b64(CERT), 'client-key-data': b64(KEY) } }],
      contexts: [{ name: 'gantry', context: { cluster: 'gantry', user: 'gantry-admin', namespace: 'default' } }],
      'current-context': 'gantry',
      preferences: {},
    });
  });
  it('supports tokens, names and namespaces', () => {
    const doc = parse(renderKubeconfig({ server: 'https://[::1]:1', caCertPem: CA, token: 'abc', name: 'c', user: 'u', namespace: 'ns' }));
    expect(doc.users).toEqual([{ name: 'u', user: { token: 'abc' } }]);
    expect(doc.contexts).toEqual([{ name: 'c', context: { cluster: 'c', user: 'u', namespace: 'ns' } }]);
  });
  it('rejects incomplete or invalid input', () => {
    expect(() => renderKubeconfig({ server: 'nope', caCertPem: CA, token: 't' })).toThrow(/invalid kubeconfig server URL/);
    expect(() => renderKubeconfig({ server: 'http://x:1', caCertPem: CA, token: 't' })).toThrow(/must use https/);
    expect(() => renderKubeconfig({ server: 'https://x:1', caCertPem: 'x', token: 't' })).toThrow(/PEM CA/);
    expect(() => renderKubeconfig({ server: 'https://x:1', caCertPem: CA, clientCertPem: CERT })).toThrow(/both/);
    expect(() => renderKubeconfig({ server: 'https://x:1', caCertPem: CA })).toThrow(/credentials or a token/);
  });
});

describe('writeKubeconfig', () => {
  it('writes the file with mode 0600, replacing an older one', () => {
    const path = join(dir, 'sub', 'kubeconfig.yaml');
    writeKubeconfig(path, { server: 'https://127.0.0.1:1', caCertPem: CA, token: 'one' });
    writeKubeconfig(path, { server: 'https://127.0.0.1:2', caCertPem: CA, token: 'two' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(parse(readFileSync(path, 'utf8')).clusters[0].cluster.server).toBe('https://127.0.0.1:2');
  });
});
