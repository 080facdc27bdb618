/**
 * Storage benchmark: sqlite (group commit, WAL, synchronous=FULL) against etcd 3.4 (its own
 * WAL fsync per batch), on the same machine and disk, at equal durability: every acknowledged
 * write is fsynced by both. Run with `npm run bench:storage`.
 *
 * The last line of output is one JSON object with the headline figures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Backend, openBackend } from '../../src/storage/index.js';
import { startEtcd } from '../../src/storage/testing/etcd-server.js';
import { compactionStall, type StallResult } from './compaction.js';
import { type LoadSamples, runLoadSamples, seed, summarize, type Throughput, updater } from './measure.js';
import { catchUpWatch, liveWatch, type WatchResult } from './watch.js';

const VALUE = JSON.stringify({ kind: 'ConfigMap', data: { payload: 'x'.repeat(900) } }); // ~1 KiB
const LIMITS = { sequential: { maxOps: 3_000, maxMs: 3_000 }, concurrent: { maxOps: 60_000, maxMs: 4_500 } };
const ROUNDS = 3;

interface Row {
  name: string;
  unit: string;
  sqlite: Throughput | WatchResult | StallResult;
  etcd: Throughput | WatchResult | StallResult;
}

function headline(r: Row['sqlite']): number {
  if ('opsPerSec' in r) return r.opsPerSec;
  if ('perWatcher' in r) return r.total;
  return r.maxStallMs;
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function detail(r: Row['sqlite']): string {
  if ('opsPerSec' in r) return `p50 ${fmt(r.p50Ms, 2)} ms, p99 ${fmt(r.p99Ms, 2)} ms`;
  if ('perWatcher' in r) return `${fmt(r.perWatcher)}/s per watcher`;
  const batch = r.maxBatchMs === null ? '' : `, longest batch ${fmt(r.maxBatchMs, 1)} ms`;
  return `${fmt(r.revisions)} revs in ${fmt(r.compactMs)} ms${batch}; without compaction ${fmt(r.baselineMaxMs, 1)} ms`;
}

function printTable(rows: Row[]): void {
  const lines = rows.map((r) => [
    r.name,
    `${fmt(headline(r.sqlite), r.unit === 'ms' ? 1 : 0)} ${r.unit}`,
    detail(r.sqlite),
    `${fmt(headline(r.etcd), r.unit === 'ms' ? 1 : 0)} ${r.unit}`,
    detail(r.etcd),
    `${fmt(headline(r.sqlite) / headline(r.etcd), 2)}x`,
  ]);
  const header = ['workload', 'sqlite', '', 'etcd', '', 'sqlite/etcd'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  for (const l of [header, ...lines]) console.log(l.map((c, i) => c.padEnd(widths[i]!)).join('  '));
}

type Kind = 'sqlite' | 'etcd';
const KINDS: readonly Kind[] = ['sqlite', 'etcd'];

/**
 * One write workload on both stores, in ROUNDS alternating rounds (sqlite, etcd, sqlite, ...),
 * so that both see the same machine conditions (shared disks vary a lot over seconds).
 */
async function interleaved(
  backends: Record<Kind, Backend>,
  inFlight: number,
  limits: { maxOps: number; maxMs: number },
  makeOp: (b: Backend, kind: Kind) => Promise<(i: number) => Promise<unknown>>,
): Promise<Record<Kind, Throughput>> {
  const ops = { sqlite: await makeOp(backends.sqlite, 'sqlite'), etcd: await makeOp(backends.etcd, 'etcd') };
  const runs: Record<Kind, LoadSamples[]> = { sqlite: [], etcd: [] };
  const round = { maxOps: Math.ceil(limits.maxOps / ROUNDS), maxMs: limits.maxMs / ROUNDS };
  for (let r = 0; r < ROUNDS; r++) {
    for (const kind of KINDS) {
      const start = runs[kind].reduce((n, run) => n + run.latencies.length, 0);
      runs[kind].push(await runLoadSamples(inFlight, ops[kind], { ...round, start }));
    }
  }
  return { sqlite: summarize(runs.sqlite), etcd: summarize(runs.etcd) };
}

