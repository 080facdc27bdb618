/**
 * kubectl get -w and kubectl wait against one gantry server. The watching kubectl runs
 * in the background with -v=6, so a test can tell when its watch request was answered
 * before it makes the change the watch must see; each is bounded and stopped by PID.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startKubectl, type BackgroundKubectl } from './lib/background.js';
import { useCluster } from './lib/cluster.js';
import { pod } from './lib/manifests.js';

const NS = 'e2e-watch';
const c = useCluster({ namespace: NS });
const running: BackgroundKubectl[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((k) => k.stop()));
});

/** kubectl in the background, in this file's namespace, logging its requests. */
async function background(args: string[]): Promise<BackgroundKubectl> {
  const k = await startKubectl(c.gantry, [`--namespace=${NS}`, '--request-timeout=20s', '-v=6', ...args], { timeoutMs: 25_000 });
  running.push(k);
  return k;
}

/** Rows of watch output as whitespace-separated cells (each event is aligned on its own). */
function watchRows(stdout: string): string[][] {
  return stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().split(/\s+/));
}

/** The EVENT and NAME cells and the last cell of each row. */
function events(stdout: string): string[] {
  return watchRows(stdout)
    .slice(1)
    .map((cells) => `${cells[0]} ${cells[1]} ${cells.length > 6 ? cells[6] : '-'}`);
}

describe('kubectl get -w', () => {
  it('prints the current pods, then a label change, an addition and a deletion', async () => {
    await c.create(pod('watched'));
    const w = await background(['get', 'pods', '-w', '--output-watch-events', '-L', 'tier']);
    await w.waitForWatch();
    expect(watchRows(w.stdout())[0]).toEqual(['EVENT', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'TIER']);

    expect(await c.ok(['label', 'pod', 'watched', 'tier=fe'])).toBe('pod/watched labeled\n');
    await w.waitForOutput(/^MODIFIED\s+watched\s.*\sfe$/m);
    await c.create(pod('newcomer'));
    await w.waitForOutput(/^ADDED\s+newcomer\s/m);
    await c.ok(['delete', 'pod', 'newcomer']);
    await w.waitForOutput(/^DELETED\s+newcomer\s/m);

    expect(events(w.stdout())).toEqual(['ADDED watched -', 'MODIFIED watched fe', 'ADDED newcomer -', 'DELETED newcomer -']);
    expect(watchRows(w.stdout())[2]).toEqual(['MODIFIED', 'watched', '0/1', 'Pending', '0', expect.stringMatching(/^\d+s$/), 'fe']);
  });

  it('a label selector watch sees an object enter (ADDED) and leave (DELETED) the selection', async () => {
    await c.create(pod('mover'));
    const w = await background(['get', 'pods', '-l', 'lane=fast', '-w', '--output-watch-events']);
    await w.waitForWatch();
    await c.ok(['label', 'pod', 'mover', 'lane=fast']);
    await w.waitForOutput(/^ADDED\s+mover\s/m);
    await c.ok(['label', 'pod', 'mover', 'lane=slow', '--overwrite']);
    await w.waitForOutput(/^DELETED\s+mover\s/m);
    expect(events(w.stdout())).toEqual(['ADDED mover -', 'DELETED mover -']);
  });

  it('a graceful delete shows the pod Terminating, a forced one DELETED', async () => {
    await c.create(pod('leaving', { nodeName: 'node-a' }));
    const w = await background(['get', 'pod', 'leaving', '-w', '--output-watch-events']);
    await w.waitForWatch();
    await c.ok(['delete', 'pod', 'leaving', '--wait=false']);
    await w.waitForOutput(/^MODIFIED\s+leaving\s+0\/1\s+Terminating\s/m);
    await c.run(['delete', 'pod', 'leaving', '--grace-period=0', '--force']);
    await w.waitForOutput(/^DELETED\s+leaving\s/m);
  });

  it('watching one pod by name shows changes to that pod only', async () => {
    await c.create(pod('solo'), pod('bystander'));
    const w = await background(['get', 'pod', 'solo', '-w', '--output-watch-events']);
    await w.waitForWatch();
    await c.ok(['label', 'pod', 'bystander', 'seen=no']);
    await c.ok(['label', 'pod', 'solo', 'seen=yes']);
    await w.waitForOutput(/^MODIFIED\s+solo\s/m);
    expect(w.stdout()).not.toContain('bystander');
  });
});

