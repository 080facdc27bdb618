/**
 * FakeApi: an in-memory stand-in for RestClient in controller unit tests. It keeps objects per
 * resource with resourceVersions, uids, generateName, generation, the /status split, finalizers
 * (including the foregroundDeletion/orphan propagation finalizers), merge/JSON/strategic
 * patches and watches, so the real informers, queue and runtime run on it unchanged:
 *
 *   const api = new FakeApi();
 *   const client = api.client();                       // typed as RestClient
 *   await api.seed(deployment, {...});                  // store an object directly
 *   api.actions                                         // every write: {verb, plural, namespace, name}
 */
import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../../../api/meta.js';
import { scheme } from '../../../api/scheme.js';
import type { RestClient } from '../../../client/index.js';
import type { DeleteOptions, ListOptions, ListResult, PatchOptions, ResourceKind, WatchEvent, WatchOptions, WatchStream } from '../../../client/index.js';
import { ApiError, applyJsonPatch, applyMergePatch, applyStrategicMergePatch, builtinPatchMeta, deepClone, deepEqual, parseSelector } from '../../../machinery/index.js';
import { FakeResource, type FakeServer } from './fake-resource.js';

export interface FakeAction {
  verb: 'create' | 'update' | 'patch' | 'delete' | 'status';
  plural: string;
  namespace: string;
  name: string;
}

type Listener = (type: WatchEvent<KubeObject>['type'], obj: KubeObject) => void;

export class FakeApi implements FakeServer {
  private rv = 0;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly resources = new Map<string, FakeResource>();
  private readonly history = new Map<string, { rv: number; type: WatchEvent<KubeObject>['type']; obj: KubeObject }[]>();
  readonly actions: FakeAction[] = [];
  /** Called before every write; throw to make it fail (e.g. an ApiError). */
  failWrite: ((a: FakeAction) => void) | undefined;

  /** A RestClient look-alike (resource() and close()). */
  client(): RestClient {
    return { resource: (kind: ResourceKind) => this.resource(kind), close: () => {}, config: {} } as unknown as RestClient;
  }

  resource<T extends KubeObject = KubeObject>(kind: ResourceKind): FakeResource<T> {
    const k = resKey(kind);
    let r = this.resources.get(k);
    if (!r) this.resources.set(k, (r = new FakeResource(this, kind)));
    return r as unknown as FakeResource<T>;
  }

  /** Stores `obj` as the server would on create (no action recorded). */
  seed<T extends KubeObject>(kind: ResourceKind, obj: T): T {
    return this.doCreate(kind, deepClone(obj), false) as T;
  }

  /** The stored object (a copy) or undefined. */
  get<T extends KubeObject>(kind: ResourceKind, namespace: string, name: string): T | undefined {
    const o = this.bucket(kind).get(objKey(kind, namespace, name));
    return o ? (deepClone(o) as T) : undefined;
  }

  /** Stored objects of a kind (copies), optionally in one namespace. */
  list<T extends KubeObject>(kind: ResourceKind, namespace?: string): T[] {
    return [...this.bucket(kind).values()].filter((o) => !namespace || o.metadata.namespace === namespace).map((o) => deepClone(o) as T);
  }

  // --- the server side, called by FakeResource ---

  record(a: FakeAction): void {
    this.failWrite?.(a);
    this.actions.push(a);
  }

  doCreate(kind: ResourceKind, obj: KubeObject, record = true): KubeObject {
    const md = (obj.metadata ??= {});
    if (kind.namespaced && !md.namespace) throw ApiError.badRequest('namespace required');
    if (!md.name && md.generateName) md.name = `${md.generateName}${randomUUID().slice(0, 5)}`;
    if (!md.name) throw ApiError.badRequest('name or generateName is required');
    if (record) this.record({ verb: 'create', plural: kind.plural, namespace: md.namespace ?? '', name: md.name });
    const key = objKey(kind, md.namespace ?? '', md.name);
    if (this.bucket(kind).has(key)) throw ApiError.alreadyExists({ group: kind.group, resource: kind.plural }, md.name);
    const def = scheme.resource(kind.group, kind.version, kind.plural);
    obj.apiVersion = kind.group ? `${kind.group}/${kind.version}` : kind.version;
    if (def?.kind ?? kind.kind) obj.kind = def?.kind ?? kind.kind;
    md.uid ??= randomUUID();
    md.creationTimestamp ??= new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    md.generation = 1;
    def?.defaults?.(obj);
    return this.store(kind, obj, 'ADDED');
  }