async function writeRows(backends: Record<Kind, Backend>): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [label, inFlight, limits] of [
    ['1 in flight', 1, LIMITS.sequential],
    ['32 in flight', 32, LIMITS.concurrent],
  ] as const) {
    const create = await interleaved(backends, inFlight, limits, async (b, kind) => {
      const prefix = `/bench/create/${kind}/c${inFlight}/`;
      return (i) => b.create(`${prefix}${i}`, VALUE);
    });
    const update = await interleaved(backends, inFlight, limits, async (b, kind) =>
      updater(b, await seed(b, `/bench/update/${kind}/c${inFlight}/`, 256, VALUE), VALUE),
    );
    rows.push({ name: `create, ${label}`, unit: 'writes/s', ...create });
    rows.push({ name: `update (CAS), ${label}`, unit: 'writes/s', ...update });
    for (const kind of KINDS) {
      console.error(`  ${kind} ${label}: create ${fmt(create[kind].opsPerSec)}/s, update ${fmt(update[kind].opsPerSec)}/s`);
    }
  }
  return rows;
}

async function main(): Promise<void> {
  const started = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-bench-'));
  const etcdServer = await startEtcd();
  const sqlite = await openBackend(`sqlite://${path.join(dir, 'state.db')}`, { autoCompact: false });
  const etcd = await openBackend(`${etcdServer.url}?prefix=/gantry-bench`, { autoCompact: false });
  const backends = { sqlite, etcd };
  try {
    console.error(`storage benchmark: ${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? '?'}, node ${process.version}`);
    const rows = await writeRows(backends);

    const watchRows: Row[] = [];
    for (const [name, watchers] of [['watch, 1 watcher (live)', 1], ['watch, 100 watchers (live, total)', 100]] as const) {
      const row: Partial<Row> = { name, unit: 'events/s' };
      for (const kind of KINDS) {
        row[kind] = await liveWatch(backends[kind], `/bench/watch${watchers}/${kind}/`, {
          watchers,
          maxEvents: watchers === 1 ? 40_000 : 10_000,
          maxMs: 3_000,
          inFlight: 256,
          value: VALUE,
        });
      }
      watchRows.push(row as Row);
    }
    const catchUp: Partial<Row> = { name: 'watch, 1 watcher (catch-up from history)', unit: 'events/s' };
    for (const kind of KINDS) catchUp[kind] = await catchUpWatch(backends[kind], `/bench/watch1/${kind}/`, 0);
    watchRows.push(catchUp as Row);
    console.error('  watch done');

    const stall: Partial<Row> = { name: 'compaction: slowest write during it', unit: 'ms' };
    for (const kind of KINDS) {
      stall[kind] = await compactionStall(backends[kind], `/bench/compact/${kind}/`, {
        keys: 500,
        updates: 20_000,
        value: VALUE,
      });
    }
    console.error('  compaction done');

    const all = [...rows, ...watchRows, stall as Row];
    console.log('');
    printTable(all);
    const c32 = rows[3]!;
    const summary = {
      sqlite_writes_per_s: Math.round(headline(c32.sqlite)),
      etcd_writes_per_s: Math.round(headline(c32.etcd)),
      writes_measure: 'update (compare-and-swap), 32 in flight, ~1 KiB values, fsync per acknowledged write',
      sqlite_create_per_s_32: Math.round(headline(rows[2]!.sqlite)),
      etcd_create_per_s_32: Math.round(headline(rows[2]!.etcd)),
      sqlite_update_per_s_1: Math.round(headline(rows[1]!.sqlite)),
      etcd_update_per_s_1: Math.round(headline(rows[1]!.etcd)),
      compaction_max_stall_ms: Number(headline(stall.sqlite!).toFixed(1)),
      compaction_max_batch_ms: Number(((stall.sqlite as StallResult).maxBatchMs ?? 0).toFixed(1)),
      no_compaction_max_write_ms: Number((stall.sqlite as StallResult).baselineMaxMs.toFixed(1)),
      etcd_compaction_max_stall_ms: Number(headline(stall.etcd!).toFixed(1)),
      watch_events_per_s: Math.round((watchRows[0]!.sqlite as WatchResult).perWatcher),
      watch_100_events_per_s_total: Math.round((watchRows[1]!.sqlite as WatchResult).total),
      watch_catchup_events_per_s: Math.round((catchUp.sqlite as WatchResult).perWatcher),
      etcd_watch_events_per_s: Math.round((watchRows[0]!.etcd as WatchResult).perWatcher),
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    };
    console.log('');
    console.log(`sqlite/etcd write ratio (update, 32 in flight): ${fmt(summary.sqlite_writes_per_s / summary.etcd_writes_per_s, 2)}x`);
    console.log('durability: sqlite WAL synchronous=FULL (fsync per commit, group commit); etcd default WAL fsync');
    console.log('reproduce: npm run bench:storage   (node --import tsx bench/storage/main.ts)');
    console.log(JSON.stringify(summary));
  } finally {
    await sqlite.close();
    await etcd.close();
    await etcdServer.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
