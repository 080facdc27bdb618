/**
 * The API server a shape runs against: a `gantry server` process (default; the scheduler then
 * runs in this process, as a separate kube-scheduler would) or one started inside this process.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RestClient } from '../../src/client/index.js';
import { startServer } from '../../src/server/run-server.js';
import { startGantry } from '../../test/support/index.js';

export interface BenchServer {
  kubeconfig: string;
  /** CPU time the server has used so far, ms (NaN when unknown). */
  cpuMs(): number;
  /** Peak resident memory of the server so far, MB. */
  peakRssMb(): number;
  newClient(agent: string): RestClient;
  dispose(): Promise<void>;
}

/** VmHWM of a process (Linux), MB. */
export function peakRssOfPid(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** utime + stime of a process (Linux), ms. */
export function cpuMsOfPid(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    // After "pid (comm) ", state is field 3; utime and stime are fields 14 and 15.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

export function ownCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export function ownPeakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export async function startBenchServer(opts: {
  datastore: string;
  inProcess: boolean;
  /** Let the server run its own scheduler (else it is started with it disabled). */
  withScheduler: boolean;
  kubeconfig?: string;
  serverPid?: number;
}): Promise<BenchServer> {
  const clients: RestClient[] = [];
  const newClient = (kubeconfig: string, agent: string): RestClient => {
    const c = RestClient.fromKubeconfig(kubeconfig, { userAgent: agent });
    clients.push(c);
    return c;
  };
  const closeClients = () => {
    for (const c of clients) c.close();
  };
  if (opts.kubeconfig) {
    // An existing server (e.g. one started under --cpu-prof): used as is, never stopped.
    const kubeconfig = opts.kubeconfig;
    return {
      kubeconfig,
      peakRssMb: () => (opts.serverPid ? peakRssOfPid(opts.serverPid) : NaN),
      cpuMs: () => (opts.serverPid ? cpuMsOfPid(opts.serverPid) : NaN),
      newClient: (agent) => newClient(kubeconfig, agent),
      async dispose() {
        closeClients();
      },
    };
  }
  if (opts.inProcess) {
    const dir = mkdtempSync(join(tmpdir(), 'gantry-bench-sched-'));
    const s = await startServer({
      dataDir: dir,
      port: 0,
      bind: '127.0.0.1',
      datastore: opts.datastore === 'sqlite' ? undefined : opts.datastore,
      log: () => {},
      scheduler: opts.withScheduler,
    });
    return {
      kubeconfig: s.kubeconfig,
      peakRssMb: ownPeakRssMb,
      cpuMs: () => NaN,
      newClient: (agent) => newClient(s.kubeconfig, agent),
      async dispose() {
        closeClients();
        await s.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const g = await startGantry({ datastore: opts.datastore === 'sqlite' ? undefined : opts.datastore, readyTimeoutMs: 60_000, args: opts.withScheduler ? [] : ['--disable-scheduler'] });
  let peak = 0;
  const sample = () => (peak = Math.max(peak, peakRssOfPid(g.pid) || 0));
  const timer = setInterval(sample, 500);
  timer.unref();
  return {
    kubeconfig: g.kubeconfig,
    peakRssMb: () => sample(),
    cpuMs: () => cpuMsOfPid(g.pid),
    newClient: (agent) => newClient(g.kubeconfig, agent),
    async dispose() {
      clearInterval(timer);
      sample();
      closeClients();
      await g.dispose();
    },
  };
}