  doUpdate(kind: ResourceKind, obj: KubeObject, subresource: '' | 'status'): KubeObject {
    const md = obj.metadata ?? {};
    this.record({ verb: subresource === 'status' ? 'status' : 'update', plural: kind.plural, namespace: md.namespace ?? '', name: md.name ?? '' });
    const current = this.current(kind, md.namespace ?? '', md.name ?? '');
    if (md.resourceVersion && md.resourceVersion !== current.metadata.resourceVersion) {
      throw ApiError.conflict({ group: kind.group, resource: kind.plural }, md.name ?? '');
    }
    return this.write(kind, current, deepClone(obj), subresource);
  }

  doPatch(kind: ResourceKind, namespace: string, name: string, opts: PatchOptions): KubeObject {
    this.record({ verb: 'patch', plural: kind.plural, namespace, name });
    const current = this.current(kind, namespace, name);
    const body = typeof opts.body === 'string' ? JSON.parse(opts.body) : opts.body;
    let next: KubeObject;
    if (opts.type === 'json') next = applyJsonPatch(deepClone(current), body as never) as KubeObject;
    else if (opts.type === 'strategic') next = applyStrategicMergePatch(deepClone(current), body as Record<string, unknown>, builtinPatchMeta) as unknown as KubeObject;
    else next = applyMergePatch(deepClone(current), body) as KubeObject;
    const rv = next.metadata?.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion) throw ApiError.conflict({ group: kind.group, resource: kind.plural }, name);
    return this.write(kind, current, next, opts.subresource === 'status' ? 'status' : '');
  }

  doDelete(kind: ResourceKind, namespace: string, name: string, opts: DeleteOptions): KubeObject {
    this.record({ verb: 'delete', plural: kind.plural, namespace, name });
    const current = this.current(kind, namespace, name);
    if (opts.preconditions?.uid && opts.preconditions.uid !== current.metadata.uid) {
      throw ApiError.conflict({ group: kind.group, resource: kind.plural }, name, { detail: 'Precondition failed: UID' });
    }
    const fins = [...(current.metadata.finalizers ?? [])];
    if (!current.metadata.deletionTimestamp) {
      if (opts.propagationPolicy === 'Foreground' && !fins.includes('foregroundDeletion')) fins.push('foregroundDeletion');
      if (opts.propagationPolicy === 'Orphan' && !fins.includes('orphan')) fins.push('orphan');
    }
    const spec = (current as { spec?: { finalizers?: string[] } }).spec;
    if (fins.length || (kind.plural === 'namespaces' && spec?.finalizers?.length)) {
      const next = deepClone(current);
      next.metadata.finalizers = fins;
      next.metadata.deletionTimestamp ??= new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      if (kind.plural === 'namespaces') (next as { status?: unknown }).status = { phase: 'Terminating' };
      return this.store(kind, next, 'MODIFIED');
    }
    return this.remove(kind, current);
  }

  watchers(kind: ResourceKind): Set<Listener> {
    const k = resKey(kind);
    let s = this.listeners.get(k);
    if (!s) this.listeners.set(k, (s = new Set()));
    return s;
  }

  snapshot(kind: ResourceKind, namespace: string | undefined, opts: ListOptions): ListResult<KubeObject> {
    const sel = opts.labelSelector ? parseSelector(opts.labelSelector) : undefined;
    const items = [...this.bucket(kind).values()]
      .filter((o) => (!namespace || o.metadata.namespace === namespace) && (!sel || sel.matches(o.metadata.labels)))
      .map((o) => deepClone(o));
    return { items, resourceVersion: String(this.rv), continue: '' };
  }

  get revision(): number {
    return this.rv;
  }

  private current(kind: ResourceKind, namespace: string, name: string): KubeObject {
    const cur = this.bucket(kind).get(objKey(kind, namespace, name));
    if (!cur) throw ApiError.notFound({ group: kind.group, resource: kind.plural }, name);
    return deepClone(cur);
  }

  private write(kind: ResourceKind, current: KubeObject, next: KubeObject, subresource: '' | 'status'): KubeObject {
    const def = scheme.resource(kind.group, kind.version, kind.plural);
    const rec = next as unknown as Record<string, unknown>;
    const cur = current as unknown as Record<string, unknown>;
    if (subresource === 'status') {
      const status = rec.status;
      for (const k of Object.keys(rec)) delete rec[k];
      Object.assign(rec, deepClone(cur), { status });
    } else if (def?.statusSubresource) {
      rec.status = deepClone(cur.status);
    }
    next.metadata = { ...next.metadata, uid: current.metadata.uid, creationTimestamp: current.metadata.creationTimestamp, generation: current.metadata.generation };
    if (current.metadata.deletionTimestamp) next.metadata.deletionTimestamp = current.metadata.deletionTimestamp;
    def?.defaults?.(next);
    if (subresource === '' && !deepEqual(rec.spec, cur.spec)) next.metadata.generation = (current.metadata.generation ?? 1) + 1;
    delete next.metadata.resourceVersion;
    const { resourceVersion: _rv, ...curMeta } = current.metadata;
    if (deepEqual({ ...next, metadata: next.metadata }, { ...current, metadata: curMeta })) return current;
    if (next.metadata.deletionTimestamp && !(next.metadata.finalizers ?? []).length && !((next as { spec?: { finalizers?: string[] } }).spec?.finalizers ?? []).length) {
      return this.remove(kind, next);
    }
    return this.store(kind, next, 'MODIFIED');
  }

  private store(kind: ResourceKind, obj: KubeObject, type: 'ADDED' | 'MODIFIED'): KubeObject {
    obj.metadata.resourceVersion = String(++this.rv);
    const md = obj.metadata;
    this.bucket(kind).set(objKey(kind, md.namespace ?? '', md.name ?? ''), obj);
    this.emit(kind, type, obj);
    return deepClone(obj);
  }

  private remove(kind: ResourceKind, obj: KubeObject): KubeObject {
    const md = obj.metadata;
    this.bucket(kind).delete(objKey(kind, md.namespace ?? '', md.name ?? ''));
    obj.metadata.resourceVersion = String(++this.rv);
    this.emit(kind, 'DELETED', obj);
    return deepClone(obj);
  }

  /** Events of `kind` after revision `rv` (what a watch from rv replays first). */
  eventsSince(kind: ResourceKind, rv: number): { type: WatchEvent<KubeObject>['type']; obj: KubeObject }[] {
    return (this.history.get(resKey(kind)) ?? []).filter((e) => e.rv > rv).map((e) => ({ type: e.type, obj: deepClone(e.obj) }));
  }

  private emit(kind: ResourceKind, type: WatchEvent<KubeObject>['type'], obj: KubeObject): void {
    const k = resKey(kind);
    let h = this.history.get(k);
    if (!h) this.history.set(k, (h = []));
    h.push({ rv: this.rv, type, obj: deepClone(obj) });
    if (h.length > 20_000) h.splice(0, h.length - 10_000);
    for (const l of [...this.watchers(kind)]) l(type, deepClone(obj));
  }

  private bucket(kind: ResourceKind): Map<string, KubeObject> {
    const k = resKey(kind);
    let b = this.objects.get(k);
    if (!b) this.objects.set(k, (b = new Map()));
    return b;
  }
}

function resKey(kind: ResourceKind): string {
  return `${kind.group}/${kind.plural}`;
}

function objKey(kind: ResourceKind, namespace: string, name: string): string {
  return kind.namespaced ? `${namespace}/${name}` : name;
}

export type { WatchOptions, WatchStream };
