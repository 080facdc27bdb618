import { describe, expect, it } from 'vitest';
import { configMap, namespace, secret } from '../../api/core/v1/index.js';
import type { KubeObject } from '../../api/meta.js';
import { defineController, type ControllerDefinition } from './controller.js';
import { Manager } from './manager.js';
import { TerminalError, type Request } from './reconciler.js';
import { FakeApi } from './testing/fake-api.js';

const quiet = () => {};
async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function recordingController(seen: Request[], extra: Partial<ControllerDefinition> = {}): ControllerDefinition {
  return defineController({
    name: 'test-controller',
    for: configMap,
    owns: [secret],
    watches: [{ kind: namespace, map: (ns: KubeObject) => [{ namespace: ns.metadata.name!, name: 'from-namespace' }] }],
    workers: 2,
    reconciler: () => ({ reconcile: async (req) => void seen.push(req) }),
    ...extra,
  });
}

describe('Manager', () => {
  it('enqueues for, owned (by controller owner) and watched objects, after the caches synced', async () => {
    const api = new FakeApi();
    api.seed(configMap, { metadata: { name: 'before', namespace: 'a' } });
    const seen: Request[] = [];
    const mgr = new Manager(api.client(), { log: quiet }).add(recordingController(seen));
    mgr.start();
    expect(await mgr.ready).toBe(true);
    await until(() => seen.length >= 1);
    expect(seen[0]).toEqual({ namespace: 'a', name: 'before' });
    const cm = api.seed<KubeObject>(configMap, { metadata: { name: 'owner', namespace: 'a' } });
    api.seed(secret, {
      metadata: { name: 's1', namespace: 'a', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: cm.metadata.uid!, controller: true }] },
    });
    api.seed(secret, { metadata: { name: 'orphan', namespace: 'a' } });
    api.seed(namespace, { metadata: { name: 'b' } });
    await until(() => seen.some((r) => r.name === 'from-namespace'));
    await until(() => seen.filter((r) => r.name === 'owner').length >= 2);
    expect(seen.some((r) => r.name === 'orphan' || r.name === 's1')).toBe(false);
    expect(mgr.runner('test-controller')!.reconciles).toBeGreaterThanOrEqual(4);
    await mgr.stop();
  });

  it('retries thrown errors with backoff, not TerminalErrors; honours requeueAfterMs', async () => {
    const api = new FakeApi();
    api.seed(configMap, { metadata: { name: 'flaky', namespace: 'a' } });
    api.seed(configMap, { metadata: { name: 'broken', namespace: 'a' } });
    api.seed(configMap, { metadata: { name: 'again', namespace: 'a' } });
    const counts: Record<string, number> = {};
    const logs: string[] = [];
    const def = defineController({
      name: 'flaky-controller',
      for: configMap,
      reconciler: () => ({
        async reconcile({ name }) {
          counts[name] = (counts[name] ?? 0) + 1;
          if (name === 'flaky' && counts[name]! < 3) throw new Error('transient');
          if (name === 'broken') throw new TerminalError('bad spec');
          if (name === 'again' && counts[name]! < 3) return { requeueAfterMs: 10 };
          return undefined;
        },
      }),
    });
    const mgr = new Manager(api.client(), { log: (l) => logs.push(l) }).add(def);
    mgr.start();
    await until(() => counts.flaky === 3 && counts.again === 3);
    await new Promise((r) => setTimeout(r, 50));
    expect(counts.broken).toBe(1);
    expect(logs.some((l) => /broken: bad spec \(not retried\)/.test(l))).toBe(true);
    expect(logs.some((l) => /error syncing "a\/flaky": transient; will retry/.test(l))).toBe(true);
    await mgr.stop();
  });

  it('a controller whose factory throws is skipped; the others run', async () => {
    const api = new FakeApi();
    api.seed(configMap, { metadata: { name: 'x', namespace: 'a' } });
    const seen: Request[] = [];
    const logs: string[] = [];
    const bad = defineController({ name: 'bad-controller', reconciler: () => { throw new Error('no config'); } });
    const mgr = new Manager(api.client(), { log: (l) => logs.push(l) }).add(bad, recordingController(seen));
    mgr.start();
    await mgr.ready;
    await until(() => seen.length > 0);
    expect(logs.join('\n')).toMatch(/bad-controller failed to start: no config/);
    await mgr.stop();
  });

  it('with leader election only one of two managers runs; the other takes over when it stops', async () => {
    const api = new FakeApi();
    api.seed(namespace, { metadata: { name: 'kube-system' } });
    api.seed(configMap, { metadata: { name: 'x', namespace: 'a' } });
    const seenA: Request[] = [];
    const seenB: Request[] = [];
    const le = { leaseDurationSeconds: 1, renewDeadlineSeconds: 0.5, retryPeriodSeconds: 0.05 };
    const a = new Manager(api.client(), { log: quiet, leaderElection: { ...le, identity: 'a' } }).add(recordingController(seenA));
    a.start();
    expect(await a.ready).toBe(true);
    const b = new Manager(api.client(), { log: quiet, leaderElection: { ...le, identity: 'b' } }).add(recordingController(seenB));
    b.start();
    await until(() => seenA.length > 0);
    await new Promise((r) => setTimeout(r, 200));
    expect(b.isLeader()).toBe(false);
    expect(seenB).toEqual([]);
    await a.stop();
    expect(await b.ready).toBe(true);
    await until(() => seenB.length > 0);
    expect(b.isLeader()).toBe(true);
    await b.stop();
  });
});
