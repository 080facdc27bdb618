/**
 * `npm run bench:api`: the API server's throughput and latency against a `gantry server` process
 * on SQLite (started from source on 127.0.0.1 with a fresh data directory), and the raw store's
 * create throughput in the same run. Prints a table, the command that reproduces it, and as the
 * last line one JSON object.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { startGantry, type Gantry } from '../../test/support/gantry.js';
import { ApiClient } from '../../test/reliability/lib/api-client.js';
import { ensureNamespace } from '../../test/reliability/lib/objects.js';
import { fill, measureCreateRate, measureCreates, measureGets, measureLists, type ApiBench } from './api-phases.js';
import { measureBigList } from './big-list.js';
import { pickKind } from './kinds.js';
import type { Summary } from './load.js';
import { best, renderTable, round, type Row } from './report.js';
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

async function main(): Promise<void> {
  const started = performance.now();
  const rows: Row[] = [];
  const creates = new Map<number, Summary>();
  const json: Record<string, unknown> = {};
  let g: Gantry | undefined;
  let client: ApiClient | undefined;
  let template = '';
  let kindPrefix = '';
  let kindName = '';
  try {
    log('starting gantry server (SQLite, separate process)');
    g = await startGantry();
    client = ApiClient.fromKubeconfig(g.kubeconfig, { maxSockets: Math.max(...levels, 64) });
    const kind = await pickKind(client);
    kindName = kind.plural;
    kindPrefix = kind.storePrefix('bench');
    for (const ns of ['bench', 'bench-warm', 'bench-list', 'bench-watch', 'bench-big']) await ensureNamespace(client, ns);
    const b: ApiBench = { client, kind, namespace: 'bench', created: [] };
    log(`kind: ${kind.plural}; warming up`);
    await fill(b, { namespace: 'bench-warm', count: 300, prefix: 'warm' });

    for (const c of levels) {
      log(`create at concurrency ${c}`);
      const s = await measureCreates(b, c, { durationMs: phaseMs });
      creates.set(c, s);
      rows.push({ phase: `create ${kind.plural}`, load: `c=${c}`, summary: s });
    }
    const sample = await client.json<{ metadata: Record<string, unknown> }>('GET', `${kind.path('bench')}/${b.created[0]}`, { expect: [200] });
    template = storedTemplate(sample);
    for (const c of levels) {
      log(`get at concurrency ${c}`);
      rows.push({ phase: `get ${kind.plural}`, load: `c=${c}`, summary: await measureGets(b, c, { durationMs: phaseMs }) });
    }
    await fill(b, { namespace: 'bench-list', count: smallList, prefix: 'small' });
    for (const c of levels) {
      log(`list at concurrency ${c}`);
      const s = await measureLists(b, c, { durationMs: phaseMs, namespace: 'bench-list', expectItems: smallList });
      rows.push({ phase: `list ${smallList} ${kind.plural}`, load: `c=${c}`, summary: s });
    }
    for (const w of levels) {
      log(`watch with ${w} watchers`);
      const s = await measureWatch(b, w, { namespace: 'bench-watch', writesPerSecond: watchWrites, durationMs: phaseMs });
      rows.push({ phase: 'watch events', load: `watchers=${w}`, summary: s, note: `${s.received}/${s.expected} events; writes ${watchWrites}/s; latency = create sent → event received` });
      json[`watch_events_per_s_w${w}`] = round(s.perSecond, 0);
      json[`watch_p99_ms_w${w}`] = round(s.p99Ms);
    }
    log(`creates at a fixed ${rate}/s for ${rateMs} ms`);
    const open = await measureCreateRate(b, rate, { durationMs: rateMs });
    rows.push({ phase: `create ${kind.plural} (open loop)`, load: `${rate}/s`, summary: open, note: 'latency from the scheduled send time' });
    json[`create_p99_ms_at_${rate}rps`] = round(open.p99Ms);
    json[`create_p50_ms_at_${rate}rps`] = round(open.p50Ms);
    json.create_errors_at_rate = open.errors;

    log(`filling ${listObjects} ${kind.plural} for the big LIST`);
    const fillStart = performance.now();
    await fill(b, { namespace: 'bench-big', count: listObjects, prefix: 'big', concurrency: 64 });
    log(`filled in ${((performance.now() - fillStart) / 1000).toFixed(1)} s; listing`);
    const big = await measureBigList(b, { namespace: 'bench-big', objects: listObjects, repeats: 5 });
    rows.push({ phase: `LIST ${listObjects} ${kind.plural}`, load: 'c=1', summary: big.whole, note: `${(big.bytes / 1048576).toFixed(1)} MiB per response` });
    rows.push({ phase: `LIST ${listObjects} ${kind.plural} paged`, load: 'c=1', summary: big.paged, note: `limit=${big.pageSize}; latency = whole walk` });
    Object.assign(json, {
      [`list_${listObjects}_p50_ms`]: round(big.whole.p50Ms),
      [`list_${listObjects}_p99_ms`]: round(big.whole.p99Ms),
      [`list_${listObjects}_bytes`]: big.bytes,
      [`list_${listObjects}_paged_p50_ms`]: round(big.paged.p50Ms),
    });
  } finally {
    client?.close();
    await g?.dispose();
  }

  log('raw store creates (sqlite, in this process, server stopped)');
  const store = await measureStoreCreates(template, levels, { durationMs: phaseMs, keyPrefix: kindPrefix });
  for (const [c, s] of store) {
    rows.push({ phase: 'store create (sqlite)', load: `c=${c}`, summary: s });
    const api = creates.get(c);
    json[`create_per_s_c${c}`] = round(api?.perSecond ?? 0, 0);
    json[`create_p99_ms_c${c}`] = round(api?.p99Ms ?? 0);
    json[`store_create_per_s_c${c}`] = round(s.perSecond, 0);
  }
  const apiBest = best(creates.values());
  const storeBest = best(store.values());
  const p99AtRate = json[`create_p99_ms_at_${rate}rps`] as number;
  const result = {
    kind: kindName,
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
  };

  const command = ['npm run bench:api', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
  process.stdout.write(`\nGantry API benchmark: ${result.kind} on SQLite, server in its own process, ${result.cpus} CPUs, Node ${result.node}\n`);
  process.stdout.write(`create_per_s and store_create_per_s are the best of concurrency ${levels.join('/')}; the ratio compares those.\n\n`);
  process.stdout.write(`${renderTable(rows)}\n\n`);
  process.stdout.write(`reproduce: ${command}\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:api failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
