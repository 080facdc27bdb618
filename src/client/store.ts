/**
 * Store: the informer's indexed cache of objects by key (`namespace/name`, or `name` for
 * cluster-scoped objects). Built-in indexes: namespace, controller owner UID and spec.nodeName;
 * `addIndexer` adds more. Objects are shared: readers must not mutate them (deepClone first).
 * JavaScript runs one callback at a time, so a read never sees a half-applied change.
 */
import type { KubeObject } from '../api/meta.js';

/** The index values of an object (an empty array: not indexed). */
export type IndexFunc<T> = (obj: T) => string[];

/** Objects by metadata.namespace. */
export const NAMESPACE_INDEX = 'namespace';
/** Objects by the UID of their controller ownerReference (controller: true). */
export const OWNER_UID_INDEX = 'ownerUid';
/** Objects (pods) by spec.nodeName. */
export const NODE_NAME_INDEX = 'nodeName';

/** `namespace/name`, or `name` for an object without a namespace (client-go's MetaNamespaceKeyFunc). */
export function objectKey(obj: KubeObject): string {
  const md = obj.metadata;
  return md.namespace ? `${md.namespace}/${md.name ?? ''}` : md.name ?? '';
}

/** The inverse of objectKey. */
export function splitKey(key: string): { namespace: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

export const namespaceIndexFunc: IndexFunc<KubeObject> = (o) => (o.metadata.namespace ? [o.metadata.namespace] : []);

export const ownerUidIndexFunc: IndexFunc<KubeObject> = (o) => {
  const ref = o.metadata.ownerReferences?.find((r) => r.controller === true);
  return ref?.uid ? [ref.uid] : [];
};

export const nodeNameIndexFunc: IndexFunc<KubeObject> = (o) => {
  const n = (o as { spec?: { nodeName?: unknown } }).spec?.nodeName;
  return typeof n === 'string' && n !== '' ? [n] : [];
};

/** The read side of a Store: what informer users get. */
export interface ReadonlyStore<T extends KubeObject> {
  get(key: string): T | undefined;
  /** `get(objectKey({metadata: {namespace, name}}))`. */
  getByName(namespace: string | undefined, name: string): T | undefined;
  list(): T[];
  keys(): string[];
  readonly size: number;
  /** Objects whose index `indexName` has `value`. Throws for an unknown index. */
  byIndex(indexName: string, value: string): T[];
  /** Keys of those objects. */
  indexKeys(indexName: string, value: string): string[];
  /** Adds (or replaces) an index; existing objects are indexed at once. */
  addIndexer(indexName: string, fn: IndexFunc<T>): void;
  hasIndex(indexName: string): boolean;
}

export class Store<T extends KubeObject> implements ReadonlyStore<T> {
  private readonly items = new Map<string, T>();
  private readonly indexers = new Map<string, IndexFunc<T>>();
  /** index name → value → keys */
  private readonly indices = new Map<string, Map<string, Set<string>>>();

  constructor(opts: { builtinIndexes?: boolean } = {}) {
    if (opts.builtinIndexes !== false) {
      this.addIndexer(NAMESPACE_INDEX, namespaceIndexFunc);
      this.addIndexer(OWNER_UID_INDEX, ownerUidIndexFunc);
      this.addIndexer(NODE_NAME_INDEX, nodeNameIndexFunc);
    }
  }

  get size(): number {
    return this.items.size;
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  getByName(namespace: string | undefined, name: string): T | undefined {
    return this.items.get(namespace ? `${namespace}/${name}` : name);
  }

  list(): T[] {
    return [...this.items.values()];
  }

  keys(): string[] {
    return [...this.items.keys()];
  }

  hasIndex(indexName: string): boolean {
    return this.indexers.has(indexName);
  }

  byIndex(indexName: string, value: string): T[] {
    return this.indexKeys(indexName, value).map((k) => this.items.get(k)!);
  }

  indexKeys(indexName: string, value: string): string[] {
    const index = this.indices.get(indexName);
    if (!index) throw new Error(`store: no index named ${JSON.stringify(indexName)}`);
    return [...(index.get(value) ?? [])];
  }

  addIndexer(indexName: string, fn: IndexFunc<T>): void {
    if (typeof fn !== 'function') throw new Error(`store: index ${JSON.stringify(indexName)} needs a function`);
    this.indexers.set(indexName, fn);
    const index = new Map<string, Set<string>>();
    this.indices.set(indexName, index);
    for (const [key, obj] of this.items) this.indexOne(index, fn, key, obj);
  }

  /** Inserts or replaces by key; returns the previous object. */
  set(obj: T): T | undefined {
    const key = objectKey(obj);
    const old = this.items.get(key);
    if (old) this.unindex(key, old);
    this.items.set(key, obj);
    for (const [name, fn] of this.indexers) this.indexOne(this.indices.get(name)!, fn, key, obj);
    return old;
  }

  /** Removes by key; returns the removed object. */
  delete(key: string): T | undefined {
    const old = this.items.get(key);
    if (!old) return undefined;
    this.unindex(key, old);
    this.items.delete(key);
    return old;
  }

  private indexOne(index: Map<string, Set<string>>, fn: IndexFunc<T>, key: string, obj: T): void {
    for (const v of safeIndex(fn, obj)) {
      let set = index.get(v);
      if (!set) index.set(v, (set = new Set()));
      set.add(key);
    }
  }

  private unindex(key: string, obj: T): void {
    for (const [name, fn] of this.indexers) {
      const index = this.indices.get(name)!;
      for (const v of safeIndex(fn, obj)) {
        const set = index.get(v);
        if (!set) continue;
        set.delete(key);
        if (set.size === 0) index.delete(v);
      }
    }
  }
}

/** An index function that throws or answers garbage indexes nothing (and never breaks the cache). */
function safeIndex<T>(fn: IndexFunc<T>, obj: T): string[] {
  try {
    const v = fn(obj);
    return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
