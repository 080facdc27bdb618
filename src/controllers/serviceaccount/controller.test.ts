import { describe, expect, it } from 'vitest';
import { namespace as namespaceKind, serviceAccount, type Namespace } from '../../api/core/v1/index.js';
import type { KubeObject } from '../../api/meta.js';
import { FakeApi } from '../runtime/testing/fake-api.js';
import { useControllers, waitUntil } from '../runtime/testing/harness.js';
import { serviceAccountController } from './controller.js';

const run = useControllers();

describe('serviceaccount controller', () => {
  it('creates default in every active namespace, and again after it is deleted', async () => {
    const api = new FakeApi();
    api.seed<Namespace>(namespaceKind, { metadata: { name: 'one' } });
    api.seed<Namespace>(namespaceKind, { metadata: { name: 'gone', deletionTimestamp: '2024-01-01T00:00:00Z' }, status: { phase: 'Terminating' } });
    await run(api, [serviceAccountController()]);
    await waitUntil(() => !!api.get(serviceAccount, 'one', 'default'), { what: 'default in one' });
    api.seed<Namespace>(namespaceKind, { metadata: { name: 'two' } });
    await waitUntil(() => !!api.get(serviceAccount, 'two', 'default'), { what: 'default in two' });
    await api.resource(serviceAccount).delete('one', 'default');
    await waitUntil(() => !!api.get(serviceAccount, 'one', 'default'), { what: 'recreated' });
    expect(api.list<KubeObject>(serviceAccount, 'gone')).toEqual([]);
  });
});
