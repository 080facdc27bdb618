/** The ResourceClient look-alike FakeApi hands out (see fake-api.ts). */
import type { KubeObject } from '../../../api/meta.js';
import type { CallOptions, DeleteOptions, ListOptions, ListResult, PatchOptions, ResourceKind, WatchEvent, WatchOptions, WatchStream, WriteOptions } from '../../../client/index.js';
import { ApiError, deepClone, parseSelector } from '../../../machinery/index.js';

/** What a FakeResource needs of its FakeApi (an interface, so the two files do not import each other). */
export interface FakeServer {
  get<T extends KubeObject>(kind: ResourceKind, namespace: string, name: string): T | undefined;
  snapshot(kind: ResourceKind, namespace: string | undefined, opts: ListOptions): ListResult<KubeObject>;
  doCreate(kind: ResourceKind, obj: KubeObject): KubeObject;
  doUpdate(kind: ResourceKind, obj: KubeObject, subresource: '' | 'status'): KubeObject;
  doPatch(kind: ResourceKind, namespace: string, name: string, opts: PatchOptions): KubeObject;
  doDelete(kind: ResourceKind, namespace: string, name: string, opts: DeleteOptions): KubeObject;
  watchers(kind: ResourceKind): Set<(type: WatchEvent<KubeObject>['type'], obj: KubeObject) => void>;
  eventsSince(kind: ResourceKind, rv: number): { type: WatchEvent<KubeObject>['type']; obj: KubeObject }[];
  readonly revision: number;
}

/** Resolves on the next microtask turn so callers see async behaviour, as with a real server. */
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

export class FakeResource<T extends KubeObject = KubeObject> {
  constructor(
    private readonly api: FakeServer,
    readonly kind: ResourceKind,
  ) {}

  async get(ns: string | undefined, name: string, _opts?: CallOptions): Promise<T> {
    await tick();
    const o = this.api.get<T>(this.kind, ns ?? '', name);
    if (!o) throw ApiError.notFound({ group: this.kind.group, resource: this.kind.plural }, name);
    return o;
  }

  async list(ns: string | undefined, opts: ListOptions = {}): Promise<ListResult<T>> {
    await tick();
    return this.api.snapshot(this.kind, ns, opts) as ListResult<T>;
  }

  listAll(ns: string | undefined, opts: ListOptions = {}): Promise<ListResult<T>> {
    return this.list(ns, opts);
  }

  async create(obj: T, opts: WriteOptions & { namespace?: string } = {}): Promise<T> {
    await tick();
    const o = deepClone(obj);
    if (opts.namespace && !o.metadata.namespace) o.metadata.namespace = opts.namespace;
    return this.api.doCreate(this.kind, o) as T;
  }

  async update(obj: T, _opts?: WriteOptions): Promise<T> {
    await tick();
    return this.api.doUpdate(this.kind, obj, '') as T;
  }

  async updateStatus(obj: T, _opts?: WriteOptions): Promise<T> {
    await tick();
    return this.api.doUpdate(this.kind, obj, 'status') as T;
  }

  async patch(ns: string | undefined, name: string, opts: PatchOptions): Promise<T> {
    await tick();
    return this.api.doPatch(this.kind, ns ?? '', name, opts) as T;
  }

  async delete(ns: string | undefined, name: string, opts: DeleteOptions = {}): Promise<T> {
    await tick();
    return this.api.doDelete(this.kind, ns ?? '', name, opts) as T;
  }

  async deleteCollection(ns: string | undefined, opts: ListOptions & DeleteOptions = {}): Promise<ListResult<T>> {
    await tick();
    const items = this.api.snapshot(this.kind, ns, opts).items;
    for (const o of items) this.api.doDelete(this.kind, o.metadata.namespace ?? '', o.metadata.name ?? '', opts);
    return { items: items as T[], resourceVersion: String(this.api.revision), continue: '' };
  }

  /** PUT namespaces/{name}/finalize and other subresource updates (finalize only here). */
  async updateSubresource<R = unknown>(ns: string | undefined, name: string, opts: { subresource: string; body: unknown }): Promise<R> {
    await tick();
    if (opts.subresource !== 'finalize') throw ApiError.badRequest(`fake: subresource ${opts.subresource} is not supported`);
    const body = opts.body as KubeObject & { spec?: { finalizers?: string[] } };
    return this.api.doPatch(this.kind, ns ?? '', name, { type: 'merge', body: { spec: { finalizers: body.spec?.finalizers ?? null } } }) as R;
  }

  watch(ns: string | undefined, opts: WatchOptions = {}): WatchStream<T> {
    const api = this.api;
    const kind = this.kind;
    const sel = opts.labelSelector ? parseSelector(opts.labelSelector) : undefined;
    const buffer: WatchEvent<T>[] = [];
    let wake: (() => void) | undefined;
    let closed = false;
    const listener = (type: WatchEvent<KubeObject>['type'], obj: KubeObject): void => {
      if (ns && obj.metadata.namespace !== ns) return;
      if (sel && !sel.matches(obj.metadata.labels)) return;
      buffer.push({ type, object: obj as T });
      wake?.();
    };
    const from = Number(opts.resourceVersion);
    if (opts.resourceVersion && Number.isFinite(from)) for (const e of api.eventsSince(kind, from)) listener(e.type, e.obj);
    api.watchers(kind).add(listener);
    const stop = (): void => {
      closed = true;
      api.watchers(kind).delete(listener);
      wake?.();
    };
    opts.signal?.addEventListener('abort', stop, { once: true });
    async function* gen(): AsyncGenerator<WatchEvent<T>> {
      try {
        for (;;) {
          const ev = buffer.shift();
          if (ev) {
            yield ev;
            continue;
          }
          if (closed) return;
          await new Promise<void>((r) => (wake = r));
          wake = undefined;
        }
      } finally {
        stop();
      }
    }
    const g = gen();
    return { [Symbol.asyncIterator]: () => g, close: stop };
  }
}
