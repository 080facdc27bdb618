/** API request phases: create, get and list at a concurrency, and creates at a fixed rate. */
import type { ApiClient } from '../../test/reliability/lib/api-client.js';
import type { BenchKind } from './kinds.js';
import { closedLoop, openLoop, type Summary } from './load.js';

export interface ApiBench {
  client: ApiClient;
  kind: BenchKind;
  /** Namespace for creates and gets. */
  namespace: string;
  /** Names created so far in `namespace` (gets pick from them). */
  created: string[];
}

/** Creates one object named `prefix-i`; throws unless the answer is 201. */
async function createOne(b: ApiBench, name: string): Promise<void> {
  const res = await b.client.request('POST', b.kind.path(b.namespace), { body: b.kind.build(name, b.namespace) });
  if (res.status !== 201) throw new Error(`create ${name}: ${res.status} ${res.body.slice(0, 200)}`);
  b.created.push(name);
}

/**
 * Opens `concurrency` kept-alive connections (TLS handshakes included) before a measured phase,
 * so that phases measure steady-state requests, as long-running Kubernetes clients make them.
 */
export async function warmConnections(b: ApiBench, concurrency: number): Promise<void> {
  await closedLoop(() => b.client.json('GET', `/api/v1/namespaces/${b.namespace}`, { expect: [200] }), {
    concurrency,
    durationMs: 30_000,
    maxOps: concurrency * 2,
  });
}

export function measureCreates(b: ApiBench, concurrency: number, opts: { durationMs: number }): Promise<Summary> {
  return closedLoop((i) => createOne(b, `c${concurrency}-${i}`), { concurrency, durationMs: opts.durationMs });
}

export function measureGets(b: ApiBench, concurrency: number, opts: { durationMs: number }): Promise<Summary> {
  if (b.created.length === 0) throw new Error('measureGets needs created objects');
  return closedLoop(
    async (i) => {
      const name = b.created[(i * 7919) % b.created.length];
      const res = await b.client.request('GET', `${b.kind.path(b.namespace)}/${name}`);
      if (res.status !== 200) throw new Error(`get ${name}: ${res.status} ${res.body.slice(0, 200)}`);
    },
    { concurrency, durationMs: opts.durationMs },
  );
}

/** LISTs of a whole namespace holding `expectItems` objects. */
export function measureLists(b: ApiBench, concurrency: number, opts: { durationMs: number; namespace: string; expectItems: number }): Promise<Summary> {
  return closedLoop(
    async () => {
      const res = await b.client.request('GET', b.kind.path(opts.namespace), { timeoutMs: 30_000 });
      if (res.status !== 200) throw new Error(`list: ${res.status} ${res.body.slice(0, 200)}`);
      const items = (JSON.parse(res.body) as { items: unknown[] }).items.length;
      if (items !== opts.expectItems) throw new Error(`list returned ${items} items, expected ${opts.expectItems}`);
    },
    { concurrency, durationMs: opts.durationMs },
  );
}

/** Creates at a fixed rate (open loop): the mutating-latency SLO measurement. */
export function measureCreateRate(b: ApiBench, ratePerSecond: number, opts: { durationMs: number }): Promise<Summary> {
  return openLoop((i) => createOne(b, `rate-${i}`), { ratePerSecond, durationMs: opts.durationMs });
}

/** Fills `namespace` with `count` objects at a concurrency (not measured as a phase). */
export async function fill(b: ApiBench, opts: { namespace: string; count: number; prefix: string; concurrency?: number }): Promise<void> {
  const target: ApiBench = { ...b, namespace: opts.namespace, created: [] };
  const result = await closedLoop((i) => createOne(target, `${opts.prefix}-${i}`), {
    concurrency: opts.concurrency ?? 32,
    durationMs: 10 * 60_000,
    maxOps: opts.count,
  });
  if (result.errors > 0) throw new Error(`filling ${opts.namespace}: ${result.errors} creates failed: ${result.firstError}`);
}
