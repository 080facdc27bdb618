/**
 * `npm run bench:api`: the API server's throughput and latency against a `gantry server` process
 * on SQLite (started from source on 127.0.0.1 with a fresh data directory), and the raw store's
 * create throughput in the same run. Prints a table, the command that reproduces it, and as the
 * last line one JSON object.
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startGantry, type Gantry } from '../../test/support/gantry.js';
import { ApiClient } from '../../test/reliability/lib/api-client.js';
import { ensureNamespace } from '../../test/reliability/lib/objects.js';
import { fill, measureCreateRate, measureCreates, measureGets, measureLists, warmConnections, type ApiBench } from './api-phases.js';
import { measureBigList } from './big-list.js';
import { pickKind } from './kinds.js';
import type { Summary } from './load.js';
import { best, renderTable, round, type Row } from './report.js';
import { cpuMeter } from './cpu.js';
import { measureStoreCreates, storedTemplate } from './store-phase.js';
import { measureWatch } from './watch-phase.js';

const { values: flags } = parseArgs({
  options: {
    'phase-ms': { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '1,32,200' },
    rate: { type: 'string', default: '200' },
    'rate-ms': { type: 'string', default: '5000' },
    'watch-writes': { type: 'string', default: '100' },
    'list-objects': { type: 'string', default: '10000' },
    'small-list': { type: 'string', default: '100' },
    help: { type: 'boolean', default: false },
  },
});

if (flags.help) {
  process.stdout.write('Usage: npm run bench:api -- [--phase-ms 3000] [--concurrency 1,32,200] [--rate 200] [--rate-ms 5000] [--watch-writes 100] [--list-objects 10000] [--small-list 100]\n');
  process.exit(0);
}

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got "${text}"`);
  return n;
}

const phaseMs = positive('phase-ms', flags['phase-ms']!);
const levels = flags.concurrency!.split(',').map((c) => positive('concurrency', c.trim()));
const rate = positive('rate', flags.rate!);
const rateMs = positive('rate-ms', flags['rate-ms']!);
const watchWrites = positive('watch-writes', flags['watch-writes']!);
const listObjects = positive('list-objects', flags['list-objects']!);
const smallList = positive('small-list', flags['small-list']!);

const log = (line: string): void => void process.stderr.write(`[bench:api] ${line}\n`);

/** Runs one measured phase, recording its row with the CPU used by the server and by this process. */
async function phase<T extends Summary>(row: Omit<Row, 'summary'>, fn: () => Promise<T>, opts: { rows: Row[]; serverPid: number; warm: () => Promise<void> }): Promise<T> {
  log(`${row.phase} ${row.load}`);
  await opts.warm();
  const meter = cpuMeter([opts.serverPid, process.pid]);
  const result = await fn();
  const [serverCpu, clientCpu] = meter();
  opts.rows.push({ ...row, summary: result, serverCpu, clientCpu });
  return result;
}

interface ApiRun {
  rows: Row[];
  creates: Map<number, Summary>;
  json: Record<string, unknown>;
  kind: string;
  /** A stored value template for the raw store phase, and the store key prefix. */
  template: string;
  keyPrefix: string;
}

