import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineKind } from '../../api/kind.js';
import type { KubeObject } from '../../api/meta.js';
import { required } from '../../api/validation/field-errors.js';
import { ApiError } from '../../machinery/index.js';
import { openBackend, type Backend } from '../../storage/index.js';
import type { KindHooks, RequestScope } from './hooks.js';
import { ResourceStore } from './store.js';

interface Widget extends KubeObject {
  spec?: { size?: number; color?: string };
  status?: { phase?: string };
}

const widget = defineKind<Widget>({
  group: 'example.dev',
  version: 'v1',
  kind: 'Widget',
  plural: 'widgets',
  singular: 'widget',
  namespaced: true,
  statusSubresource: true,
  defaults: (w) => {
    w.spec ??= {};
    w.spec.color ??= 'blue';
  },
  prepareForCreate: (w) => {
    w.status = { phase: 'New' };
  },
  validate: (w) => (w.spec?.size === undefined ? [required('spec.size')] : []),
  table: { columns: [], cells: () => [] },
});

function scope(name: string, extra: Partial<RequestScope> = {}): RequestScope {
  return { kind: widget, namespace: 'ns1', name, dryRun: false, subresource: '', ...extra };
}

async function rejects(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('ResourceStore', () => {
  let backend: Backend;
  let store: ResourceStore;
  let hooks: KindHooks;

  beforeEach(async () => {
    backend = await openBackend('memory://');
    hooks = {};
    store = new ResourceStore(backend, () => hooks);
  });
  afterEach(async () => {
    await backend.close();
  });

  it('fills server metadata, defaults and status on create', async () => {
    const w = await store.create(scope('a'), { metadata: { name: 'a' }, spec: { size: 1 }, status: { phase: 'Hacked' } } as Widget) as Widget;
    expect(w.apiVersion).toBe('example.dev/v1');
    expect(w.kind).toBe('Widget');
    expect(w.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(w.metadata.generation).toBe(1);
    expect(w.metadata.namespace).toBe('ns1');
    expect(Number(w.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(w.spec?.color).toBe('blue');
    expect(w.status?.phase).toBe('New');
    const got = await store.get(scope('a'));
    expect(got).toEqual(w);
  });

  it('generates names from generateName', async () => {
    const w = await store.create(scope(''), { metadata: { generateName: 'web-' }, spec: { size: 1 } } as Widget);
    expect(w.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('rejects invalid objects with 422 and stores nothing', async () => {
    const e = await rejects(store.create(scope('Bad_Name'), { metadata: { name: 'Bad_Name' } } as Widget));
    expect(e.code).toBe(422);
    expect(e.status.message).toContain('Widget.example.dev "Bad_Name" is invalid');
    expect(e.status.details?.causes?.map((c) => c.field)).toEqual(['metadata.name', 'spec.size']);
    expect(await backend.count('/registry/')).toBe(0);
  });

  it('answers 409 AlreadyExists for a duplicate name', async () => {
    await store.create(scope('a'), { metadata: { name: 'a' }, spec: { size: 1 } } as Widget);
    const e = await rejects(store.create(scope('a'), { metadata: { name: 'a' }, spec: { size: 2 } } as Widget));
    expect(e.code).toBe(409);
    expect(e.reason).toBe('AlreadyExists');
    expect(e.message).toBe('widgets.example.dev "a" already exists');
  });

  it('bumps generation only on spec changes and keeps status on main-resource writes', async () => {
    const w = await store.create(scope('a'), { metadata: { name: 'a' }, spec: { size: 1 } } as Widget);
    const labelled = await store.update(scope('a'), (cur) => ({ ...cur, metadata: { ...cur.metadata, labels: { x: 'y' } } }));
    expect(labelled.metadata.generation).toBe(1);
    const resized = (await store.update(scope('a'), (cur) => ({ ...cur, spec: { size: 5 }, status: { phase: 'Ignored' } }) as Widget)) as Widget;
    expect(resized.metadata.generation).toBe(2);
    expect(resized.status?.phase).toBe('New');
    expect(resized.metadata.uid).toBe(w.metadata.uid);
    const st = (await store.update(scope('a', { subresource: 'status' }), (cur) => ({ ...cur, spec: { size: 99 }, status: { phase: 'Ready' } }) as Widget)) as Widget;
    expect(st.status?.phase).toBe('Ready');
    expect(st.spec?.size).toBe(5);
    expect(st.metadata.generation).toBe(2);
  });

  it('answers 409 Conflict for a stale resourceVersion and writes nothing', async () => {
    const w = await store.create(scope('a'), { metadata: { name: 'a' }, spec: { size: 1 } } as Widget);
    await store.update(scope('a'), (cur) => ({ ...cur, spec: { size: 2 } }) as Widget);
    const e = await rejects(store.update(scope('a'), () => ({ ...w, spec: { size: 3 } }) as Widget));
    expect(e.code).toBe(409);
    expect(e.message).toContain('the object has been modified');
    expect(((await store.get(scope('a'))) as Widget).spec?.size).toBe(2);
  });

  it('does not write when nothing changed', async () => {
    const w = await store.create(scope('a'), { metadata: { name: 'a' }, spec: { size: 1 } } as Widget);
    const same = await store.update(scope('a'), (cur) => cur);
    expect(same.metadata.resourceVersion).toBe(w.metadata.resourceVersion);
  });

  it('holds deletion while finalizers remain, then removes the object when the last one goes', async () => {
    await store.create(scope('a'), { metadata: { name: 'a', finalizers: ['example.dev/cleanup'] }, spec: { size: 1 } } as Widget);
    const first = await store.delete(scope('a'), {});
    expect(first.deleted).toBe(false);
    expect(first.object.metadata.deletionTimestamp).toBeTruthy();
    await store.update(scope('a'), (cur) => ({ ...cur, metadata: { ...cur.metadata, finalizers: [] } }));
    expect((await rejects(store.get(scope('a')))).code).toBe(404);
  });

  it('adds the foregroundDeletion finalizer for Foreground propagation', async () => {
    await store.create(scope('a'), { metadata: { name: 'a' }, spec: { size: 1 } } as Widget);
    const r = await store.delete(scope('a'), { propagationPolicy: 'Foreground' });
    expect(r.deleted).toBe(false);
    expect(r.object.metadata.finalizers).toEqual(['foregroundDeletion']);
  });

  it('checks delete preconditions', async () => {
    await store.create(scope('a'), { metadata: { name: 'a' }, spec: { size: 1 } } as Widget);
    const e = await rejects(store.delete(scope('a'), { preconditions: { uid: 'nope' } }));
    expect(e.code).toBe(409);
    expect(e.message).toContain('Precondition failed: UID in precondition: nope');
  });

  it('marks instead of deleting when a hook asks for a grace period', async () => {
    hooks = { deleteGraceSeconds: (_o, opts) => opts.gracePeriodSeconds ?? 30 };
    await store.create(scope('a'), { metadata: { name: 'a' }, spec: { size: 1 } } as Widget);
    const r = await store.delete(scope('a'), {});
    expect(r.deleted).toBe(false);
    expect(r.object.metadata.deletionGracePeriodSeconds).toBe(30);
    const forced = await store.delete(scope('a'), { gracePeriodSeconds: 0 });
    expect(forced.deleted).toBe(true);
  });

  it('dry runs store nothing', async () => {
    await store.create(scope('a', { dryRun: true }), { metadata: { name: 'a' }, spec: { size: 1 } } as Widget);
    expect(await backend.count('/registry/')).toBe(0);
  });
});
