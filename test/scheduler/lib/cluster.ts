/**
 * An in-process API server (memory store, port 0, temp data dir) plus a RestClient, and helpers
 * to create nodes and pods and wait for what the scheduler does to them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { event as eventKind, node as nodeKind, pod as podKind, type Event, type Node, type Pod } from '../../../src/api/core/v1/index.js';
import { RestClient, type ResourceClient } from '../../../src/client/index.js';
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
  const server = await startServer({ dataDir: dir, port: 0, bind: '127.0.0.1', datastore: 'memory://', log: () => {} });
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
