import { describe, it, expect } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { waitFor } from './wait.js';
import { freePort, tempDir } from './temp.js';
import { runProcess, signalPid } from './process.js';
import { kubectl } from './kubectl.js';

describe('waitFor', () => {
  it('resolves with the first truthy value', async () => {
    let n = 0;
    expect(await waitFor(() => (++n >= 3 ? `done after ${n}` : false), { intervalMs: 1 })).toBe('done after 3');
  });
  it('gives up in time and quotes the last error', async () => {
    const started = Date.now();
    await expect(
      waitFor(() => { throw new Error('not yet'); }, { timeoutMs: 200, intervalMs: 20, description: 'the thing' }),
    ).rejects.toThrow(/timed out after 200 ms \(\d+ attempts\) waiting for the thing: last error: not yet/);
    expect(Date.now() - started).toBeLessThan(2000);
  });
  it('stops when the signal aborts', async () => {
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(new Error('cancelled')), 50);
    await expect(waitFor(() => false, { timeoutMs: 5000, signal: ctl.signal })).rejects.toThrow('cancelled');
  });
});

describe('tempDir and freePort', () => {
  it('creates and removes a directory', () => {
    const dir = tempDir('gantry-helpers-');
    writeFileSync(join(dir.path, 'f'), 'x');
    dir.cleanup();
    dir.cleanup();
    expect(existsSync(dir.path)).toBe(false);
    expect(() => tempDir('a/b')).toThrow(/path separator/);
  });
  it('returns a port that can be listened on', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    await new Promise((resolve) => server.close(resolve));
  });
});

describe('runProcess', () => {
  it('captures output and feeds input', async () => {
    const r = await runProcess('sh', ['-c', 'cat; echo err >&2; exit 4'], { input: 'hello' });
    expect(r).toEqual({ code: 4, signal: null, stdout: 'hello', stderr: 'err\n', timedOut: false });
  });
  it('kills a command that runs too long, by PID', async () => {
    const r = await runProcess('sh', ['-c', 'echo $$; exec sleep 30'], { timeoutMs: 300 });
    expect(r).toMatchObject({ code: null, signal: 'SIGKILL', timedOut: true });
    expect(r.stderr).toMatch(/killed after 300 ms/);
    expect(signalPid(Number(r.stdout.trim()), 0)).toBe(false);
  });
  it('rejects a missing binary clearly', async () => {
    await expect(runProcess('/nonexistent/bin', [])).rejects.toThrow(/ENOENT/);
  });
});

describe('kubectl', () => {
  it('runs the stock kubectl with the given kubeconfig and cache dir', async () => {
    const dir = tempDir('gantry-kubectl-');
    try {
      const kubeconfig = join(dir.path, 'kubeconfig');
      writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\ncurrent-context: x\nclusters: []\ncontexts: []\nusers: []\n');
      const r = await kubectl(['config', 'view', '-o', 'jsonpath={.current-context}'], { kubeconfig, cacheDir: join(dir.path, 'cache') });
      expect(r).toMatchObject({ code: 0, stdout: 'x' });
      const client = await kubectl(['version', '--client', '-o', 'json'], { kubeconfig, cacheDir: dir.path, requestTimeout: '1s' });
      expect(JSON.parse(client.stdout).clientVersion.major).toBe('1');
    } finally {
      dir.cleanup();
    }
  });
  it('places --request-timeout before the arguments, and not twice', async () => {
    const dir = tempDir('gantry-kubectl-');
    try {
      const fake = join(dir.path, 'echo-args');
      writeFileSync(fake, '#!/bin/sh\necho "$@"; echo "$KUBECONFIG $KUBECACHEDIR" >&2\n', { mode: 0o755 });
      const opts = { kubeconfig: '/k', cacheDir: '/c', bin: fake };
      expect((await kubectl(['exec', 'p', '--', 'sh', '--request-timeout=1'], opts)).stdout).toBe(
        '--request-timeout=10s exec p -- sh --request-timeout=1\n',
      );
      const own = await kubectl(['get', 'ns', '--request-timeout=2s'], opts);
      expect(own.stdout).toBe('get ns --request-timeout=2s\n');
      expect(own.stderr).toBe('/k /c\n');
    } finally {
      dir.cleanup();
    }
  });
});
