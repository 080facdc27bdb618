/**
 * kubectl running in the background (`get -w`, `wait`): its output is collected as it
 * arrives, it is killed by PID after a time limit, and stop() ends it early.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { DEFAULT_KUBECTL, signalPid, stopChild, waitFor, type ExitInfo, type Gantry } from '../../support/index.js';
import { track } from '../../support/process.js';

export interface BackgroundOptions {
  /** Kill kubectl (SIGKILL, by PID) after this long; default 20 s. */
  timeoutMs?: number;
  /** The kubectl binary; default $GANTRY_TEST_KUBECTL, else /usr/bin/kubectl. */
  bin?: string;
}

export interface WaitForOutputOptions {
  stream?: 'stdout' | 'stderr';
  /** Default 10 s. */
  timeoutMs?: number;
}

/** kubectl -v=6 logs each response; this is the line for a watch request that the server answered. */
const WATCH_STARTED = /\bGET https:\/\/\S+[?&]watch=true\S* 200 OK/;

export interface BackgroundKubectl {
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the stream (default stdout) once it matches `re`; rejects after a timeout or when kubectl exits without it. */
  waitForOutput(re: RegExp, opts?: WaitForOutputOptions): Promise<string>;
  /** Resolves once kubectl (run with -v=6) has logged the answer to its watch request. */
  waitForWatch(): Promise<void>;
  /** Resolves when kubectl exits on its own (or is killed). */
  exited(): Promise<ExitInfo>;
  /** SIGTERM by PID (SIGKILL after a second), and wait for the exit. */
  stop(): Promise<ExitInfo>;
}

class Background implements BackgroundKubectl {
  private out = '';
  private err = '';
  private readonly exit: Promise<ExitInfo>;

  constructor(private readonly child: ChildProcess, timeoutMs: number) {
    child.stdout!.setEncoding('utf8').on('data', (c: string) => (this.out += c));
    child.stderr!.setEncoding('utf8').on('data', (c: string) => (this.err += c));
    const timer = setTimeout(() => signalPid(child.pid!, 'SIGKILL'), timeoutMs);
    this.exit = new Promise((resolve) =>
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal });
      }),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  stdout(): string {
    return this.out;
  }

  stderr(): string {
    return this.err;
  }

  async waitForOutput(re: RegExp, opts: WaitForOutputOptions = {}): Promise<string> {
    const read = () => (opts.stream === 'stderr' ? this.err : this.out);
    const controller = new AbortController();
    void this.exit.then(() => controller.abort(new Error('kubectl exited')));
    try {
      return await waitFor(() => re.test(read()) && read(), {
        timeoutMs: opts.timeoutMs ?? 10_000,
        intervalMs: 50,
        description: `kubectl ${opts.stream ?? 'stdout'} matching ${re}`,
        signal: controller.signal,
      });
    } catch (err) {
      if (re.test(read())) return read();
      const why = err instanceof Error ? err.message : String(err);
      throw new Error(`${why}\nstdout:\n${this.out}\nstderr:\n${this.err}`);
    }
  }

  async waitForWatch(): Promise<void> {
    await this.waitForOutput(WATCH_STARTED, { stream: 'stderr' });
  }

  exited(): Promise<ExitInfo> {
    return this.exit;
  }

  async stop(): Promise<ExitInfo> {
    if (this.child.exitCode === null && this.child.signalCode === null) await stopChild(this.child, { graceMs: 1000 });
    return this.exit;
  }
}

/** Starts kubectl against `g` in the background, with the same environment as `g.kubectl`. */
export async function startKubectl(g: Gantry, args: readonly string[], opts: BackgroundOptions = {}): Promise<BackgroundKubectl> {
  const noProxy = ['127.0.0.1', 'localhost', process.env.NO_PROXY].filter(Boolean).join(',');
  const child = spawn(opts.bin ?? (process.env.GANTRY_TEST_KUBECTL || DEFAULT_KUBECTL), args, {
    env: { ...process.env, KUBECONFIG: g.kubeconfig, KUBECACHEDIR: g.cacheDir, NO_PROXY: noProxy, no_proxy: noProxy },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  track(child);
  return new Background(child, opts.timeoutMs ?? 20_000);
}
