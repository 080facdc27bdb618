/**
 * The end-to-end harness: starts `gantry server` from source on a free port of
 * 127.0.0.1 with its own data directory, waits until it is ready, and stops it by PID.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readKubeconfig, httpsRequest } from './https.js';
import { kubectl, type KubectlOptions, type KubectlResult } from './kubectl.js';
import { exitOf, stopChild, track, type ExitInfo } from './process.js';
import { freePort, tempDir, type TempDir } from './temp.js';
import { waitFor } from './wait.js';

/** The repository root (this file is test/support/gantry.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface StartGantryOptions {
  /** Extra arguments after `server --data-dir D --port P --bind 127.0.0.1`. */
  args?: string[];
  /** The data directory (default: a fresh temp dir, removed by dispose()). */
  dataDir?: string;
  /** Passed as `--datastore URL`. */
  datastore?: string;
  /** Extra environment variables for the server. */
  env?: NodeJS.ProcessEnv;
  /** The port (default: a free one). */
  port?: number;
  /** The script to run with tsx (default src/cli/run.ts if present, else test/support/run-gantry.ts). */
  entry?: string;
  /** How long to wait for readiness (default 45 s, under vitest's 60 s hook timeout). */
  readyTimeoutMs?: number;
  /** How long stop() waits after SIGTERM before SIGKILL (default 5 s). */
  stopGraceMs?: number;
  /** Copy the server's output to this process's stderr (also with GANTRY_TEST_VERBOSE=1). */
  verbose?: boolean;
}

export interface Gantry {
  /** The current server process (changes on restart()). */
  readonly pid: number;
  readonly port: number;
  readonly dataDir: string;
  /** DATA_DIR/kubeconfig.yaml, written by the server. */
  readonly kubeconfig: string;
  /** https://127.0.0.1:PORT */
  readonly url: string;
  /** The KUBECACHEDIR this instance's kubectl() uses. */
  readonly cacheDir: string;
  /** The server's output so far (stdout and stderr interleaved), last lines only. */
  logs(): string;
  /** Sends `signal` (default SIGTERM), then SIGKILL after the grace period. */
  stop(signal?: NodeJS.Signals): Promise<ExitInfo>;
  /** SIGKILL, and wait for the exit. */
  kill9(): Promise<ExitInfo>;
  /** Stops the server if it runs, then starts it again on the same port and data directory. */
  restart(opts?: { env?: NodeJS.ProcessEnv }): Promise<void>;
  /** Resolves when the current server process exits. */
  waitExit(): Promise<ExitInfo>;
  /** kubectl against this server. */
  kubectl(args: readonly string[], opts?: Partial<KubectlOptions>): Promise<KubectlResult>;
  /** stop(), then remove the temp directories the harness created. */
  dispose(): Promise<void>;
}

const MAX_LOG_LINES = 5000;
const READY_LINE = /\bready\b/i;

class GantryProcess implements Gantry {
  readonly kubeconfig: string;
  readonly url: string;
  readonly cacheDir: string;
  private child: ChildProcess | undefined;
  private lines: string[] = [];
  private readySeen = false;

  constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly work: TempDir,
    private readonly opts: StartGantryOptions,
  ) {
    this.kubeconfig = join(dataDir, 'kubeconfig.yaml');
    this.url = `https://127.0.0.1:${port}`;
    this.cacheDir = join(work.path, 'kubecache');
  }

  get pid(): number {
    return this.child?.pid ?? -1;
  }

  logs(): string {
    return this.lines.join('\n');
  }

  async start(env?: NodeJS.ProcessEnv): Promise<void> {
    const entry = this.opts.entry ?? defaultEntry();
    const args = ['--import', 'tsx', entry, 'server', '--data-dir', this.dataDir, '--port', String(this.port), '--bind', '127.0.0.1'];
    if (this.opts.datastore) args.push('--datastore', this.opts.datastore);
    args.push(...(this.opts.args ?? []));
    this.readySeen = false;
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, ...this.opts.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    track(child);
    this.capture(child);
    await this.waitReady(child);
  }

  private capture(child: ChildProcess): void {
    const verbose = this.opts.verbose || process.env.GANTRY_TEST_VERBOSE === '1';
    for (const stream of [child.stdout!, child.stderr!]) {
      let partial = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const parts = (partial + chunk).split('\n');
        partial = parts.pop()!;
        for (const line of parts) this.addLine(line, stream === child.stdout, verbose);
      });
      stream.on('end', () => partial && this.addLine(partial, stream === child.stdout, verbose));
    }
  }

  private addLine(line: string, fromStdout: boolean, verbose: boolean): void {
    if (fromStdout && READY_LINE.test(line)) this.readySeen = true;
    this.lines.push(line);
    if (this.lines.length > MAX_LOG_LINES) this.lines.splice(0, this.lines.length - MAX_LOG_LINES);
    if (verbose) process.stderr.write(`[gantry ${this.child?.pid}] ${line}\n`);
  }

  /** Ready means /readyz answers 200 (or 404 once the server has printed its ready line: no /readyz yet). */
  private async waitReady(child: ChildProcess): Promise<void> {
    const gone = new AbortController();
    void exitOf(child).then((exit) =>
      gone.abort(new Error(`gantry exited (${describeExit(exit)}) before it was ready; output:\n${this.tail()}`)),
    );
    const timeoutMs = this.opts.readyTimeoutMs ?? 45_000;
    try {
      await waitFor(
        async () => {
          if (!existsSync(this.kubeconfig)) throw new Error(`${this.kubeconfig} does not exist yet`);
          const creds = { ...readKubeconfig(this.kubeconfig), server: this.url };
          const res = await httpsRequest(creds, '/readyz', { timeoutMs: 2000 });
          if (res.status === 200 || (res.status === 404 && this.readySeen)) return true;
          throw new Error(`/readyz answered ${res.status}: ${res.body.slice(0, 200)}`);
        },
        { timeoutMs, intervalMs: 100, description: `gantry on port ${this.port} to be ready`, signal: gone.signal },
      );
    } catch (err) {
      const exitedEarly = gone.signal.aborted; // that error already carries the output
      if (child.exitCode === null && child.signalCode === null) await stopChild(child, { signal: 'SIGKILL' });
      const message = err instanceof Error ? err.message : String(err);
      throw new Error(exitedEarly ? message : `${message}; output:\n${this.tail()}`);
    }
  }

  private tail(): string {
    return this.lines.slice(-40).join('\n');
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<ExitInfo> {
    if (!this.child) return { code: null, signal: null };
    return stopChild(this.child, { signal, graceMs: this.opts.stopGraceMs ?? 5000 });
  }

  kill9(): Promise<ExitInfo> {
    return this.stop('SIGKILL');
  }

  async restart(opts: { env?: NodeJS.ProcessEnv } = {}): Promise<void> {
    await this.stop();
    await this.start(opts.env);
  }

  waitExit(): Promise<ExitInfo> {
    if (!this.child) return Promise.resolve({ code: null, signal: null });
    return exitOf(this.child);
  }

  kubectl(args: readonly string[], opts: Partial<KubectlOptions> = {}): Promise<KubectlResult> {
    return kubectl(args, { kubeconfig: this.kubeconfig, cacheDir: this.cacheDir, ...opts });
  }

  async dispose(): Promise<void> {
    await this.stop();
    this.work.cleanup();
  }
}

function defaultEntry(): string {
  const lead = join(REPO_ROOT, 'src/cli/run.ts');
  return existsSync(lead) ? lead : join(REPO_ROOT, 'test/support/run-gantry.ts');
}

function describeExit(exit: ExitInfo): string {
  return exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
}

/**
 * Starts `gantry server` and resolves once it is ready. On failure the process
 * is killed and the error carries the server's last output lines.
 */
export async function startGantry(opts: StartGantryOptions = {}): Promise<Gantry> {
  const work = tempDir('gantry-e2e-');
  try {
    const port = opts.port ?? (await freePort());
    const instance = new GantryProcess(port, opts.dataDir ?? join(work.path, 'data'), work, opts);
    await instance.start();
    return instance;
  } catch (err) {
    work.cleanup();
    throw err;
  }
}
