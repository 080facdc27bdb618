/** Runs a TypeScript child process (node --import tsx) and reads its stdout line by line. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface TsChild {
  process: ChildProcess;
  /** Every stdout line so far. */
  lines: string[];
  /** Resolves when a line matching `test` arrives (rejects on exit or after timeoutMs). */
  waitFor(test: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
  /** Sends `signal` to the child by PID if it still runs, and waits for it to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
  stderr(): string;
}

/** Starts `script` (a path relative to this folder) with `args`. */
export function startTsChild(script: string, args: string[]): TsChild {
  const file = fileURLToPath(new URL(script, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-4000)));
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const wake of waiters) wake();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => {
    for (const wake of waiters) wake();
  });
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  return {
    process: child,
    lines,
    exited,
    stderr: () => err,
    waitFor: (test, timeoutMs = 20_000) =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`timed out waiting for the child; stderr: ${err}`)), timeoutMs);
        const check = (): void => {
          const found = lines.find(test);
          if (found !== undefined) finish(null, found);
          else if (!running()) finish(new Error(`child exited (${child.exitCode}); stderr: ${err}`));
        };
        const finish = (error: Error | null, line?: string): void => {
          clearTimeout(timer);
          waiters.delete(check);
          if (error) reject(error);
          else resolve(line!);
        };
        waiters.add(check);
        check();
      }),
    kill: async (signal) => {
      if (running() && child.pid !== undefined) process.kill(child.pid, signal);
      await exited;
    },
  };
}
