/**
 * `npm run bench:scheduler`: kube-scheduler's scheduler_perf shapes, end to end through the real
 * API server (pod created → bound): SchedulingBasic, TopologySpreading, PreferredNodeAffinity
 * and PreemptionBasic. Each shape gets a fresh server with its nodes; the scheduler runs in this
 * process as an API client. Prints pods/s and p50/p99 create→bound latency per shape and the
 * server's peak memory; the last line is one JSON object.
 */
import { parseArgs } from 'node:util';
import { namespace as namespaceKind, node as nodeKind, pod as podKind, type Namespace, type Node, type Pod } from '../../src/api/core/v1/index.js';
import { priorityClass, type PriorityClass } from '../../src/api/scheduling/v1/index.js';
import { ownCpuMs, ownPeakRssMb, startBenchServer } from './cluster.js';
import { localScheduler, watchBinds, type BindObserver } from './observe.js';
import { runOffline } from './offline.js';
import { BindTracker, createNodes, createPods } from './load.js';
import { shapes, type Shape } from './shapes.js';

const { values: flags } = parseArgs({
  options: {
    nodes: { type: 'string', default: '5000' },
    'measure-pods': { type: 'string', default: '10000' },
    shapes: { type: 'string', default: 'basic,spread,affinity,preemption' },
    datastore: { type: 'string', default: 'memory://' },
    'in-process': { type: 'boolean', default: false },
    kubeconfig: { type: 'string' },
    'server-pid': { type: 'string' },
    concurrency: { type: 'string', default: '64' },
    'timeout-s': { type: 'string', default: '180' },
    'max-binds': { type: 'string', default: '64' },
    'skip-offline': { type: 'boolean', default: false },
    embedded: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (flags.help) {
  process.stdout.write(
    'Usage: npm run bench:scheduler -- [--nodes 5000] [--measure-pods 10000] [--shapes basic,spread,affinity,preemption]\n' +
      '       [--datastore memory://|sqlite] [--in-process] [--concurrency 64] [--timeout-s 180]\n' +
      '       [--kubeconfig FILE [--server-pid PID]]   (an existing, empty server; run one shape)\n' +
      '       [--max-binds 64] [--skip-offline]\n' +
      '       [--embedded]   (the server schedules, as `gantry server` does by default; else the scheduler runs here)\n',
  );
  process.exit(0);
}

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got "${text}"`);
  return n;
}

const nodeCount = positive('nodes', flags.nodes!);
const measure = positive('measure-pods', flags['measure-pods']!);
const concurrency = positive('concurrency', flags.concurrency!);
const timeoutMs = positive('timeout-s', flags['timeout-s']!) * 1000;
const wanted = new Set(flags.shapes!.split(',').map((s) => s.trim()));
const log = (line: string): void => void process.stderr.write(`[bench:scheduler] ${line}\n`);

interface Row {
  shape: Shape;
  /** Server and scheduler-process CPU per measured pod, ms. */
  serverCpuPerPod: number;
  schedCpuPerPod: number;
  /** The same shape without the API server (OfflineScheduler), pods/s. */
  offlinePodsPerSecond: number;
  podsPerSecond: number;
  p50: number;
  p99: number;
  serverRssMb: number;
  seconds: number;
  pods: number;
}

async function runShape(shape: Shape): Promise<Row> {
  const server = await startBenchServer({
    datastore: flags.datastore!,
    inProcess: flags['in-process']!,
    withScheduler: flags.embedded!,
    kubeconfig: flags.kubeconfig,
    serverPid: flags['server-pid'] ? positive('server-pid', flags['server-pid']) : undefined,
  });
  let observer: BindObserver | undefined;
  try {
    const client = server.newClient('bench-scheduler-load');
    const ns = 'bench';
    await client.resource<Namespace>(namespaceKind).create({ metadata: { name: ns } });
    for (const pc of shape.priorityClasses ?? []) await client.resource<PriorityClass>(priorityClass).create({ metadata: { name: pc.name }, value: pc.value });
    const t0 = performance.now();
    await createNodes(client.resource<Node>(nodeKind), shape.nodes, concurrency);
    log(`${shape.name}: ${shape.nodes} nodes created in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const init = new BindTracker('init');
    const measured = new BindTracker('measure');
    // Each tracker only counts the pods it created.
    const onBound = (p: Pod) => {
      init.onBound(p);
      measured.onBound(p);
    };
    observer = flags.embedded
      ? watchBinds(server.newClient('bench-scheduler-watch'), onBound, log)
      : localScheduler(server.newClient('gantry-scheduler'), onBound, { maxBinds: positive('max-binds', flags['max-binds']!), log });
    await observer.ready;
    const pods = client.resource<Pod>(podKind);
    await createPods(pods, ns, shape.initPods, shape.initTemplate, { concurrency, tracker: init });
    await init.waitFor(shape.initPods, timeoutMs);
    log(`${shape.name}: ${shape.initPods} initial pods bound; creating ${shape.measurePods} measured pods`);
    const serverCpu0 = server.cpuMs();
    const ownCpu0 = ownCpuMs();
    await Promise.all([createPods(pods, ns, shape.measurePods, shape.measureTemplate, { concurrency, tracker: measured }), measured.waitFor(shape.measurePods, timeoutMs)]);
    const serverCpu = server.cpuMs() - serverCpu0;
    const ownCpu = ownCpuMs() - ownCpu0;
    const s = measured.summary();
    log(`${shape.name}: ${s.pods} pods in ${s.seconds.toFixed(2)} s; ${observer.describe()}`);
    return {
      shape,
      podsPerSecond: s.podsPerSecond,
      p50: s.p50,
      p99: s.p99,
      serverRssMb: server.peakRssMb(),
      seconds: s.seconds,
      pods: s.pods,
      serverCpuPerPod: serverCpu / s.pods,
      schedCpuPerPod: ownCpu / s.pods,
      offlinePodsPerSecond: NaN,
    };
  } finally {
    await observer?.stop();
    await server.dispose();
  }
}

function table(rows: Row[]): string {
  const head = ['shape', 'nodes', 'init pods', 'measured', 'pods/s', 'p50 ms', 'p99 ms', 'server peak RSS MB', 'server CPU ms/pod', 'bench CPU ms/pod', 'scheduler alone pods/s'];
  const cells = rows.map((r) => [
    r.shape.name,
    String(r.shape.nodes),
    String(r.shape.initPods),
    String(r.pods),
    r.podsPerSecond.toFixed(0),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    r.serverRssMb.toFixed(0),
    r.serverCpuPerPod.toFixed(2),
    r.schedCpuPerPod.toFixed(2),
    r.offlinePodsPerSecond.toFixed(0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const shape of shapes({ nodes: nodeCount, basicMeasure: measure })) {
    if (!wanted.has(shape.key)) continue;
    log(`running ${shape.name}`);
    const row = await runShape(shape);
    if (!flags['skip-offline']) {
      log(`${shape.name}: the same shape without the API server`);
      row.offlinePodsPerSecond = (await runOffline(shape)).podsPerSecond;
    }
    rows.push(row);
  }
  process.stdout.write(`${table(rows)}\n`);
  process.stdout.write(
    `(${flags.embedded ? 'scheduler embedded in the server' : 'scheduler in this process as an API client'}; server ${flags['in-process'] ? 'in this process' : 'a separate gantry server process'}, ` +
      `datastore ${flags.datastore}; bench process peak RSS ${ownPeakRssMb().toFixed(0)} MB)\n`,
  );
  const json: Record<string, unknown> = {};
  for (const r of rows) {
    json[`${r.shape.key}_pods_per_s`] = Math.round(r.podsPerSecond);
    json[`${r.shape.key}_p50_ms`] = Number(r.p50.toFixed(1));
    json[`${r.shape.key}_p99_ms`] = Number(r.p99.toFixed(1));
    json[`${r.shape.key}_server_cpu_ms_per_pod`] = Number(r.serverCpuPerPod.toFixed(2));
    json[`${r.shape.key}_scheduler_alone_pods_per_s`] = Math.round(r.offlinePodsPerSecond);
  }
  json.peak_rss_mb = Math.round(Math.max(0, ...rows.map((r) => r.serverRssMb)));
  json.scheduler_process_peak_rss_mb = Math.round(ownPeakRssMb());
  json.nodes = nodeCount;
  json.datastore = flags.datastore;
  json.in_process = flags['in-process'];
  json.embedded_scheduler = flags.embedded;
  process.stdout.write(`${JSON.stringify(json)}\n`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench:scheduler failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
