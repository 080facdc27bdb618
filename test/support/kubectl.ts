/** Running the stock kubectl against a test cluster. */
import { runProcess, type RunResult } from './process.js';

export const DEFAULT_KUBECTL = '/usr/bin/kubectl';

export interface KubectlOptions {
  kubeconfig: string;
  /** KUBECACHEDIR: discovery and HTTP cache; use a fresh one per cluster. */
  cacheDir: string;
  /** Written to kubectl's stdin (for `apply -f -` and the like). */
  input?: string;
  /** Extra environment variables (on top of this process's). */
  env?: NodeJS.ProcessEnv;
  /** Kill kubectl (by PID) after this long; default 30 s. */
  timeoutMs?: number;
  /**
   * The kubectl binary, e.g. /usr/lib/google-cloud-sdk/bin/kubectl.1.27; default
   * $GANTRY_TEST_KUBECTL, else /usr/bin/kubectl.
   */
  bin?: string;
  /** kubectl's own --request-timeout (default "10s"); ignored when `args` set one. */
  requestTimeout?: string;
}

export type KubectlResult = RunResult;

/**
 * Runs kubectl with the given kubeconfig and cache directory. `--request-timeout`
 * goes before `args`, so that nothing after a `--` in them is disturbed.
 */
export function kubectl(args: readonly string[], opts: KubectlOptions): Promise<KubectlResult> {
  if (!opts.kubeconfig) throw new Error('kubectl: a kubeconfig path is required');
  if (!opts.cacheDir) throw new Error('kubectl: a cache directory is required');
  const dashDash = args.indexOf('--');
  const own = dashDash < 0 ? args : args.slice(0, dashDash);
  const hasTimeout = own.some((a) => a === '--request-timeout' || a.startsWith('--request-timeout='));
  const flags = hasTimeout ? [] : [`--request-timeout=${opts.requestTimeout ?? '10s'}`];
  const noProxy = ['127.0.0.1', 'localhost', process.env.NO_PROXY].filter(Boolean).join(',');
  return runProcess(opts.bin ?? (process.env.GANTRY_TEST_KUBECTL || DEFAULT_KUBECTL), [...flags, ...args], {
    env: {
      ...process.env,
      ...opts.env,
      KUBECONFIG: opts.kubeconfig,
      KUBECACHEDIR: opts.cacheDir,
      NO_PROXY: noProxy,
      no_proxy: noProxy,
    },
    input: opts.input,
    timeoutMs: opts.timeoutMs ?? 30_000,
  });
}