async function runApi(g: Gantry, client: ApiClient): Promise<ApiRun> {
  const rows: Row[] = [];
  const creates = new Map<number, Summary>();
  const json: Record<string, unknown> = {};
  const kind = await pickKind(client);
  for (const ns of ['bench', 'bench-warm', 'bench-list', 'bench-watch', 'bench-big']) await ensureNamespace(client, ns);
  const b: ApiBench = { client, kind, namespace: 'bench', created: [] };
  const on = { rows, serverPid: g.pid, warm: () => warmConnections(b, Math.max(...levels)) };
  log(`kind: ${kind.plural}; warming up`);
  await fill(b, { namespace: 'bench-warm', count: 300, prefix: 'warm' });

  for (const c of levels) {
    creates.set(c, await phase({ phase: `create ${kind.plural}`, load: `c=${c}` }, () => measureCreates(b, c, { durationMs: phaseMs }), on));
  }
  const sample = await client.json<{ metadata: Record<string, unknown> }>('GET', `${kind.path('bench')}/${b.created[0]}`, { expect: [200] });
  for (const c of levels) {
    await phase({ phase: `get ${kind.plural}`, load: `c=${c}` }, () => measureGets(b, c, { durationMs: phaseMs }), on);
  }
  await fill(b, { namespace: 'bench-list', count: smallList, prefix: 'small' });
  for (const c of levels) {
    await phase({ phase: `list ${smallList} ${kind.plural}`, load: `c=${c}` }, () =>
      measureLists(b, c, { durationMs: phaseMs, namespace: 'bench-list', expectItems: smallList }), on);
  }
  for (const w of levels) {
    const note = `writes ${watchWrites}/s; latency = create sent → event received`;
    const s = await phase({ phase: 'watch events', load: `watchers=${w}`, note }, () =>
      measureWatch(b, w, { namespace: 'bench-watch', writesPerSecond: watchWrites, durationMs: phaseMs }), on);
    rows[rows.length - 1].note = `${s.received}/${s.expected} events; ${note}`;
    json[`watch_events_per_s_w${w}`] = round(s.perSecond, 0);
    json[`watch_p99_ms_w${w}`] = round(s.p99Ms);
  }
  const open = await phase({ phase: `create ${kind.plural} (open loop)`, load: `${rate}/s`, note: 'latency from the scheduled send time' }, () =>
    measureCreateRate(b, rate, { durationMs: rateMs }), on);
  json[`create_p99_ms_at_${rate}rps`] = round(open.p99Ms);
  json[`create_p50_ms_at_${rate}rps`] = round(open.p50Ms);
  json.create_errors_at_rate = open.errors;

  log(`filling ${listObjects} ${kind.plural} for the big LIST`);
  const fillStart = performance.now();
  await fill(b, { namespace: 'bench-big', count: listObjects, prefix: 'big', concurrency: 64 });
  json[`fill_${listObjects}_per_s`] = round((listObjects * 1000) / (performance.now() - fillStart), 0);
  const big = await measureBigList(b, { namespace: 'bench-big', objects: listObjects, repeats: 5 });
  rows.push({ phase: `LIST ${listObjects} ${kind.plural}`, load: 'c=1', summary: big.whole, note: `${(big.bytes / 1048576).toFixed(1)} MiB per response` });
  rows.push({ phase: `LIST ${listObjects} ${kind.plural} paged`, load: 'c=1', summary: big.paged, note: `limit=${big.pageSize}; latency = whole walk` });
  Object.assign(json, {
    [`list_${listObjects}_p50_ms`]: round(big.whole.p50Ms),
    [`list_${listObjects}_p99_ms`]: round(big.whole.p99Ms),
    [`list_${listObjects}_bytes`]: big.bytes,
    [`list_${listObjects}_paged_p50_ms`]: round(big.paged.p50Ms),
  });
  return { rows, creates, json, kind: kind.plural, template: storedTemplate(sample), keyPrefix: kind.storePrefix('bench') };
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = loadavg()[0];
  log('starting gantry server (SQLite, separate process)');
  const g = await startGantry();
  const client = ApiClient.fromKubeconfig(g.kubeconfig, { maxSockets: Math.max(...levels, 64) });
  let api: ApiRun;
  try {
    api = await runApi(g, client);
  } finally {
    client.close();
    await g.dispose();
  }
  const { rows, creates, json } = api;

  log('raw store creates (sqlite, in this process, server stopped)');
  const store = await measureStoreCreates(api.template, levels, { durationMs: phaseMs, keyPrefix: api.keyPrefix });
  for (const [c, s] of store) {
    rows.push({ phase: 'store create (sqlite)', load: `c=${c}`, summary: s });
    json[`create_per_s_c${c}`] = round(creates.get(c)?.perSecond ?? 0, 0);
    json[`create_p99_ms_c${c}`] = round(creates.get(c)?.p99Ms ?? 0);
    json[`store_create_per_s_c${c}`] = round(s.perSecond, 0);
  }
  const apiBest = best(creates.values());
  const storeBest = best(store.values());
  const p99AtRate = json[`create_p99_ms_at_${rate}rps`] as number;
  const result = {
    kind: api.kind,
    create_per_s: round(apiBest, 0),
    store_create_per_s: round(storeBest, 0),
    create_p99_ms_at_200rps: rate === 200 ? p99AtRate : null,
    api_to_store_ratio: round(storeBest > 0 ? apiBest / storeBest : 0, 3),
    ...json,
    targets: {
      'create_p99_ms_at_200rps<=20': rate === 200 ? p99AtRate <= 20 : null,
      'api_to_store_ratio>=0.5': storeBest > 0 && apiBest / storeBest >= 0.5,
    },
    seconds: round((performance.now() - started) / 1000, 1),
    node: process.version,
    cpus: cpus().length,
    /** 1-minute load average before and after: other work on the machine skews every figure. */
    load_before: round(loadBefore),
    load_after: round(loadavg()[0]),
  };

  const command = ['npm run bench:api', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
  process.stdout.write(`\nGantry API benchmark: ${result.kind} on SQLite, server in its own process, ${result.cpus} CPUs, Node ${result.node}\n`);
  process.stdout.write(`create_per_s and store_create_per_s are the best of concurrency ${levels.join('/')}; the ratio compares those.\n`);
  process.stdout.write('srv cpu / cli cpu: share of one core used by the server / this client process during the phase.\n');
  process.stdout.write(`load average ${result.load_before} before, ${result.load_after} after (above ${result.cpus}, other processes competed for the CPUs).\n\n`);
  process.stdout.write(`${renderTable(rows)}\n\n`);
  process.stdout.write(`reproduce: ${command}\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:api failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
