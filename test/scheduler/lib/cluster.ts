/**
 * An in-process API server (memory store, port 0, temp data dir) plus a RestClient, and helpers
 * to create nodes and pods and wait for what the scheduler does to them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { event as eventKind, namespace as namespaceKind, node as nodeKind, pod as podKind, type Event, type Namespace, type Node, type Pod } from '../../../src/api/core/v1/index.js';
import { priorityClass, type PriorityClass } from '../../../src/api/scheduling/v1/index.js';
import { RestClient, type ResourceClient } from '../../../src/client/index.js';
import { startScheduler, type RunningScheduler } from '../../../src/scheduler/index.js';
import { startServer, type RunningServer } from '../../../src/server/run-server.js';

export interface TestApi {
  server: RunningServer;
  client: RestClient;
  nodes: ResourceClient<Node>;
  pods: ResourceClient<Pod>;
  events: ResourceClient<Event>;
  dispose(): Promise<void>;
}

export async function startTestApi(): Promise<TestApi> {
  const dir = mkdtempSync(join(tmpdir(), 'gantry-sched-'));
  // The server's own scheduler stays off: tests run the one they configure.
  const server = await startServer({ dataDir: dir, port: 0, bind: '127.0.0.1', datastore: 'memory://', log: () => {}, scheduler: false });
  const client = RestClient.fromKubeconfig(server.kubeconfig, { userAgent: 'scheduler-test' });
  return {
    server,
    client,
    nodes: client.resource<Node>(nodeKind),
    pods: client.resource<Pod>(podKind),
    events: client.resource<Event>(eventKind),
    async dispose() {
      client.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface NodeSpecOptions {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[];
}

/** A Ready node with capacity = allocatable (default 4 cpu, 8Gi, 110 pods). */
export function nodeManifest(name: string, o: NodeSpecOptions = {}): Node {
  const res = { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: o.taints ? { taints: o.taints } : {},
    status: { capacity: res, allocatable: res, conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'ready' }] },
  };
}

/** Creates the node, then sets its status through nodes/status (create may drop status). */
export async function createNode(api: TestApi, n: Node): Promise<Node> {
  const created = await api.nodes.create(n);
  if (created.status?.allocatable) return created;
  return api.nodes.patch(undefined, n.metadata.name!, { type: 'merge', subresource: 'status', body: { status: n.status } });
}

export function podManifest(name: string, spec: Partial<Pod['spec']> = {}, labels?: Record<string, string>): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { containers: [{ name: 'c', image: 'pause', resources: { requests: { cpu: '100m', memory: '100Mi' } } }], terminationGracePeriodSeconds: 0, ...spec },
  };
}

/** Polls `fn` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (let i = 0; Date.now() < end && i < 10_000; i++) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

export async function boundNode(api: TestApi, ns: string, name: string, timeoutMs?: number): Promise<string> {
  return eventually(`pod ${ns}/${name} to be bound`, async () => (await api.pods.get(ns, name)).spec?.nodeName || undefined, timeoutMs);
}

/** The messages of the pod's events with this reason. */
export async function eventMessages(api: TestApi, ns: string, name: string, reason: string): Promise<string[]> {
  const list = await api.events.list(ns, { fieldSelector: `involvedObject.name=${name}` });
  return list.items.filter((e) => e.reason === reason).map((e) => e.message ?? '');
}

/**
 * Registers hooks that start an in-process server, create `namespace`, `priorityClasses` and
 * `nodes`, and start a scheduler (short backoffs) against it. Returns getters for the tests.
 */
export function useSchedulerApi(opts: {
  namespace: string;
  nodes: Node[];
  priorityClasses?: { name: string; value: number }[];
}): { api(): TestApi; sched(): RunningScheduler } {
  let api: TestApi | undefined;
  let sched: RunningScheduler | undefined;
  beforeAll(async () => {
    api = await startTestApi();
    await api.client.resource<Namespace>(namespaceKind).create({ metadata: { name: opts.namespace } });
    for (const pc of opts.priorityClasses ?? []) await api.client.resource<PriorityClass>(priorityClass).create({ metadata: { name: pc.name }, value: pc.value });
    for (const n of opts.nodes) await createNode(api, n);
    sched = startScheduler(api.client, { log: () => {}, podInitialBackoffSeconds: 0.1, podMaxBackoffSeconds: 0.5 });
    await sched.ready;
  });
  afterAll(async () => {
    await sched?.stop();
    await api?.dispose();
  });
  const need = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('the test cluster is not running (beforeAll failed?)');
    return v;
  };
  return { api: () => need(api), sched: () => need(sched) };
}
