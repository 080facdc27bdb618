/** Child processes for tests: bounded runs, and stopping by PID only. */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunResult extends ExitInfo {
  stdout: string;
  stderr: string;
  /** True when the run was killed for exceeding its time limit. */
  timedOut: boolean;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Written to stdin, which is then closed. */
  input?: string | Buffer;
  /** Kill (SIGKILL, by PID) after this long; default 30 s. */
  timeoutMs?: number;
}

/** Children started by this module that are still running, by PID. */
const live = new Map<number, ChildProcess>();
let exitHookInstalled = false;

/** Records a child so that it is SIGKILLed if the test process exits while it still runs. */
export function track(child: ChildProcess): void {
  if (child.pid === undefined) return;
  const pid = child.pid;
  live.set(pid, child);
  child.once('exit', () => live.delete(pid));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const p of live.keys()) signalPid(p, 'SIGKILL');
    });
  }
}

/** Sends a signal to one PID (0 only checks that it exists); false if the process is already gone. */
export function signalPid(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw err;
  }
}

/** Resolves with the exit status of a child (at once if it has exited already). */
export function exitOf(child: ChildProcess): Promise<ExitInfo> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Resolves with the exit status, or undefined if the child is still running after `ms`. */
export async function exitWithin(child: ChildProcess, ms: number): Promise<ExitInfo | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([exitOf(child), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends `signal` (default SIGTERM) to the child's PID, and SIGKILL if it has not exited after `graceMs`. */
export async function stopChild(child: ChildProcess, opts: { signal?: NodeJS.Signals; graceMs?: number } = {}): Promise<ExitInfo> {
  const pid = child.pid;
  if (pid === undefined) return exitOf(child);
  if (child.exitCode === null && child.signalCode === null) signalPid(pid, opts.signal ?? 'SIGTERM');
  const exited = await exitWithin(child, opts.graceMs ?? 5000);
  if (exited) return exited;
  signalPid(pid, 'SIGKILL');
  return exitOf(child);
}

/** Runs a command to completion, capturing its output, within a time limit. */
export async function runProcess(command: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const child = spawn(command, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  await spawned;
  track(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin!.on('error', () => {}); // the command may exit without reading its input
  child.stdin!.end(opts.input ?? '');
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let exit = await exitWithin(child, timeoutMs);
  const timedOut = exit === undefined;
  if (timedOut) {
    signalPid(child.pid!, 'SIGKILL');
    exit = await exitOf(child);
    stderr += `\n[test harness] ${command} killed after ${timeoutMs} ms`;
  }
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000))]);
  return { ...exit!, stdout, stderr, timedOut };
}
