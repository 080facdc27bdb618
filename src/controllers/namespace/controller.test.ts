import { describe, expect, it } from 'vitest';
import { configMap, namespace as namespaceKind, secret, type Namespace } from '../../api/core/v1/index.js';
import type { KubeObject } from '../../api/meta.js';
import { FakeApi } from '../runtime/testing/fake-api.js';
import { useControllers, waitUntil } from '../runtime/testing/harness.js';
import { namespaceController } from './controller.js';
import { namespacedKinds } from './content.js';

const run = useControllers();

describe('namespace controller', () => {
  it('empties a deleted namespace, reports remaining finalizers, then finalizes it', async () => {
    const api = new FakeApi();
    api.seed<Namespace>(namespaceKind, { metadata: { name: 'doomed' }, spec: { finalizers: ['kubernetes'] } });
    api.seed<Namespace>(namespaceKind, { metadata: { name: 'kept' }, spec: { finalizers: ['kubernetes'] } });
    for (const n of ['a', 'b']) api.seed<KubeObject>(configMap, { metadata: { name: n, namespace: 'doomed' } });
    api.seed<KubeObject>(configMap, { metadata: { name: 'c', namespace: 'kept' } });
    api.seed<KubeObject>(secret, { metadata: { name: 'held', namespace: 'doomed', finalizers: ['example.com/hold'] } });
    await run(api, [namespaceController({ kinds: [configMap, secret], pollMs: 20 })]);
    await api.resource(namespaceKind).delete(undefined, 'doomed');
    const ns = () => api.get<Namespace>(namespaceKind, '', 'doomed');
    await waitUntil(() => (ns()?.status?.conditions ?? []).some((c) => c.type === 'NamespaceFinalizersRemaining' && c.status === 'True'), { what: 'conditions' });
    expect(api.list(configMap, 'doomed')).toEqual([]);
    expect(api.list(configMap, 'kept')).toHaveLength(1);
    const conds = Object.fromEntries((ns()!.status!.conditions ?? []).map((c) => [c.type, c]));
    expect(conds.NamespaceContentRemaining).toMatchObject({ status: 'True', reason: 'SomeResourcesRemain', message: 'Some resources are remaining: secrets. has 1 resource instances' });
    expect(conds.NamespaceFinalizersRemaining).toMatchObject({ reason: 'SomeFinalizersRemain', message: 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances' });
    expect(conds.NamespaceDeletionDiscoveryFailure).toMatchObject({ status: 'False', reason: 'ResourcesDiscovered' });
    expect(ns()!.status!.phase).toBe('Terminating');
    await api.resource(secret).patch('doomed', 'held', { type: 'merge', body: { metadata: { finalizers: null } } });
    await waitUntil(() => !ns(), { what: 'namespace removed' });
    expect(api.get(namespaceKind, '', 'kept')).toBeDefined();
  });

  it('lists every namespaced kind of the scheme once', () => {
    const kinds = namespacedKinds().map((k) => `${k.group}/${k.plural}`);
    expect(kinds).toContain('/pods');
    expect(kinds).toContain('apps/deployments');
    expect(kinds).not.toContain('/namespaces');
    expect(new Set(kinds).size).toBe(kinds.length);
  });
});
