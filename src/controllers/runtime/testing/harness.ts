/** Helpers for controller unit tests on FakeApi: run controllers, wait, play the kubelet. */
import { afterEach } from 'vitest';
import { pod as podKind, type Pod } from '../../../api/core/v1/index.js';
import type { ControllerDefinition, ControllerSettings } from '../controller.js';
import { Manager } from '../manager.js';
import type { FakeApi } from './fake-api.js';

/** Starts a Manager with `defs` on `api` and waits until it runs. Call stop() in the test. */
export async function runControllers(api: FakeApi, defs: ControllerDefinition[], opts: { settings?: ControllerSettings; log?: (l: string) => void } = {}): Promise<Manager> {
  const mgr = new Manager(api.client(), { log: opts.log ?? (() => {}), settings: opts.settings });
  mgr.add(...defs);
  mgr.start();
  if (!(await mgr.ready)) throw new Error('controllers did not start');
  return mgr;
}

/**
 * Registers an afterEach that stops what `start` ran; returns `start` (runControllers whose
 * manager is stopped after each test).
 */
export function useControllers(): (api: FakeApi, defs: ControllerDefinition[], opts?: Parameters<typeof runControllers>[2]) => Promise<Manager> {
  let running: Manager[] = [];
  afterEach(async () => {
    for (const m of running) await m.stop();
    running = [];
  });
  return async (api, defs, opts) => {
    const m = await runControllers(api, defs, opts);
    running.push(m);
    return m;
  };
}

/** Polls `cond` every 5 ms until true; throws with `what` after `ms`. */
export async function waitUntil(cond: () => boolean | Promise<boolean>, opts: { ms?: number; what?: string } = {}): Promise<void> {
  const end = Date.now() + (opts.ms ?? 5000);
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${opts.what ?? 'a condition'}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** What a kubelet would report: bound to `node`, Running, and Ready since `readySince`. */
export function readyStatus(readySince = new Date()): Pod['status'] {
  const t = readySince.toISOString().replace(/\.\d+Z$/, 'Z');
  return {
    phase: 'Running',
    conditions: [
      { type: 'PodScheduled', status: 'True', lastTransitionTime: t },
      { type: 'Ready', status: 'True', lastTransitionTime: t },
    ],
  };
}

/** Binds every pod of `namespace` without a node to `node` and makes it Running and Ready. */
export async function makePodsReady(api: FakeApi, namespace: string, opts: { node?: string; readySince?: Date } = {}): Promise<number> {
  const pods = api.resource<Pod>(podKind);
  let n = 0;
  for (const p of api.list<Pod>(podKind, namespace)) {
    if (p.metadata.deletionTimestamp || p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) continue;
    if (!p.spec.nodeName) await pods.update({ ...p, spec: { ...p.spec, nodeName: opts.node ?? 'node-1' } } as Pod);
    const fresh = api.get<Pod>(podKind, namespace, p.metadata.name!)!;
    await pods.updateStatus({ ...fresh, status: readyStatus(opts.readySince) });
    n++;
  }
  return n;
}

/**
 * A stand-in kubelet on FakeApi: every few milliseconds binds and readies the pods `ready`
 * accepts (default: all). Returns a stop function.
 */
export function startFakeKubelet(api: FakeApi, opts: { ready?: (p: Pod) => boolean; everyMs?: number } = {}): () => void {
  let stopped = false;
  let busy = false;
  const pods = api.resource<Pod>(podKind);
  const tick = async (): Promise<void> => {
    if (busy || stopped) return;
    busy = true;
    try {
      for (const p of api.list<Pod>(podKind)) {
        if (stopped) return;
        if (p.metadata.deletionTimestamp || p.status?.conditions?.some((c) => c.type === 'Ready')) continue;
        if (opts.ready && !opts.ready(p)) continue;
        await pods.updateStatus({ ...p, spec: p.spec, status: readyStatus() }).catch(() => {});
      }
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), opts.everyMs ?? 5);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
