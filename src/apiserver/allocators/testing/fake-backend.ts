/**
 * A small in-memory Backend for the allocator tests: get, list (paged), count, create, update
 * and delete with etcd semantics; every call yields to the event loop first so that concurrent
 * callers interleave the way they do against a real store. Watch and compaction are not needed
 * here and throw.
 */
import {
  ConflictError,
  KeyExistsError,
  KeyNotFoundError,
  type Backend,
  type KeyValue,
  type ListOptions,
  type ListResult,
  type WatchEvent,
} from '../../../storage/index.js';

export class FakeBackend implements Backend {
  private readonly data = new Map<string, KeyValue>();
  private revision = 0;
  /** How many calls of each kind were made (tests check the fast path stays fast). */
  readonly calls = { get: 0, list: 0, create: 0, update: 0, delete: 0 };

  private async tick(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  async get(key: string): Promise<KeyValue | null> {
    this.calls.get++;
    await this.tick();
    const kv = this.data.get(key);
    return kv ? { ...kv } : null;
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    this.calls.list++;
    await this.tick();
    const keys = [...this.data.keys()].filter((k) => k.startsWith(prefix) && (!opts.continue || k > opts.continue));
    keys.sort();
    const limit = opts.limit && opts.limit > 0 ? opts.limit : keys.length;
    const page = keys.slice(0, limit);
    const more = keys.length > page.length;
    return {
      items: page.map((k) => ({ ...this.data.get(k)! })),
      revision: this.revision,
      continue: more ? page[page.length - 1] : undefined,
      remaining: keys.length - page.length,
    };
  }

  async count(prefix: string): Promise<number> {
    await this.tick();
    return [...this.data.keys()].filter((k) => k.startsWith(prefix)).length;
  }

  async create(key: string, value: string): Promise<KeyValue> {
    this.calls.create++;
    await this.tick();
    if (this.data.has(key)) throw new KeyExistsError(key);
    const rev = ++this.revision;
    const kv = { key, value, createRevision: rev, modRevision: rev };
    this.data.set(key, kv);
    return { ...kv };
  }

  async update(key: string, value: string, expectedModRevision: number): Promise<KeyValue> {
    this.calls.update++;
    await this.tick();
    const cur = this.data.get(key);
    if (!cur || cur.modRevision !== expectedModRevision) {
      throw new ConflictError(key, expectedModRevision, cur ? { ...cur } : null);
    }
    const kv = { ...cur, value, modRevision: ++this.revision };
    this.data.set(key, kv);
    return { ...kv };
  }

  async delete(key: string, expectedModRevision?: number): Promise<KeyValue> {
    this.calls.delete++;
    await this.tick();
    const cur = this.data.get(key);
    if (!cur) throw new KeyNotFoundError(key);
    if (expectedModRevision !== undefined && cur.modRevision !== expectedModRevision) {
      throw new ConflictError(key, expectedModRevision, { ...cur });
    }
    this.data.delete(key);
    return { ...cur, modRevision: ++this.revision };
  }

  watch(): AsyncIterable<WatchEvent> {
    throw new Error('FakeBackend does not support watch');
  }

  async currentRevision(): Promise<number> {
    return this.revision;
  }

  async compact(): Promise<void> {
    throw new Error('FakeBackend does not support compaction');
  }

  async compactedRevision(): Promise<number> {
    return 0;
  }

  async close(): Promise<void> {}
}
