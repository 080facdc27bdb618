/**
 * Idle simulated nodes: what N nodes cost the process that runs them. For each N it starts a
 * fresh `gantry server` process (memory store, 127.0.0.1), starts N simulated nodes in this
 * process, waits until they are registered, then measures this process's CPU
 * (process.cpuUsage) and RSS (process.memoryUsage) over a window of idle heartbeating, plus the
 * server's CPU for context. Prints a table, the command that reproduces it, and as the last line
 * one JSON object.
 *
 *   node --import tsx bench/agent/main.ts [--nodes 1000,5000] [--seconds 30] [--heartbeat 10]
 */
import { parseArgs } from 'node:util';
import { startSimulatedNodes } from '../../src/agent/index.js';
import { loadKubeconfig } from '../../src/client/index.js';
import { startGantry } from '../../test/support/gantry.js';
import { cpuSeconds } from '../api/cpu.js';

const { values: flags } = parseArgs({
  options: {
    nodes: { type: 'string', default: '1000,5000' },
    seconds: { type: 'string', default: '30' },
    heartbeat: { type: 'string', default: '10' },
    help: { type: 'boolean', default: false },
  },
});

if (flags.help) {
  process.stdout.write('Usage: node --import tsx bench/agent/main.ts [--nodes 1000,5000] [--seconds 30] [--heartbeat 10]\n');
  process.exit(0);
}

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got "${text}"`);
  return n;
}

const counts = flags.nodes!.split(',').map((c) => Math.floor(positive('nodes', c.trim())));
const seconds = positive('seconds', flags.seconds!);
const heartbeat = positive('heartbeat', flags.heartbeat!);

interface Result {
  nodes: number;
  register_s: number;
  cpu_pct: number;
  cpu_ms_per_node_min: number;
  rss_mb: number;
  rss_delta_mb: number;
  heap_mb: number;
  renewals_per_s: number;
  server_cpu_pct: number | undefined;
}

const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;
const mb = (b: number): number => round(b / 1024 / 1024);

async function measure(count: number): Promise<Result> {
  const gantry = await startGantry({ datastore: 'memory://' });
  const gc = (globalThis as { gc?: () => void }).gc;
  try {
    gc?.();
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    const sim = startSimulatedNodes(loadKubeconfig(gantry.kubeconfig), { count, heartbeatSeconds: heartbeat, log: (l) => process.stderr.write(`${l}\n`) });
    await sim.ready;
    const registerS = (performance.now() - t0) / 1000;
    // Let the registration burst and the first status reports settle before measuring.
    await new Promise((r) => setTimeout(r, Math.min(heartbeat, 5) * 1000));
    gc?.();
    const cpu0 = process.cpuUsage();
    const server0 = cpuSeconds(gantry.pid);
    const renew0 = sim.stats().leaseRenewals;
    const w0 = performance.now();
    let rssMax = 0;
    for (let i = 0; i < seconds; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      rssMax = Math.max(rssMax, process.memoryUsage().rss);
    }
    const elapsed = (performance.now() - w0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const server1 = cpuSeconds(gantry.pid);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const renewals = sim.stats().leaseRenewals - renew0;
    const heap = process.memoryUsage().heapUsed;
    await sim.stop();
    return {
      nodes: count,
      register_s: round(registerS),
      cpu_pct: round((cpuMs / (elapsed * 1000)) * 100),
      cpu_ms_per_node_min: round((cpuMs / count) * (60 / elapsed), 2),
      rss_mb: mb(rssMax),
      rss_delta_mb: mb(rssMax - rssBefore),
      heap_mb: mb(heap),
      renewals_per_s: round(renewals / elapsed),
      server_cpu_pct: server0 === undefined || server1 === undefined ? undefined : round(((server1 - server0) / elapsed) * 100),
    };
  } finally {
    await gantry.dispose();
  }
}

const results: Result[] = [];
for (const n of counts) {
  process.stderr.write(`simulated nodes: ${n} nodes, ${seconds} s window...\n`);
  results.push(await measure(n));
}

const header = ['nodes', 'register s', 'agent CPU % of a core', 'CPU ms/node/min', 'RSS MB (Δ)', 'heap MB', 'lease renewals/s', 'server CPU %'];
const rows = results.map((r) => [r.nodes, r.register_s, r.cpu_pct, r.cpu_ms_per_node_min, `${r.rss_mb} (+${r.rss_delta_mb})`, r.heap_mb, r.renewals_per_s, r.server_cpu_pct ?? 'n/a'].map(String));
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
process.stdout.write(`\nIdle simulated nodes (heartbeat ${heartbeat} s, ${seconds} s window, Node ${process.version})\n`);
process.stdout.write(`${line(header)}\n${rows.map(line).join('\n')}\n`);
process.stdout.write(`\nReproduce: node --import tsx bench/agent/main.ts --nodes ${counts.join(',')} --seconds ${seconds} --heartbeat ${heartbeat}\n`);
process.stdout.write(`${JSON.stringify({ heartbeat_s: heartbeat, window_s: seconds, results })}\n`);
process.exit(0);
