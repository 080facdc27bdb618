/**
 * One informer run, in its own process so that heap and RSS belong to that informer alone:
 *   node --expose-gc --import tsx bench/client/informer-child.ts IMPL KUBECONFIG NAMESPACE EXPECTED
 * IMPL is gantry (src/client, pages of 500), gantry-unpaged (one list request) or client-node
 * (@kubernetes/client-node makeInformer). Prints one JSON line with the figures.
 */
import { CoreV1Api, KubeConfig, makeInformer } from '@kubernetes/client-node';
import { configMap } from '../../src/api/core/v1/index.js';
import { RestClient, SharedInformerFactory } from '../../src/client/index.js';

export interface ChildResult {
  impl: string;
  objects: number;
  syncMs: number;
  cpuMs: number;
  heapMb: number;
  /** RSS after the sync minus RSS before it (the process's baseline is ~200 MB of tsx and modules). */
  rssGrowthMb: number;
  peakRssMb: number;
}

const [impl = '', kubeconfig = '', namespace = '', expectedText = '0'] = process.argv.slice(2);
const expected = Number(expectedText);

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (!g) throw new Error('run with --expose-gc');
  g();
  g();
}

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Starts the informer; resolves with a function counting cached objects and a stop function once synced. */
async function runInformer(): Promise<{ count(): number; stop(): Promise<void> }> {
  if (impl === 'client-node') {
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    const core = kc.makeApiClient(CoreV1Api);
    const inf = makeInformer(kc, `/api/v1/namespaces/${namespace}/configmaps`, () => core.listNamespacedConfigMap({ namespace }));
    inf.on('error', (err) => process.stderr.write(`client-node informer error: ${String(err)}\n`));
    await inf.start(); // resolves once the list is in the cache and the watch is open
    return { count: () => inf.list(namespace).length, stop: () => inf.stop() };
  }
  if (impl !== 'gantry' && impl !== 'gantry-unpaged') throw new Error(`unknown implementation ${JSON.stringify(impl)}`);
  const client = RestClient.fromKubeconfig(kubeconfig, { userAgent: 'bench-client' });
  const factory = new SharedInformerFactory(client, { pageSize: impl === 'gantry' ? 500 : 0 });
  const inf = factory.informerFor(configMap, { namespace });
  const ac = new AbortController();
  factory.start(ac.signal);
  await factory.waitForSync(ac.signal);
  return {
    count: () => inf.store.size,
    stop: async () => {
      ac.abort();
      client.close();
    },
  };
}

async function main(): Promise<void> {
  gc();
  const base = process.memoryUsage();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const inf = await runInformer();
  const syncMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const objects = inf.count();
  if (objects !== expected) throw new Error(`${impl}: cached ${objects} objects, expected ${expected}`);
  gc();
  const mem = process.memoryUsage();
  const result: ChildResult = {
    impl,
    objects,
    syncMs: Math.round(syncMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    heapMb: mb(mem.heapUsed - base.heapUsed),
    rssGrowthMb: mb(mem.rss - base.rss),
    peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await inf.stop();
  process.exit(0); // client-node keeps sockets open
}

main().catch((err: unknown) => {
  process.stderr.write(`informer-child: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
