/**
 * Starts a real single-member etcd (Debian's /usr/bin/etcd) for tests and benchmarks:
 * 127.0.0.1 only, random free ports, a temp data dir, short heartbeat/election settings.
 * `stop()` ends exactly the process it started (by PID) and removes the data dir.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface StartEtcdOptions {
  /** The etcd binary (default /usr/bin/etcd, or $GANTRY_ETCD_BIN). */
  binary?: string;
  /** Largest request etcd accepts (default 4 MiB, above MAX_VALUE_BYTES plus overhead). */
  maxRequestBytes?: number;
  /** Give up waiting for health after this long (default 15 s). */
  startTimeoutMs?: number;
  /** Extra command-line flags. */
  extraArgs?: string[];
}

export interface EtcdServer {
  /** `etcd://127.0.0.1:<port>`, for openBackend. */
  url: string;
  /** `http://127.0.0.1:<port>`, for an etcd3 client. */
  endpoints: string[];
  pid: number;
  dataDir: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function healthy(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(1000) });
    const body = (await res.json()) as { health?: unknown };
    return res.ok && String(body.health) === 'true';
  } catch {
    return false;
  }
}

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function stopChild(child: ChildProcess, dataDir: string): Promise<void> {
  const pid = child.pid;
  if (pid !== undefined && child.exitCode === null && child.signalCode === null) {
    process.kill(pid, 'SIGTERM');
    if (!(await waitExit(child, 5000))) {
      process.kill(pid, 'SIGKILL');
      await waitExit(child, 5000);
    }
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}

async function startOnce(opts: StartEtcdOptions): Promise<EtcdServer> {
  const [clientPort, peerPort] = [await freePort(), await freePort()];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-etcd-'));
  const client = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const args = [
    '--name', 'gantry-test',
    '--data-dir', dataDir,
    '--listen-client-urls', client,
    '--advertise-client-urls', client,
    '--listen-peer-urls', peer,
    '--initial-advertise-peer-urls', peer,
    '--initial-cluster', `gantry-test=${peer}`,
    '--initial-cluster-state', 'new',
    '--heartbeat-interval', '10',
    '--election-timeout', '100',
    '--max-request-bytes', String(opts.maxRequestBytes ?? 4 * 1024 * 1024),
    '--logger', 'zap',
    '--log-level', 'error',
    ...(opts.extraArgs ?? []),
  ];
  const binary = opts.binary ?? process.env.GANTRY_ETCD_BIN ?? '/usr/bin/etcd';
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const killOnExit = (): void => {
    if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
  };
  process.once('exit', killOnExit);

  const deadline = Date.now() + (opts.startTimeoutMs ?? 15_000);
  while (Date.now() < deadline) {
    const failed = await Promise.race([spawnError, sleep(50).then(() => null)]);
    if (failed) throw new Error(`cannot start ${binary}: ${failed.message}`);
    if (child.exitCode !== null) break;
    if (await healthy(client)) {
      return {
        url: `etcd://127.0.0.1:${clientPort}`,
        endpoints: [client],
        pid: child.pid!,
        dataDir,
        stop: async () => {
          process.removeListener('exit', killOnExit);
          await stopChild(child, dataDir);
        },
      };
    }
  }
  process.removeListener('exit', killOnExit);
  await stopChild(child, dataDir);
  throw new Error(`etcd did not become healthy on ${client} (exit code ${child.exitCode}): ${stderr.trim()}`);
}

/** Starts etcd; retries with new ports if a port was taken in between. */
export async function startEtcd(opts: StartEtcdOptions = {}): Promise<EtcdServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(opts);
    } catch (error) {
      lastError = error;
      if (!/address already in use/.test(String(error))) break;
    }
  }
  throw lastError;
}
