/**
 * kubectl delete against one gantry server: immediate deletes, selectors, the cascade
 * options (as finalizers; no garbage collector runs here), and graceful deletion of a
 * pod bound to a node.
 */
import { describe, expect, it } from 'vitest';
import { useCluster } from './lib/cluster.js';
import { configMap, deployment, pod } from './lib/manifests.js';

const NS = 'e2e-delete';
const c = useCluster({ namespace: NS });
const FORCE_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. ' +
  'The resource may continue to run on the cluster indefinitely.\n';

async function expectGone(resource: string, name: string, plural: string): Promise<void> {
  expect(await c.fails(['get', resource, name])).toBe(`Error from server (NotFound): ${plural} "${name}" not found\n`);
}

describe('kubectl delete', () => {
  it('deletes a configmap at once (background cascade, the default)', async () => {
    await c.create(configMap('gone', { a: '1' }));
    expect(await c.ok(['delete', 'cm', 'gone'])).toBe('configmap "gone" deleted\n');
    await expectGone('cm', 'gone', 'configmaps');
  });

  it('deletes every object a label selector picks, and only those', async () => {
    const labels = { batch: 'one' };
    await c.create(configMap('b1', {}, labels), configMap('b2', {}, labels), configMap('keep', {}, { batch: 'two' }));
    expect(await c.ok(['delete', 'cm', '-l', 'batch=one'])).toBe('configmap "b1" deleted\nconfigmap "b2" deleted\n');
    expect(await c.ok(['get', 'cm', '-l', 'batch', '-o', 'name'])).toBe('configmap/keep\n');
  });

  it('deletes an unbound pod at once', async () => {
    await c.create(pod('loose'));
    expect(await c.ok(['delete', 'pod', 'loose'])).toBe('pod "loose" deleted\n');
    await expectGone('pod', 'loose', 'pods');
  });

  it('--dry-run=server deletes nothing', async () => {
    await c.create(configMap('dry', {}));
    expect(await c.ok(['delete', 'cm', 'dry', '--dry-run=server'])).toBe('configmap "dry" deleted (server dry run)\n');
    expect(await c.ok(['get', 'cm', 'dry', '-o', 'name'])).toBe('configmap/dry\n');
  });

  it('a DeleteOptions uid precondition that does not match is a Conflict', async () => {
    await c.create(configMap('guarded', {}));
    const uid = await c.jsonpath('{.metadata.uid}', 'cm', 'guarded');
    const wrong = '00000000-0000-0000-0000-000000000000';
    const body = JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: wrong } });
    const err = await c.fails(['delete', '--raw', `/api/v1/namespaces/${NS}/configmaps/guarded`, '-f', '-'], { input: body });
    expect(err).toBe(
      `Error from server (Conflict): Operation cannot be fulfilled on configmaps "guarded": Precondition failed: UID in precondition: ${wrong}, UID in object meta: ${uid}\n`,
    );
    expect(await c.ok(['get', 'cm', 'guarded', '-o', 'name'])).toBe('configmap/guarded\n');
  });

  it('--cascade=orphan marks the owner with the orphan finalizer', async () => {
    await c.create(deployment('orphaner', { replicas: 1 }));
    expect(await c.ok(['delete', 'deploy', 'orphaner', '--cascade=orphan', '--wait=false'])).toBe('deployment.apps "orphaner" deleted\n');
    const d = await c.getJson('deploy', 'orphaner');
    expect(d.metadata.finalizers).toEqual(['orphan']);
    expect(d.metadata.deletionTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('--cascade=foreground marks the owner with foregroundDeletion; dropping the finalizer removes it', async () => {
    await c.create(deployment('fg', { replicas: 1 }));
    expect(await c.ok(['delete', 'deploy', 'fg', '--cascade=foreground', '--wait=false'])).toBe('deployment.apps "fg" deleted\n');
    expect(await c.jsonpath('{.metadata.finalizers}', 'deploy', 'fg')).toBe('["foregroundDeletion"]');
    const out = await c.ok(['patch', 'deploy', 'fg', '--type', 'merge', '-p', '{"metadata":{"finalizers":null}}']);
    expect(out).toBe('deployment.apps/fg patched\n');
    await expectGone('deploy', 'fg', 'deployments.apps');
  });

  it('a finalizer holds an object until it is removed', async () => {
    const held = configMap('held', {});
    (held.metadata as Record<string, unknown>).finalizers = ['example.com/hold'];
    await c.create(held);
    expect(await c.ok(['delete', 'cm', 'held', '--wait=false'])).toBe('configmap "held" deleted\n');
    expect(await c.jsonpath('{.metadata.finalizers}', 'cm', 'held')).toBe('["example.com/hold"]');
    expect(await c.jsonpath('{.metadata.deletionTimestamp}', 'cm', 'held')).not.toBe('');
    await c.ok(['patch', 'cm', 'held', '--type', 'json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]']);
    await expectGone('cm', 'held', 'configmaps');
  });

  it('deleting a pod bound to a node only marks it; --grace-period=0 --force removes it', async () => {
    await c.create(pod('bound', { nodeName: 'node-a' }));
    expect(await c.ok(['delete', 'pod', 'bound', '--wait=false'])).toBe('pod "bound" deleted\n');
    const p = await c.getJson('pod', 'bound');
    expect(p.metadata.deletionGracePeriodSeconds).toBe(30);
    const graceEndsIn = Date.parse(p.metadata.deletionTimestamp) - Date.now();
    expect(graceEndsIn).toBeGreaterThan(15_000);
    expect(graceEndsIn).toBeLessThanOrEqual(31_000);

    const r = await c.run(['delete', 'pod', 'bound', '--grace-period=0', '--force']);
    expect(r).toMatchObject({ code: 0, stdout: 'pod "bound" force deleted\n', stderr: FORCE_WARNING });
    await expectGone('pod', 'bound', 'pods');
  });
});
