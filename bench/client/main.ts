/**
 * `npm run bench:client`: object throughput and memory of informers over N small ConfigMaps
 * (default 100,000) in a `gantry server` process (SQLite, 127.0.0.1, fresh data directory):
 * Gantry's own informer (src/client; paged by 500 and unpaged) against @kubernetes/client-node's
 * makeInformer. Each run is a separate process (for clean heap/RSS figures). Prints a table, the
 * command that reproduces it, and as the last line one JSON object. `--datastore memory://` fills
 * faster; the informer figures do not depend on the store.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startGantry, type Gantry } from '../../test/support/gantry.js';
import { configMap, namespace as namespaceKind } from '../../src/api/core/v1/index.js';
import { RestClient } from '../../src/client/index.js';
import type { ChildResult } from './informer-child.js';

const IMPLS = ['gantry', 'gantry-unpaged', 'client-node'];

const { values: flags } = parseArgs({
  options: {
    objects: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '64' },
    datastore: { type: 'string', default: '' },
    repeats: { type: 'string', default: '2' },
    impls: { type: 'string', default: IMPLS.join(',') },
    help: { type: 'boolean', default: false },
  },
});

if (flags.help) {
  process.stdout.write(`Usage: npm run bench:client -- [--objects 100000] [--concurrency 64] [--repeats 2] [--impls ${IMPLS.join(',')}]\n`);
  process.exit(0);
}

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got "${text}"`);
  return n;
}

const objects = positive('objects', flags.objects!);
const concurrency = positive('concurrency', flags.concurrency!);
const repeats = positive('repeats', flags.repeats!);
const impls = flags.impls!.split(',').map((s) => s.trim()).filter(Boolean);
for (const i of impls) if (!IMPLS.includes(i)) throw new Error(`--impls: unknown ${JSON.stringify(i)} (${IMPLS.join(', ')})`);

const NS = 'bench-client';
const log = (line: string): void => void process.stderr.write(`[bench:client] ${line}\n`);
const CHILD = fileURLToPath(new URL('./informer-child.ts', import.meta.url));

async function fill(client: RestClient): Promise<number> {
  const cms = client.resource(configMap);
  let next = 0;
  const t0 = performance.now();
  const worker = async (): Promise<void> => {
    for (let i = next++; i < objects; i = next++) {
      await cms.create({ metadata: { name: `cm-${i}`, namespace: NS, labels: { bench: 'client' } }, data: { index: String(i) } } as never);
      if ((i + 1) % 10_000 === 0) log(`created ${i + 1}/${objects}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return objects / ((performance.now() - t0) / 1000);
}

function runChild(impl: string, kubeconfig: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', CHILD, impl, kubeconfig, NS, String(objects)],
      { maxBuffer: 1 << 20, timeout: 15 * 60_000 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`${impl}: ${err.message}\n${stderr}`));
        try {
          resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildResult);
        } catch {
          reject(new Error(`${impl}: no result line in ${JSON.stringify(stdout)}\n${stderr}`));
        }
      },
    );
  });
}

function table(rows: ChildResult[]): string {
  const head = ['implementation', 'objects', 'sync s', 'objects/s', 'cpu s', 'cache heap MB', 'RSS growth MB', 'peak RSS MB'];
  const body = rows.map((r) => [r.impl, String(r.objects), (r.syncMs / 1000).toFixed(2), String(Math.round(r.objects / (r.syncMs / 1000))), (r.cpuMs / 1000).toFixed(2), r.heapMb.toFixed(1), r.rssGrowthMb.toFixed(1), r.peakRssMb.toFixed(1)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  let g: Gantry | undefined;
  let client: RestClient | undefined;
  try {
    log(`starting gantry server (${flags.datastore || 'SQLite'}, separate process)`);
    g = await startGantry({ readyTimeoutMs: 60_000, datastore: flags.datastore || undefined });
    client = RestClient.fromKubeconfig(g.kubeconfig, { userAgent: 'bench-client' });
    await client.resource(namespaceKind).create({ metadata: { name: NS } });
    log(`creating ${objects} ConfigMaps at concurrency ${concurrency}`);
    const createRate = await fill(client);
    log(`created at ${Math.round(createRate)}/s`);
    const best = new Map<string, ChildResult>();
    for (let r = 0; r < repeats; r++) {
      for (const impl of impls) {
        log(`run ${r + 1}/${repeats}: ${impl}`);
        const res = await runChild(impl, g.kubeconfig);
        log(`  ${JSON.stringify(res)}`);
        const prev = best.get(impl);
        if (!prev || res.syncMs < prev.syncMs) best.set(impl, res);
      }
    }
    const rows = impls.map((i) => best.get(i)!);
    const store = flags.datastore || 'SQLite';
    process.stdout.write(`\nInformer list+watch sync over ${objects} ConfigMaps (best of ${repeats}; server: gantry on ${store} in another process)\n`);
    process.stdout.write(`${table(rows)}\n\n`);
    const ds = flags.datastore ? ` --datastore ${flags.datastore}` : '';
    process.stdout.write(`command: npm run bench:client -- --objects ${objects} --concurrency ${concurrency} --repeats ${repeats} --impls ${impls.join(',')}${ds}\n`);
    const json: Record<string, unknown> = { objects, create_per_s: Math.round(createRate) };
    for (const r of rows) {
      const k = r.impl.replace(/-/g, '_');
      json[`${k}_sync_s`] = r.syncMs / 1000;
      json[`${k}_objects_per_s`] = Math.round(r.objects / (r.syncMs / 1000));
      json[`${k}_heap_mb`] = r.heapMb;
      json[`${k}_rss_growth_mb`] = r.rssGrowthMb;
      json[`${k}_peak_rss_mb`] = r.peakRssMb;
    }
    process.stdout.write(`${JSON.stringify(json)}\n`);
  } finally {
    client?.close();
    await g?.dispose();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:client failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
