import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scheme } from '../../api/scheme.js';
import type { KubeObject } from '../../api/meta.js';
import { isForbidden, type ApiError } from '../../machinery/index.js';
import { openBackend, type Backend } from '../../storage/index.js';
import type { RequestScope } from '../registry/hooks.js';
import { ResourceStore } from '../registry/store.js';
import { KindHookRegistry } from './registry.js';

const pods = scheme.resource('', 'v1', 'pods')!;
const quotas = scheme.resource('', 'v1', 'resourcequotas')!;
const limits = scheme.resource('', 'v1', 'limitranges')!;
const namespaces = scheme.resource('', 'v1', 'namespaces')!;

function scope(kind: RequestScope['kind'], name: string, namespace = 'ns1'): RequestScope {
  return { kind, namespace: kind.namespaced ? namespace : '', name, dryRun: false, subresource: '', fieldManager: 'test' };
}

function pod(name: string, cpu?: string): KubeObject {
  const resources = cpu ? { requests: { cpu } } : undefined;
  return { metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox', resources }] } } as KubeObject;
}

describe('quota and limit range admission', () => {
  let backend: Backend;
  let store: ResourceStore;
  beforeEach(async () => {
    backend = await openBackend('memory://');
    const hooks = new KindHookRegistry(backend);
    store = new ResourceStore(backend, (k) => hooks.for(k));
    await store.create(scope(namespaces, 'ns1'), { metadata: { name: 'ns1' } });
  });
  afterEach(async () => {
    await backend.close();
  });

  it('refuses a pod over the quota with 403 and charges the ones it admits', async () => {
    const q = await store.create(scope(quotas, 'q'), { metadata: { name: 'q' }, spec: { hard: { pods: '1' } } } as KubeObject);
    // The quota controller fills status; stand in for it.
    await store.update({ ...scope(quotas, 'q'), subresource: 'status' }, (cur) => ({ ...cur, status: { hard: { pods: '1' }, used: { pods: '0' } } }) as KubeObject);
    expect(q.metadata.name).toBe('q');
    await store.create(scope(pods, 'a'), pod('a'));
    const charged = (await store.get(scope(quotas, 'q'))) as KubeObject & { status: { used: Record<string, string> } };
    expect(charged.status.used.pods).toBe('1');
    let err: ApiError | undefined;
    try {
      await store.create(scope(pods, 'b'), pod('b'));
    } catch (e) {
      err = e as ApiError;
    }
    expect(err && isForbidden(err)).toBe(true);
    expect(err!.message).toBe('pods "b" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1');
  });

  it('fills default requests from a LimitRange', async () => {
    await store.create(scope(limits, 'lr'), {
      metadata: { name: 'lr' },
      spec: { limits: [{ type: 'Container', defaultRequest: { cpu: '100m' }, default: { cpu: '200m' } }] },
    } as KubeObject);
    const p = (await store.create(scope(pods, 'a'), pod('a'))) as KubeObject & { spec: { containers: { resources: unknown }[] } };
    expect(p.spec.containers[0]!.resources).toEqual({ requests: { cpu: '100m' }, limits: { cpu: '200m' } });
  });
});
