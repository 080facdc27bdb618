/**
 * Test support for the part-B controllers' unit tests: an in-memory stand-in for the API server
 * and informer caches. Each kind has a Store (what a reconciler reads) and a writer with the
 * verbs of ResourceClient that the controllers use; writes land in the Store at once, as if the
 * informer had seen them. Every write is logged in `actions`.
 */
import { pod as podKind, type Pod } from '../../src/api/core/v1/index.js';
import type { KubeObject } from '../../src/api/meta.js';
import { podFromTemplate, type PodControl } from '../../src/controllers/runtime/index.js';
import { Store, objectKey, type ResourceKind } from '../../src/client/index.js';
import { ApiError, applyJsonPatch, applyMergePatch, applyStrategicMergePatch, deepClone } from '../../src/machinery/index.js';
import { FakeClock } from '../../src/util/index.js';

export interface FakeAction {
  verb: 'create' | 'update' | 'patch' | 'delete';
  resource: string;
  namespace: string;
  name: string;
  subresource?: string;
  body?: unknown;
}

/** The ResourceClient verbs the controllers use. */
export interface FakeWriter<T extends KubeObject> {
  kind: ResourceKind;
  get(ns: string | undefined, name: string): Promise<T>;
  create(obj: T): Promise<T>;
  update(obj: T): Promise<T>;
  updateStatus(obj: T): Promise<T>;
  patch(ns: string | undefined, name: string, opts: { type: string; body: unknown; subresource?: string }): Promise<T>;
  delete(ns: string | undefined, name: string, opts?: { propagationPolicy?: string; preconditions?: { uid?: string } }): Promise<T>;
}

/** A recorded Event. */
export interface FakeEvent {
  object: string;
  type: string;
  reason: string;
  message: string;
}

let uidSeq = 0;

export class FakeApi {
  readonly clock: FakeClock;
  readonly actions: FakeAction[] = [];
  readonly events: FakeEvent[] = [];
  /** Make the next writes matching this fail (verb:resource → error). */
  readonly failNext = new Map<string, Error>();
  private readonly stores = new Map<string, Store<KubeObject>>();
  private readonly listeners = new Map<string, ((type: 'add' | 'update' | 'delete', obj: KubeObject) => void)[]>();
  private rv = 1;
  private nameSeq = 0;

  constructor(clock?: FakeClock) {
    this.clock = clock ?? new FakeClock(Date.parse('2024-01-01T00:00:00Z'));
  }

  store<T extends KubeObject>(kind: ResourceKind): Store<T> {
    let s = this.stores.get(kind.plural);
    if (!s) this.stores.set(kind.plural, (s = new Store<KubeObject>()));
    return s as unknown as Store<T>;
  }

  /** Calls `fn` after every change to objects of `kind` (as an informer handler would be). */
  onChange<T extends KubeObject>(kind: ResourceKind, fn: (type: 'add' | 'update' | 'delete', obj: T) => void): void {
    const list = this.listeners.get(kind.plural) ?? [];
    list.push(fn as (type: 'add' | 'update' | 'delete', obj: KubeObject) => void);
    this.listeners.set(kind.plural, list);
  }

  private notify(kind: ResourceKind, type: 'add' | 'update' | 'delete', obj: KubeObject): void {
    for (const fn of this.listeners.get(kind.plural) ?? []) fn(type, obj);
  }

  /** A PodControl over this fake (pods from templates, upstream events on the owner). */
  podControl(): PodControl {
    const pods = this.writer<Pod>(podKind);
    return {
      createPod: async (namespace, template, opts) => {
        const created = await pods.create(podFromTemplate(template, { namespace, ...opts }));
        this.recorder.event(opts.owner, { type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${created.metadata.name}` });
        return created;
      },
      deletePod: async (namespace, name, opts) => {
        await pods.delete(namespace, name, opts.uid ? { preconditions: { uid: opts.uid } } : {});
        this.recorder.event(opts.owner, { type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${name}` });
      },
      patchPod: (namespace, name, opts) => pods.patch(namespace, name, { type: opts.type ?? 'merge', body: opts.body }),
    };
  }

  /** Puts an object straight into the cache (filling uid, resourceVersion, creationTimestamp). */
  seed<T extends KubeObject>(kind: ResourceKind, obj: T): T {
    const o = deepClone(obj);
    o.metadata.uid ??= `uid-${++uidSeq}`;
    o.metadata.resourceVersion = String(this.rv++);
    o.metadata.creationTimestamp ??= new Date(this.clock.now()).toISOString().replace(/\.\d+Z$/, 'Z');
    const old = this.store<T>(kind).set(o);
    this.notify(kind, old ? 'update' : 'add', o);
    return o;
  }

  /** The event sink the controllers record to. */
  get recorder(): { event(obj: KubeObject, d: { type: string; reason: string; message: string }): void } {
    return {
      event: (obj, d) => this.events.push({ object: `${obj.kind ?? ''}/${obj.metadata.name}`, ...d }),
    };
  }

