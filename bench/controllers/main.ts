/**
 * Controller manager at scale: a Deployment of 10,000 replicas on 1,000 simulated nodes. A
 * `gantry server` process (memory store, 127.0.0.1) runs the API server, the scheduler and the
 * simulated nodes; this process runs the controller manager (every controller, as
 * kube-controller-manager would). It measures the time for the Deployment to become fully
 * available, then for a full rolling update (25% surge/unavailable) to complete, and this
 * process's peak RSS. Prints progress, a summary, the command that reproduces it, and as the
 * last line one JSON object: deploy_available_s, rolling_update_s, peak_rss_mb (+ context).
 *
 *   npm run bench:controllers -- [--replicas 10000] [--nodes 1000] [--timeout 1800]
 *                                [--nodes-in agent|server] [--controllers '*,-node-lifecycle-controller']
 *                                [--server-arg=--flag ...] [--kubeconfig FILE]
 *
 * The simulated nodes run in a `gantry agent` process of their own by default (as remote nodes
 * would), or inside the server process with --nodes-in server.
 * --kubeconfig uses a running server (its own scheduler and nodes) instead of starting one;
 * --server-arg passes extra flags to the started server (e.g. to turn its own controllers off).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { deployment as deploymentKind, type Deployment } from '../../src/api/apps/v1/index.js';
import { namespace as namespaceKind, node as nodeKind } from '../../src/api/core/v1/index.js';
import { RestClient } from '../../src/client/index.js';
import { startControllerManager } from '../../src/controllers/index.js';
import { REPO_ROOT, startGantry, stopChild, type Gantry } from '../../test/support/index.js';
import { cpuMsOfPid, ownCpuMs, ownPeakRssMb, peakRssOfPid } from '../scheduler/cluster.js';
import { rolloutDone } from './progress.js';

const { values: flags } = parseArgs({
  options: {
    replicas: { type: 'string', default: '10000' },
    nodes: { type: 'string', default: '1000' },
    timeout: { type: 'string', default: '1800' },
    'nodes-in': { type: 'string', default: 'agent' },
    // Node lifecycle is off by default: on a loaded machine the server answers lease renewals
    // late, nodes flap NotReady and their pods lose Ready, which measures the host, not rollouts.
    controllers: { type: 'string', default: '*,-node-lifecycle-controller' },
    'server-arg': { type: 'string', multiple: true, default: [] },
    kubeconfig: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

const USAGE = 'Usage: npm run bench:controllers -- [--replicas 10000] [--nodes 1000] [--timeout 1800] [--nodes-in agent|server] [--controllers LIST] [--server-arg=--flag ...] [--kubeconfig FILE]\n';
if (flags.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

function positiveInt(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) {
    process.stderr.write(`--${name} must be a positive integer, got "${text}"\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

const replicas = positiveInt('replicas', flags.replicas!);
const nodes = positiveInt('nodes', flags.nodes!);
const timeoutMs = positiveInt('timeout', flags.timeout!) * 1000;
const nodesIn = flags['nodes-in'];
if (nodesIn !== 'agent' && nodesIn !== 'server') {
  process.stderr.write(`--nodes-in must be agent or server, got "${nodesIn}"\n${USAGE}`);
  process.exit(2);
}

/** `gantry agent --simulated-nodes N` from source, in its own process. */
function startAgent(kubeconfig: string, count: number): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/support/run-gantry.ts'), 'agent', '--kubeconfig', kubeconfig, '--simulated-nodes', String(count)], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}
const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;
const say = (l: string): void => void process.stderr.write(`${l}\n`);

async function waitUntil(what: string, check: () => Promise<string | true>): Promise<number> {
  const t0 = performance.now();
  let last = '';
  let lastPrint = 0;
  for (;;) {
    const r = await check();
    const elapsed = performance.now() - t0;
    if (r === true) return elapsed / 1000;
    if (elapsed > timeoutMs) throw new Error(`${what}: not done after ${timeoutMs / 1000}s (${r})`);
    if (r !== last || elapsed - lastPrint > 10_000) {
      if (elapsed - lastPrint > 2000) {
        say(`  ${what} ${round(elapsed / 1000)}s: ${r}`);
        lastPrint = elapsed;
      }
      last = r;
    }
    await new Promise((res) => setTimeout(res, 250));
  }
}

