/** ResourceClient<T>: typed verbs on one resource (get, list, create, update, patch, delete, watch). */
import type { KubeObject } from '../api/meta.js';
import { apiVersionOf } from '../api/meta.js';
import type { Transport } from './transport.js';
import type {
  CallOptions,
  CreateOptions,
  DeleteOptions,
  DeleteResult,
  ListOptions,
  ListResult,
  PatchOptions,
  PatchType,
  RawRequest,
  ResourceKind,
  SubresourceOptions,
  WatchOptions,
  WatchStream,
  WriteOptions,
} from './types.js';
import { openWatch } from './watch.js';

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

type Query = NonNullable<RawRequest['query']>;

function writeQuery(opts: WriteOptions, defaultManager?: string): Query {
  return {
    fieldManager: opts.fieldManager ?? defaultManager,
    dryRun: opts.dryRun ? 'All' : undefined,
    fieldValidation: opts.fieldValidation,
  };
}

function listQuery(opts: ListOptions): Query {
  return {
    labelSelector: opts.labelSelector,
    fieldSelector: opts.fieldSelector,
    limit: opts.limit,
    continue: opts.continue,
    resourceVersion: opts.resourceVersion,
    resourceVersionMatch: opts.resourceVersionMatch,
    timeoutSeconds: opts.timeoutSeconds,
  };
}

function deleteBody(opts: DeleteOptions): Record<string, unknown> {
  const body: Record<string, unknown> = { kind: 'DeleteOptions', apiVersion: 'v1' };
  if (opts.gracePeriodSeconds !== undefined) body.gracePeriodSeconds = opts.gracePeriodSeconds;
  if (opts.propagationPolicy) body.propagationPolicy = opts.propagationPolicy;
  if (opts.preconditions) body.preconditions = opts.preconditions;
  if (opts.dryRun) body.dryRun = ['All'];
  return body;
}

export class ResourceClient<T extends KubeObject> {
  /** e.g. '/api/v1' or '/apis/apps/v1' */
  readonly basePath: string;
  readonly apiVersion: string;

  constructor(
    private readonly transport: Transport,
    readonly kind: ResourceKind,
    private readonly opts: { fieldManager?: string } = {},
  ) {
    this.basePath = kind.group === '' ? `/api/${kind.version}` : `/apis/${kind.group}/${kind.version}`;
    this.apiVersion = apiVersionOf(kind.group, kind.version);
  }

  /** The collection path: all namespaces when `ns` is empty (namespaced kinds). */
  collectionPath(ns?: string): string {
    if (!this.kind.namespaced || !ns) return `${this.basePath}/${this.kind.plural}`;
    return `${this.basePath}/namespaces/${encodeURIComponent(ns)}/${this.kind.plural}`;
  }

  /** The path of one object (plus `/subresource`). Throws on a missing name or namespace. */
  objectPath(ns: string | undefined, name: string, subresource?: string): string {
    if (typeof name !== 'string' || name === '') throw new Error(`${this.kind.plural}: a name is required`);
    if (this.kind.namespaced && !ns) throw new Error(`${this.kind.plural} ${JSON.stringify(name)}: a namespace is required`);
    const base = `${this.collectionPath(ns)}/${encodeURIComponent(name)}`;
    return subresource ? `${base}/${subresource}` : base;
  }

  async get(ns: string | undefined, name: string, opts: CallOptions = {}): Promise<T> {
    return this.json<T>({ method: 'GET', path: this.objectPath(ns, name), signal: opts.signal });
  }

