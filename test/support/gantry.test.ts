import { describe, it, expect, afterAll } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGantry, REPO_ROOT, type Gantry } from './gantry.js';
import { httpsRequest, readKubeconfig } from './https.js';
import { signalPid } from './process.js';
import { tempDir } from './temp.js';

const FAKE = join(REPO_ROOT, 'test/support/fixtures/fake-gantry.ts');
const started: Gantry[] = [];
async function startFake(opts: Parameters<typeof startGantry>[0] = {}): Promise<Gantry> {
  const g = await startGantry({ entry: FAKE, readyTimeoutMs: 20_000, ...opts });
  started.push(g);
  return g;
}
afterAll(async () => {
  for (const g of started) await g.dispose();
});

describe('startGantry (against a fake server)', () => {
  it('starts a server, waits until ready, and drives kubectl with its kubeconfig', async () => {
    const g = await startFake();
    expect(g.pid).toBeGreaterThan(0);
    expect(g.url).toBe(`https://127.0.0.1:${g.port}`);
    expect(readKubeconfig(g.kubeconfig).server).toBe(g.url);
    const r = await g.kubectl(['get', '--raw', '/readyz']);
    expect(r).toMatchObject({ code: 0, stdout: 'ok', timedOut: false });
    const v = await g.kubectl(['version', '-o', 'json']);
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout).serverVersion.gitVersion).toBe('v1.32.0-fake');
    expect(g.logs()).toMatch(/created cluster CA/);
    expect(existsSync(g.cacheDir)).toBe(true);
  });

  it('stops with SIGTERM, restarts on the same port and data dir, and survives kill -9', async () => {
    const g = await startFake();
    const ca = readFileSync(join(g.dataDir, 'tls/ca.crt'), 'utf8');
    const firstPid = g.pid;
    await g.restart();
    expect(g.pid).not.toBe(firstPid);
    expect(signalPid(firstPid, 0)).toBe(false);
    expect(readFileSync(join(g.dataDir, 'tls/ca.crt'), 'utf8')).toBe(ca);
    expect((await g.kubectl(['get', '--raw', '/readyz'])).stdout).toBe('ok');
    expect(await g.kill9()).toEqual({ code: null, signal: 'SIGKILL' });
    await g.restart();
    expect((await g.stop()).code).toBe(0);
    expect(await g.waitExit()).toEqual({ code: 0, signal: null });
  });

  it('escalates to SIGKILL when SIGTERM is ignored', async () => {
    const g = await startFake({ env: { FAKE_GANTRY_IGNORE_TERM: '1' }, stopGraceMs: 300 });
    const started = Date.now();
    expect(await g.stop()).toEqual({ code: null, signal: 'SIGKILL' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(g.logs()).toMatch(/ignoring SIGTERM/);
  });

  it('accepts the ready line when the server has no /readyz yet', async () => {
    const g = await startFake({ env: { FAKE_GANTRY_NO_READYZ: '1' } });
    const res = await httpsRequest({ ...readKubeconfig(g.kubeconfig) }, '/readyz');
    expect(res.status).toBe(404);
  });

  it('reports a server that exits before it is ready, with its output', async () => {
    await expect(startFake({ env: { FAKE_GANTRY_EXIT: '3' } })).rejects.toThrow(
      /gantry exited \(code 3\) before it was ready; output:\n.*failing on purpose/,
    );
  });

  it('kills a server that never gets ready, and reports its output', async () => {
    await expect(startFake({ env: { FAKE_GANTRY_HANG: '1' }, readyTimeoutMs: 1000 })).rejects.toThrow(
      /timed out after 1000 ms .*; output:\n[\s\S]*hanging on purpose/,
    );
  });

  it('uses a given data directory and leaves it in place', async () => {
    const dir = tempDir('gantry-harness-data-');
    try {
      const g = await startFake({ dataDir: dir.path });
      expect(g.kubeconfig).toBe(join(dir.path, 'kubeconfig.yaml'));
      const creds = readKubeconfig(g.kubeconfig);
      const token = readFileSync(join(dir.path, 'tokens.csv'), 'utf8').split(',')[0]!;
      expect((await httpsRequest({ server: g.url, ca: creds.ca, token }, '/whoami')).body).toBe('admin-token');
      await g.dispose();
      expect(existsSync(g.kubeconfig)).toBe(true);
    } finally {
      dir.cleanup();
    }
  });
});