async function main(): Promise<void> {
  let gantry: Gantry | undefined;
  let agent: ChildProcess | undefined;
  let kubeconfig = flags.kubeconfig;
  if (!kubeconfig) {
    say(`starting gantry server${nodesIn === 'server' ? ` with ${nodes} simulated nodes` : ''}...`);
    const nodeArgs = nodesIn === 'server' ? ['--simulated-nodes', String(nodes)] : [];
    gantry = await startGantry({ datastore: 'memory://', args: [...nodeArgs, ...(flags['server-arg'] ?? [])], readyTimeoutMs: 300_000 });
    kubeconfig = gantry.kubeconfig;
    if (nodesIn === 'agent') {
      say(`starting gantry agent with ${nodes} simulated nodes...`);
      agent = startAgent(kubeconfig, nodes);
    }
  }
  const client = RestClient.fromKubeconfig(kubeconfig, { userAgent: 'bench-controllers' });
  let serverPeak = 0;
  const sampler = setInterval(() => gantry && (serverPeak = Math.max(serverPeak, peakRssOfPid(gantry.pid) || 0)), 1000);
  sampler.unref();
  const controllers = flags.controllers!.split(',').map((x) => x.trim()).filter(Boolean);
  const cm = startControllerManager(RestClient.fromKubeconfig(kubeconfig, { userAgent: 'kube-controller-manager' }), { controllers, log: say });
  say(`controllers: ${cm.controllers.join(', ')}`);
  try {
    const ready = await waitUntil('nodes', async () => {
      const n = (await client.resource(nodeKind).list(undefined)).items.length;
      return n >= nodes ? true : `${n}/${nodes} nodes`;
    });
    say(`${nodes} nodes registered after ${round(ready)}s`);
    if (!(await cm.ready)) throw new Error('the controller manager did not start');
    const ns = `bench-${Date.now().toString(36)}`;
    await client.resource(namespaceKind).create({ metadata: { name: ns } });
    const deployments = client.resource<Deployment>(deploymentKind);
    const cpu0 = ownCpuMs();
    const server0 = gantry ? cpuMsOfPid(gantry.pid) : NaN;
    await deployments.create({
      metadata: { name: 'big', namespace: ns },
      spec: {
        replicas,
        selector: { matchLabels: { app: 'big' } },
        template: { metadata: { labels: { app: 'big' } }, spec: { containers: [{ name: 'app', image: 'registry.local/app:1', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } },
      },
    });
    const deployS = await waitUntil('deploy', async () => rolloutDone(await deployments.get(ns, 'big'), replicas));
    say(`deployment of ${replicas} available after ${round(deployS)}s`);
    await deployments.patch(ns, 'big', { type: 'strategic', body: { spec: { template: { spec: { containers: [{ name: 'app', image: 'registry.local/app:2' }] } } } } });
    const rollS = await waitUntil('rolling update', async () => rolloutDone(await deployments.get(ns, 'big'), replicas));
    say(`rolling update of ${replicas} complete after ${round(rollS)}s`);
    const result = {
      replicas,
      nodes,
      nodes_in: nodesIn,
      deploy_available_s: round(deployS),
      rolling_update_s: round(rollS),
      peak_rss_mb: round(ownPeakRssMb()),
      controller_cpu_s: round((ownCpuMs() - cpu0) / 1000),
      server_cpu_s: gantry ? round((cpuMsOfPid(gantry.pid) - server0) / 1000) : null,
      server_peak_rss_mb: gantry ? round(Math.max(serverPeak, peakRssOfPid(gantry.pid) || 0)) : null,
    };
    process.stdout.write(`\ncontroller manager: ${replicas} replicas on ${nodes} simulated nodes\n`);
    process.stdout.write(`  deploy to fully available   ${result.deploy_available_s} s\n`);
    process.stdout.write(`  full rolling update          ${result.rolling_update_s} s\n`);
    process.stdout.write(`  controller process peak RSS  ${result.peak_rss_mb} MB (cpu ${result.controller_cpu_s} s)\n`);
    if (gantry) process.stdout.write(`  server process (API, scheduler${nodesIn === 'server' ? ', nodes' : ''}) peak RSS ${result.server_peak_rss_mb} MB, cpu ${result.server_cpu_s} s\n`);
    process.stdout.write(`reproduce: npm run bench:controllers -- --replicas ${replicas} --nodes ${nodes} --nodes-in ${nodesIn} --controllers '${flags.controllers}'\n`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    clearInterval(sampler);
    await cm.stop();
    client.close();
    if (agent) await stopChild(agent, { graceMs: 10_000 });
    await gantry?.dispose();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:controllers failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