  writer<T extends KubeObject>(kind: ResourceKind): FakeWriter<T> {
    const store = this.store<T>(kind);
    const gr = { group: kind.group, resource: kind.plural };
    const find = (ns: string | undefined, name: string): T => {
      const o = store.getByName(ns, name);
      if (!o) throw ApiError.notFound(gr, name);
      return o;
    };
    const check = (verb: string) => {
      const err = this.failNext.get(`${verb}:${kind.plural}`);
      if (err) {
        this.failNext.delete(`${verb}:${kind.plural}`);
        throw err;
      }
    };
    const save = (o: T): T => {
      o.metadata.resourceVersion = String(this.rv++);
      if (o.metadata.deletionTimestamp && !o.metadata.finalizers?.length) {
        store.delete(objectKey(o));
        this.notify(kind, 'delete', o);
      } else {
        const old = store.set(o);
        this.notify(kind, old ? 'update' : 'add', o);
      }
      return deepClone(o);
    };
    const log = (a: FakeAction) => this.actions.push(a);
    return {
      kind,
      get: async (ns, name) => deepClone(find(ns, name)),
      create: async (obj) => {
        check('create');
        const o = deepClone(obj);
        if (!o.metadata.name && o.metadata.generateName) o.metadata.name = `${o.metadata.generateName}${(++this.nameSeq).toString(36).padStart(5, 'x')}`;
        const name = o.metadata.name ?? '';
        if (store.getByName(o.metadata.namespace, name)) throw ApiError.alreadyExists(gr, name);
        o.metadata.uid = `uid-${++uidSeq}`;
        o.metadata.creationTimestamp = new Date(this.clock.now()).toISOString().replace(/\.\d+Z$/, 'Z');
        if (kind.kind) o.kind ??= kind.kind;
        log({ verb: 'create', resource: kind.plural, namespace: o.metadata.namespace ?? '', name, body: deepClone(obj) });
        return save(o);
      },
      update: async (obj) => {
        check('update');
        const cur = find(obj.metadata.namespace, obj.metadata.name ?? '');
        if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== cur.metadata.resourceVersion) throw ApiError.conflict(gr, obj.metadata.name ?? '');
        log({ verb: 'update', resource: kind.plural, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '', body: deepClone(obj) });
        const next = deepClone(obj);
        (next as { status?: unknown }).status = (cur as { status?: unknown }).status;
        return save(next);
      },
      updateStatus: async (obj) => {
        check('updateStatus');
        const cur = find(obj.metadata.namespace, obj.metadata.name ?? '');
        if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== cur.metadata.resourceVersion) throw ApiError.conflict(gr, obj.metadata.name ?? '');
        log({ verb: 'update', resource: kind.plural, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '', subresource: 'status', body: deepClone(obj) });
        const next = deepClone(cur);
        (next as { status?: unknown }).status = deepClone((obj as { status?: unknown }).status);
        return save(next);
      },
      patch: async (ns, name, opts) => {
        check('patch');
        const cur = find(ns, name);
        log({ verb: 'patch', resource: kind.plural, namespace: ns ?? '', name, subresource: opts.subresource, body: deepClone(opts.body) });
        const body = opts.body as { metadata?: { resourceVersion?: string } };
        if (body?.metadata?.resourceVersion && body.metadata.resourceVersion !== cur.metadata.resourceVersion) throw ApiError.conflict(gr, name);
        const next = (
          opts.type === 'json'
            ? applyJsonPatch(deepClone(cur), opts.body)
            : opts.type === 'strategic'
              ? applyStrategicMergePatch(deepClone(cur), opts.body)
              : applyMergePatch(deepClone(cur), opts.body)
        ) as T;
        return save(next);
      },
      delete: async (ns, name, opts) => {
        check('delete');
        const cur = find(ns, name);
        if (opts?.preconditions?.uid && opts.preconditions.uid !== cur.metadata.uid) throw ApiError.conflict(gr, name, { detail: 'Precondition failed: UID in precondition does not match' });
        log({ verb: 'delete', resource: kind.plural, namespace: ns ?? '', name, body: opts });
        if (cur.metadata.finalizers?.length) {
          const next = deepClone(cur);
          next.metadata.deletionTimestamp ??= new Date(this.clock.now()).toISOString().replace(/\.\d+Z$/, 'Z');
          return save(next);
        }
        store.delete(objectKey(cur));
        this.notify(kind, 'delete', cur);
        return deepClone(cur);
      },
    };
  }

  /** Actions of one verb and resource (e.g. 'create', 'pods'). */
  done(verb: FakeAction['verb'], resource: string): FakeAction[] {
    return this.actions.filter((a) => a.verb === verb && a.resource === resource);
  }
}
