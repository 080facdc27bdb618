/**
 * `gantry server --datastore etcd://…` against a real etcd from Debian's package on 127.0.0.1:
 * the same kubectl workflow works, and the state lives in etcd (a restart keeps it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEtcd, type EtcdServer } from '../../src/storage/testing/etcd-server.js';
import { startGantry, type Gantry } from '../support/index.js';

describe('gantry server on etcd', () => {
  let etcd: EtcdServer;
  let g: Gantry;
  beforeAll(async () => {
    etcd = await startEtcd();
    g = await startGantry({ datastore: `${etcd.url}?prefix=/gantry-e2e` });
  });
  afterAll(async () => {
    await g?.dispose();
    await etcd?.stop();
  });

  it('serves the built-in namespaces and kubectl writes', async () => {
    const ns = await g.kubectl(['get', 'ns', '-o', 'name']);
    expect(ns.code).toBe(0);
    expect(ns.stdout.split('\n')).toEqual(expect.arrayContaining(['namespace/default', 'namespace/kube-system']));
    const created = await g.kubectl(['create', 'configmap', 'cfg', '--from-literal=a=b']);
    expect(created.stdout.trim()).toBe('configmap/cfg created');
    const svc = await g.kubectl(['create', 'service', 'clusterip', 'web', '--tcp=80:8080']);
    expect(svc.code).toBe(0);
    const ip = await g.kubectl(['get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP}']);
    expect(ip.stdout).toMatch(/^10\.43\.\d+\.\d+$/);
  });

  it('keeps its state in etcd across a server restart, with increasing resourceVersions', async () => {
    const before = await g.kubectl(['get', 'cm', 'cfg', '-o', 'jsonpath={.metadata.resourceVersion}']);
    await g.restart();
    const data = await g.kubectl(['get', 'cm', 'cfg', '-o', 'jsonpath={.data.a}']);
    expect(data.stdout).toBe('b');
    await g.kubectl(['label', 'cm', 'cfg', 'x=y']);
    const after = await g.kubectl(['get', 'cm', 'cfg', '-o', 'jsonpath={.metadata.resourceVersion}']);
    expect(Number(after.stdout)).toBeGreaterThan(Number(before.stdout));
  });

  it('answers a stale replace with Conflict', async () => {
    const cm = JSON.parse((await g.kubectl(['get', 'cm', 'cfg', '-o', 'json'])).stdout);
    await g.kubectl(['label', 'cm', 'cfg', 'z=1']);
    const r = await g.kubectl(['replace', '-f', '-', '--validate=false'], { input: JSON.stringify(cm) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error from server (Conflict)');
  });
});
