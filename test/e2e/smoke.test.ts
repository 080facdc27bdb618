/** Smoke test: `gantry server` starts from an empty data directory and the stock kubectl talks to it. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startGantry, readKubeconfig, type Gantry } from '../support/index.js';

describe('gantry server smoke test', () => {
  let g: Gantry;
  beforeAll(async () => {
    g = await startGantry();
  });
  afterAll(async () => {
    await g?.dispose();
  });

  it('writes a kubeconfig for the admin on 127.0.0.1 with private keys', () => {
    const creds = readKubeconfig(g.kubeconfig);
    expect(creds.server).toBe(g.url);
    expect(creds.cert).toMatch(/BEGIN CERTIFICATE/);
    expect(creds.key).toMatch(/BEGIN PRIVATE KEY/);
    expect(statSync(g.kubeconfig).mode & 0o077).toBe(0);
    expect(statSync(join(g.dataDir, 'tls/ca.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(g.dataDir, 'tokens.csv'), 'utf8')).toMatch(/^[0-9a-f]{64},system:admin,/m);
  });

  it('answers kubectl version', async () => {
    const r = await g.kubectl(['version', '-o', 'json']);
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.serverVersion.major).toBe('1');
    expect(info.serverVersion.gitVersion).toMatch(/^v1\.\d+\.\d+/);
  });

  it('lists the built-in namespaces with kubectl get ns', async () => {
    const r = await g.kubectl(['get', 'ns']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^NAME\s+STATUS\s+AGE\n/);
    expect(r.stdout).toMatch(/^default\s+Active\s/m);
    const names = await g.kubectl(['get', 'ns', '-o', 'jsonpath={.items[*].metadata.name}']);
    expect(names.stdout.split(' ')).toEqual(expect.arrayContaining(['default', 'kube-system']));
  });

  it('keeps the CA and admin credentials across a restart', async () => {
    const ca = readFileSync(join(g.dataDir, 'tls/ca.crt'), 'utf8');
    const kubeconfig = readFileSync(g.kubeconfig, 'utf8');
    await g.restart();
    expect(readFileSync(join(g.dataDir, 'tls/ca.crt'), 'utf8')).toBe(ca);
    expect(readFileSync(g.kubeconfig, 'utf8')).toBe(kubeconfig);
    const r = await g.kubectl(['get', 'ns', 'default', '-o', 'name']);
    expect(r).toMatchObject({ code: 0, stdout: 'namespace/default\n' });
  }, 60_000);
});
