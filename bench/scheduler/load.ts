/** Creating nodes and pods with bounded concurrency, and timing pods from create to bound. */
import type { Node, Pod } from '../../src/api/core/v1/index.js';
import type { ResourceClient } from '../../src/client/index.js';
import { ZONE_KEY, ZONES } from './shapes.js';

/** Runs `fn(i)` for i in [0, count) with at most `concurrency` in flight. */
export async function forEachConcurrent(count: number, concurrency: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (next < count && failure === undefined) {
      const i = next++;
      try {
        await fn(i);
      } catch (e) {
        failure ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  if (failure !== undefined) throw failure;
}

/** node-default.yaml: 4 cpu, 32Gi, 110 pods; zones round-robin. */
export function benchNode(i: number): Node {
  const name = `node-${i}`;
  const res = { cpu: '4', memory: '32Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, [ZONE_KEY]: ZONES[i % ZONES.length]! } },
    spec: {},
    status: { capacity: res, allocatable: res, conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'ready' }] },
  };
}

export async function createNodes(nodes: ResourceClient<Node>, count: number, concurrency: number): Promise<void> {
  await forEachConcurrent(count, concurrency, async (i) => {
    const created = await nodes.create(benchNode(i));
    if (!created.status?.allocatable) {
      await nodes.patch(undefined, created.metadata.name!, { type: 'merge', subresource: 'status', body: { status: benchNode(i).status } });
    }
  });
}

/** Records create-start times and bind times of one batch of pods. */
export class BindTracker {
  private readonly created = new Map<string, number>();
  private readonly latencies: number[] = [];
  private firstCreate = Infinity;
  private lastBound = 0;
  private waiting: { n: number; resolve: () => void } | undefined;

  constructor(readonly prefix: string) {}

  markCreating(name: string): void {
    const now = performance.now();
    this.created.set(name, now);
    this.firstCreate = Math.min(this.firstCreate, now);
  }

  onBound(pod: Pod): void {
    const name = pod.metadata.name ?? '';
    const t0 = this.created.get(name);
    if (t0 === undefined) return;
    this.created.delete(name);
    const now = performance.now();
    this.latencies.push(now - t0);
    this.lastBound = now;
    if (this.waiting && this.latencies.length >= this.waiting.n) this.waiting.resolve();
  }

  get bound(): number {
    return this.latencies.length;
  }

  /** Resolves when `n` pods were bound, or rejects after `timeoutMs`. */
  waitFor(n: number, timeoutMs: number): Promise<void> {
    if (this.latencies.length >= n) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`${this.prefix}: only ${this.latencies.length}/${n} pods bound after ${timeoutMs} ms`)), timeoutMs);
      this.waiting = {
        n,
        resolve: () => {
          clearTimeout(t);
          resolve();
        },
      };
    });
  }

  summary(): { pods: number; seconds: number; podsPerSecond: number; p50: number; p99: number } {
    const xs = [...this.latencies].sort((a, b) => a - b);
    const q = (f: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor(f * xs.length))]! : NaN);
    const seconds = (this.lastBound - this.firstCreate) / 1000;
    return { pods: xs.length, seconds, podsPerSecond: xs.length / seconds, p50: q(0.5), p99: q(0.99) };
  }
}

export async function createPods(
  pods: ResourceClient<Pod>,
  ns: string,
  count: number,
  template: (i: number) => Pod,
  opts: { concurrency: number; tracker?: BindTracker },
): Promise<void> {
  await forEachConcurrent(count, opts.concurrency, async (i) => {
    const p = template(i);
    opts.tracker?.markCreating(p.metadata.name!);
    await pods.create(p, { namespace: ns });
  });
}