describe('kubectl wait', () => {
  it('--for=condition=Ready returns once the status subresource sets the condition', async () => {
    await c.create(pod('ready-me'));
    const w = await background(['wait', '--for=condition=Ready', 'pod/ready-me', '--timeout=20s']);
    await w.waitForWatch();
    const status = { status: { conditions: [{ type: 'Ready', status: 'True' }] } };
    const out = await c.ok(['patch', 'pod', 'ready-me', '--subresource=status', '--type', 'merge', '-p', JSON.stringify(status)]);
    expect(out).toBe('pod/ready-me patched\n');
    expect(await w.exited()).toEqual({ code: 0, signal: null });
    expect(w.stdout()).toBe('pod/ready-me condition met\n');
    expect(await c.ok(['wait', '--for=condition=Ready', 'pod/ready-me', '--timeout=5s'])).toBe('pod/ready-me condition met\n');
  });

  it('--for=condition times out with an error when the condition never holds', async () => {
    await c.create(pod('never'));
    const r = await c.run(['wait', '--for=condition=Ready', 'pod/never', '--timeout=1s']);
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: 'error: timed out waiting for the condition on pods/never\n' });
  });

  it('--for=delete returns once the pod is deleted', async () => {
    await c.create(pod('doomed'));
    const w = await background(['wait', '--for=delete', 'pod/doomed', '--timeout=20s']);
    await w.waitForWatch();
    expect(await c.ok(['delete', 'pod', 'doomed'])).toBe('pod "doomed" deleted\n');
    expect(await w.exited()).toEqual({ code: 0, signal: null });
    expect(w.stdout()).toBe('pod/doomed condition met\n');
  });

  it('--for=jsonpath waits for a field value', async () => {
    await c.create(pod('phased'));
    const w = await background(['wait', '--for=jsonpath={.status.phase}=Running', 'pod/phased', '--timeout=20s']);
    await w.waitForWatch();
    await c.ok(['patch', 'pod', 'phased', '--subresource=status', '--type', 'merge', '-p', '{"status":{"phase":"Running"}}']);
    expect(await w.exited()).toEqual({ code: 0, signal: null });
    expect(w.stdout()).toBe('pod/phased condition met\n');
  });
});

describe('the watch protocol, through kubectl get --raw', () => {
  const base = `/api/v1/namespaces/${NS}/pods`;
  interface WatchEvent {
    type: string;
    object: { metadata: { name: string; labels?: Record<string, string> } };
  }

  /** A watch that the server ends after `timeoutSeconds`; resolves with its events and how long it took. */
  async function rawWatch(query: string): Promise<{ events: WatchEvent[]; ms: number }> {
    const started = Date.now();
    const out = await c.ok(['get', '--raw', `${base}?watch=true&timeoutSeconds=1&${query}`]);
    const events = out.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as WatchEvent);
    return { events, ms: Date.now() - started };
  }
  const summary = (events: WatchEvent[]) => events.map((e) => `${e.type} ${e.object.metadata.name}`);

  it('without a resourceVersion, starts with ADDED for every matching object, sends no bookmark unasked, and ends at timeoutSeconds', async () => {
    await c.create(pod('raw-1', { labels: { raw: 'a' } }), pod('raw-2', { labels: { raw: 'a' } }));
    const { events, ms } = await rawWatch('labelSelector=raw%3Da');
    expect(summary(events).sort()).toEqual(['ADDED raw-1', 'ADDED raw-2']);
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(8000);
  });

  it('from a list resourceVersion, replays exactly the later changes', async () => {
    await c.create(pod('replay-1', { labels: { raw: 'b' } }), pod('replay-2', { labels: { raw: 'b' } }));
    const list = JSON.parse(await c.ok(['get', '--raw', `${base}?labelSelector=raw%3Db`]));
    await c.ok(['label', 'pod', 'replay-1', 'step=two']);
    await c.ok(['delete', 'pod', 'replay-2']);
    const { events } = await rawWatch(`labelSelector=raw%3Db&resourceVersion=${list.metadata.resourceVersion}`);
    expect(summary(events)).toEqual(['MODIFIED replay-1', 'DELETED replay-2']);
    expect(events[0]!.object.metadata.labels).toEqual({ raw: 'b', step: 'two' });
  });
});
