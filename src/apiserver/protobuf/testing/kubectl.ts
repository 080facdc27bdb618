/** Running the stock kubectl 1.32 against a test server. Test-only. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CANDIDATES = ['/usr/lib/google-cloud-sdk/bin/kubectl.1.32', '/usr/bin/kubectl'];

/** The kubectl 1.32 binary, or undefined when this machine has none. */
export function findKubectl(): string | undefined {
  return CANDIDATES.find((p) => existsSync(p));
}

export interface KubectlEnv {
  kubectl: string;
  kubeconfig: string;
  cacheDir: string;
}

/** Writes a kubeconfig for `server` (self-signed https, namespace default) into `dir`. */
export function kubectlEnv(kubectl: string, opts: { dir: string; server: string }): KubectlEnv {
  const { dir, server } = opts;
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: c',
    `  cluster: {server: "${server}", insecure-skip-tls-verify: true}`,
    'contexts:',
    '- name: c',
    '  context: {cluster: c, user: u, namespace: default}',
    'current-context: c',
    'users:',
    '- name: u',
    '  user: {token: test-token}',
    '',
  ].join('\n'));
  return { kubectl, kubeconfig, cacheDir: mkdtempSync(join(dir, 'cache-')) };
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs kubectl with a 20 s bound; never throws for a non-zero exit. */
export function runKubectl(env: KubectlEnv, args: readonly string[]): Promise<KubectlResult> {
  const full = [`--kubeconfig=${env.kubeconfig}`, `--cache-dir=${env.cacheDir}`, '--request-timeout=10s', ...args];
  return new Promise((resolve) => {
    execFile(env.kubectl, full, { timeout: 20_000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: env.cacheDir } }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}