  /** One page (or everything, without `limit`). `ns` empty lists across all namespaces. */
  async list(ns: string | undefined, opts: ListOptions = {}): Promise<ListResult<T>> {
    const body = await this.json<{ items?: T[] | null; metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number } }>({
      method: 'GET',
      path: this.collectionPath(ns),
      query: listQuery(opts),
      signal: opts.signal,
    });
    const result: ListResult<T> = {
      items: body.items ?? [],
      resourceVersion: body.metadata?.resourceVersion ?? '',
      continue: body.metadata?.continue ?? '',
    };
    if (body.metadata?.remainingItemCount !== undefined) result.remainingItemCount = body.metadata.remainingItemCount;
    return result;
  }

  /**
   * Every page of a list, each fetched with `limit` (default 500; 0 for one unpaged request),
   * as one result whose resourceVersion is the snapshot's. An expired continue token (410) is thrown.
   */
  async listAll(ns: string | undefined, opts: ListOptions = {}): Promise<ListResult<T>> {
    const items: T[] = [];
    const limit = opts.limit ?? 500;
    let cont = '';
    let rv = '';
    do {
      const page = await this.list(ns, { ...opts, limit: limit > 0 ? limit : undefined, continue: cont || undefined });
      for (const it of page.items) items.push(it);
      cont = page.continue;
      rv = page.resourceVersion;
    } while (cont);
    return { items, resourceVersion: rv, continue: '' };
  }

  /** Creates `obj` in its metadata.namespace (or opts.namespace). apiVersion/kind are filled in if missing. */
  async create(obj: T, opts: CreateOptions = {}): Promise<T> {
    const ns = obj?.metadata?.namespace || opts.namespace;
    if (this.kind.namespaced && !ns) throw new Error(`${this.kind.plural}: create needs metadata.namespace`);
    return this.json<T>({ method: 'POST', path: this.collectionPath(ns), query: writeQuery(opts, this.opts.fieldManager), body: this.typed(obj), signal: opts.signal });
  }

  /** Replaces `obj` (PUT). A stale metadata.resourceVersion gives a 409 Conflict (`isConflict`). */
  async update(obj: T, opts: WriteOptions = {}): Promise<T> {
    return this.put(obj, undefined, opts);
  }

  /** Replaces `obj`'s status through the /status subresource. */
  async updateStatus(obj: T, opts: WriteOptions = {}): Promise<T> {
    return this.put(obj, 'status', opts);
  }

  /**
   * Patches one object: `{type: 'merge' | 'json' | 'strategic' | 'apply', body}`. Server-side
   * apply ('apply') needs a fieldManager (the client's default is used) and may set `force`.
   */
  async patch(ns: string | undefined, name: string, opts: PatchOptions): Promise<T> {
    const contentType = PATCH_CONTENT_TYPES[opts.type];
    if (!contentType) throw new Error(`patch: unknown patch type ${JSON.stringify(opts.type)} (merge, json, strategic or apply)`);
    const query = writeQuery(opts, this.opts.fieldManager);
    if (opts.force) query.force = true;
    const body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    return this.json<T>({ method: 'PATCH', path: this.objectPath(ns, name, opts.subresource), query, body, contentType, signal: opts.signal });
  }

  /** Deletes one object. Answers the object (while finalizers or grace keep it) or a Status. */
  async delete(ns: string | undefined, name: string, opts: DeleteOptions = {}): Promise<DeleteResult<T>> {
    return this.json<DeleteResult<T>>({ method: 'DELETE', path: this.objectPath(ns, name), body: deleteBody(opts), signal: opts.signal });
  }

  /** Deletes every object matching the selectors in `ns` (all namespaces when empty). */
  async deleteCollection(ns: string | undefined, opts: ListOptions & DeleteOptions = {}): Promise<ListResult<T> | DeleteResult<T>> {
    return this.json({ method: 'DELETE', path: this.collectionPath(ns), query: listQuery(opts), body: deleteBody(opts), signal: opts.signal });
  }

  /** GET of a subresource (e.g. 'scale'). */
  async getSubresource<R = unknown>(ns: string | undefined, name: string, opts: CallOptions & { subresource: string }): Promise<R> {
    return this.json<R>({ method: 'GET', path: this.objectPath(ns, name, opts.subresource), signal: opts.signal });
  }

  /** POST to a subresource: pods/binding, pods/eviction. */
  async createSubresource<R = unknown>(ns: string | undefined, name: string, opts: SubresourceOptions): Promise<R> {
    return this.writeSubresource<R>('POST', ns, name, opts);
  }

  /** PUT to a subresource (e.g. 'scale' with an autoscaling/v1 Scale). */
  async updateSubresource<R = unknown>(ns: string | undefined, name: string, opts: SubresourceOptions): Promise<R> {
    return this.writeSubresource<R>('PUT', ns, name, opts);
  }

  /**
   * Watches the collection (`ns` empty: all namespaces). Connects on first iteration; see
   * WatchStream for how it ends. Bookmarks are asked for unless allowWatchBookmarks is false.
   */
  watch(ns: string | undefined, opts: WatchOptions = {}): WatchStream<T> {
    const query: Query = {
      watch: 'true',
      resourceVersion: opts.resourceVersion,
      labelSelector: opts.labelSelector,
      fieldSelector: opts.fieldSelector,
      allowWatchBookmarks: opts.allowWatchBookmarks === false ? undefined : 'true',
      timeoutSeconds: opts.timeoutSeconds,
      sendInitialEvents: opts.sendInitialEvents ? 'true' : undefined,
    };
    if (opts.sendInitialEvents) query.resourceVersionMatch = 'NotOlderThan';
    return openWatch<T>(this.transport, { path: this.collectionPath(ns), query, signal: opts.signal });
  }

  private writeSubresource<R>(method: 'POST' | 'PUT', ns: string | undefined, name: string, opts: SubresourceOptions): Promise<R> {
    const path = this.objectPath(ns, name, opts.subresource);
    return this.json<R>({ method, path, query: writeQuery(opts, this.opts.fieldManager), body: opts.body, signal: opts.signal });
  }

  private async put(obj: T, subresource: string | undefined, opts: WriteOptions): Promise<T> {
    const md = obj?.metadata;
    return this.json<T>({
      method: 'PUT',
      path: this.objectPath(md?.namespace, md?.name ?? '', subresource),
      query: writeQuery(opts, this.opts.fieldManager),
      body: this.typed(obj),
      signal: opts.signal,
    });
  }

  /** Stamps apiVersion/kind when the caller left them out (the server requires them). */
  private typed(obj: T): T {
    if (!obj || typeof obj !== 'object' || typeof obj.metadata !== 'object') throw new Error(`${this.kind.plural}: not an object with metadata`);
    if (obj.apiVersion && obj.kind) return obj;
    return { ...obj, apiVersion: obj.apiVersion ?? this.apiVersion, kind: obj.kind ?? this.kind.kind };
  }

  private json<R>(req: RawRequest): Promise<R> {
    return this.transport.json<R>(req);
  }
}
