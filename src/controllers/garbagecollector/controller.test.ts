import { describe, expect, it } from 'vitest';
import { configMap, secret } from '../../api/core/v1/index.js';
import type { KubeObject, OwnerReference } from '../../api/meta.js';
import { FakeApi } from '../runtime/testing/fake-api.js';
import { useControllers, waitUntil } from '../runtime/testing/harness.js';
import { garbageCollectorController } from './controller.js';

const NS = 'ns';
const gc = () => garbageCollectorController({ kinds: [configMap, secret] });
const run = useControllers();

function ref(owner: KubeObject, extra: Partial<OwnerReference> = {}): OwnerReference {
  return { apiVersion: 'v1', kind: 'ConfigMap', name: owner.metadata.name!, uid: owner.metadata.uid!, ...extra };
}
function world(api: FakeApi, extra: Partial<OwnerReference> = {}) {
  const owner = api.seed<KubeObject>(configMap, { metadata: { name: 'owner', namespace: NS } });
  for (const n of ['a', 'b']) api.seed<KubeObject>(secret, { metadata: { name: n, namespace: NS, ownerReferences: [ref(owner, extra)] } });
  return owner;
}
const secrets = (api: FakeApi) => api.list<KubeObject>(secret, NS).map((s) => s.metadata.name).sort();

describe('garbage collector', () => {
  it('Background: deletes dependents once their owner is gone', async () => {
    const api = new FakeApi();
    world(api);
    await run(api, [gc()]);
    await api.resource(configMap).delete(NS, 'owner', { propagationPolicy: 'Background' });
    await waitUntil(() => secrets(api).length === 0, { what: 'dependents deleted' });
  });

  it('Foreground: the owner waits (foregroundDeletion) until blocking dependents are gone', async () => {
    const api = new FakeApi();
    world(api, { blockOwnerDeletion: true });
    // a grandchild that blocks its parent "a", which blocks the owner
    const a = api.get<KubeObject>(secret, NS, 'a')!;
    api.seed<KubeObject>(secret, { metadata: { name: 'a-child', namespace: NS, finalizers: ['test/hold'], ownerReferences: [{ apiVersion: 'v1', kind: 'Secret', name: 'a', uid: a.metadata.uid!, blockOwnerDeletion: true }] } });
    await run(api, [gc()]);
    await api.resource(configMap).delete(NS, 'owner', { propagationPolicy: 'Foreground' });
    await waitUntil(() => secrets(api).join() === 'a,a-child', { what: 'b deleted, a waiting on its child' });
    expect(api.get<KubeObject>(configMap, NS, 'owner')!.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(api.get<KubeObject>(secret, NS, 'a')!.metadata.finalizers).toEqual(['foregroundDeletion']);
    await api.resource(secret).patch(NS, 'a-child', { type: 'merge', body: { metadata: { finalizers: null } } });
    await waitUntil(() => !api.get(configMap, NS, 'owner') && secrets(api).length === 0, { what: 'foreground deletion finished' });
  });

  it('Orphan: strips the ownerReference from dependents, then lets the owner go', async () => {
    const api = new FakeApi();
    world(api);
    await run(api, [gc()]);
    await api.resource(configMap).delete(NS, 'owner', { propagationPolicy: 'Orphan' });
    await waitUntil(() => !api.get(configMap, NS, 'owner'), { what: 'owner gone' });
    expect(secrets(api)).toEqual(['a', 'b']);
    for (const s of api.list<KubeObject>(secret, NS)) expect(s.metadata.ownerReferences ?? []).toEqual([]);
  });

  it('rebuilds the graph after a restart: dependents of owners deleted meanwhile are collected', async () => {
    const api = new FakeApi();
    world(api);
    await api.resource(configMap).delete(NS, 'owner');
    expect(secrets(api)).toEqual(['a', 'b']);
    await run(api, [gc()]);
    await waitUntil(() => secrets(api).length === 0, { what: 'collected after start' });
  });

  it('keeps an object with another live owner (dropping the dead reference) and never collects owners of unknown kinds', async () => {
    const api = new FakeApi();
    const owner = world(api);
    const other = api.seed<KubeObject>(configMap, { metadata: { name: 'other', namespace: NS } });
    await api.resource(secret).patch(NS, 'a', { type: 'merge', body: { metadata: { ownerReferences: [ref(owner), ref(other)] } } });
    api.seed<KubeObject>(secret, { metadata: { name: 'crd-owned', namespace: NS, ownerReferences: [{ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', uid: 'no-such-uid' }] } });
    await run(api, [gc()]);
    await api.resource(configMap).delete(NS, 'owner');
    await waitUntil(() => secrets(api).join() === 'a,crd-owned', { what: 'b collected' });
    await waitUntil(() => api.get<KubeObject>(secret, NS, 'a')!.metadata.ownerReferences?.length === 1, { what: 'dead ref dropped' });
    expect(api.get<KubeObject>(secret, NS, 'a')!.metadata.ownerReferences![0]!.name).toBe('other');
  });
});
