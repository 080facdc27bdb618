/**
 * The etcd Backend (`etcd://h1:2379,h2:2379?prefix=/gantry`): revisions and compaction are
 * etcd's own. Every key is stored under the prefix. Writes are single-key transactions:
 * create = txn(createRevision == 0), update = txn(modRevision == expected), delete likewise,
 * with a read of the current value on a failed compare.
 *
 * Differences from the log-backed drivers: revisions are etcd's cluster-wide revisions (shared
 * with any other user of the cluster, so the first write is not 1 and numbers may skip), and
 * compact() compacts the whole etcd cluster, not just this prefix.
 */
import { Etcd3, type IKeyValue } from 'etcd3';
import type { Backend, KeyValue, ListOptions, ListResult, WatchEvent } from '../backend.js';
import { AutoCompactor, type AutoCompactOptions } from '../auto-compact.js';
import { decodeContinue, encodeContinue } from '../continue-token.js';
import { ConflictError, FutureRevisionError, KeyExistsError, KeyNotFoundError, StoreOpenError } from '../errors.js';
import { DEFAULT_WATCH_BUFFER } from '../event-queue.js';
import { checkKey, checkPrefix, checkRevision, checkValue, prefixEnd } from '../keys.js';
import { KeySpace } from './convert.js';
import { type ErrorContext, isCompactedError, translate } from './errors.js';
import { closedError, watchEtcd } from './watch.js';

export interface EtcdBackendOptions {
  /** Key prefix inside etcd (default /gantry). */
  prefix?: string;
  /** Undelivered events a watcher may hold before it is dropped (default 10,000). */
  watchBufferSize?: number;
  /** Automatic compaction; false turns it off (default on, see AutoCompactOptions). */
  autoCompact?: AutoCompactOptions | false;
  /** How long open() waits for etcd to answer (default 5 s). */
  connectTimeoutMs?: number;
}

export class EtcdBackend implements Backend {
  private readonly keys: KeySpace;
  private readonly watches = new Set<(error: Error) => void>();
  private readonly autoCompactor: AutoCompactor | null;
  /** The highest compacted revision seen so far (etcd never lowers it). */
  private compactFloor = 0;
  private closed = false;

  private constructor(
    private readonly client: Etcd3,
    readonly location: string,
    private readonly opts: EtcdBackendOptions,
  ) {
    this.keys = new KeySpace(opts.prefix ?? '/gantry');
    this.autoCompactor = opts.autoCompact === false ? null : new AutoCompactor(this, opts.autoCompact);
    this.autoCompactor?.start();
  }

  /** Connects to etcd at `endpoints` (http://host:port) and checks that it answers. */
  static async open(endpoints: string[], opts: EtcdBackendOptions & { location?: string } = {}): Promise<EtcdBackend> {
    const location = opts.location ?? endpoints.join(',');
    const client = new Etcd3({
      hosts: endpoints,
      dialTimeout: opts.connectTimeoutMs ?? 5000,
      // Values of up to 1.5 MiB, and lists or watch batches of many of them.
      grpcOptions: { 'grpc.max_receive_message_length': -1, 'grpc.max_send_message_length': -1 },
    });
    try {
      const deadline = new Date(Date.now() + (opts.connectTimeoutMs ?? 5000));
      await client.kv.range({ key: Buffer.from(opts.prefix ?? '/gantry'), count_only: true }, { deadline });
    } catch (error) {
      client.close();
      throw new StoreOpenError(location, `etcd does not answer: ${(error as Error).message}`);
    }
    return new EtcdBackend(client, location, opts);
  }

  async get(key: string): Promise<KeyValue | null> {
    const res = await this.call(() => this.client.kv.range({ key: this.keys.toEtcd(checkKey(key)) }));
    const kv = res.kvs[0];
    return kv ? this.keys.kvOf(kv) : null;
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    checkPrefix(prefix);
    const limit = checkRevision('limit', opts.limit ?? 0);
    const token = opts.continue ? decodeContinue(opts.continue, prefix) : null;
    const asked = token?.revision || checkRevision('revision', opts.revision ?? 0);
    const request = {
      key: this.keys.toEtcd(token?.start ?? prefix),
      range_end: this.keys.rangeEnd(prefixEnd(prefix)),
      revision: asked,
      limit,
    };
    const res = await this.call(() => this.client.kv.range(request), { revision: asked });
    const revision = asked || Number(res.header.revision);
    const items = res.kvs.map((kv) => this.keys.kvOf(kv));
    const result: ListResult = { items, revision };
    if (res.more && items.length > 0) {
      result.continue = encodeContinue(revision, items[items.length - 1]!.key);
      result.remaining = Number(res.count) - items.length;
    }
    return result;
  }

  async count(prefix: string): Promise<number> {
    checkPrefix(prefix);
    const request = {
      key: this.keys.toEtcd(prefix),
      range_end: this.keys.rangeEnd(prefixEnd(prefix)),
      count_only: true,
    };
    return Number((await this.call(() => this.client.kv.range(request))).count);
  }

  async create(key: string, value: string): Promise<KeyValue> {
    const k = this.keys.toEtcd(checkKey(key));
    const v = Buffer.from(checkValue(key, value), 'utf8');
    const res = await this.call(
      () =>
        this.client.kv.txn({
          compare: [{ key: k, target: 'Create', result: 'Equal', create_revision: 0 }],
          success: [{ request_put: { key: k, value: v } }],
        }),
      { key, bytes: v.length },
    );
    if (!res.succeeded) throw new KeyExistsError(key);
    const revision = Number(res.header.revision);
    return { key, value, createRevision: revision, modRevision: revision };
  }

  async update(key: string, value: string, expectedModRevision: number): Promise<KeyValue> {
    const k = this.keys.toEtcd(checkKey(key));
    const v = Buffer.from(checkValue(key, value), 'utf8');
    const expected = checkRevision('expectedModRevision', expectedModRevision, 1);
    const res = await this.call(
      () =>
        this.client.kv.txn({
          compare: [{ key: k, target: 'Mod', result: 'Equal', mod_revision: expected }],
          success: [{ request_put: { key: k, value: v, prev_kv: true } }],
          failure: [{ request_range: { key: k } }],
        }),
      { key, bytes: v.length },
    );
    if (!res.succeeded) throw new ConflictError(key, expected, this.currentOf(res.responses[0]?.response_range.kvs));
    const prev = res.responses[0]!.response_put.prev_kv!;
    return { key, value, createRevision: Number(prev.create_revision), modRevision: Number(res.header.revision) };
  }

  async delete(key: string, expectedModRevision?: number): Promise<KeyValue> {
    const k = this.keys.toEtcd(checkKey(key));
    const expected =
      expectedModRevision === undefined ? undefined : checkRevision('expectedModRevision', expectedModRevision, 1);
    const compare =
      expected === undefined
        ? { key: k, target: 'Create' as const, result: 'Greater' as const, create_revision: 0 }
        : { key: k, target: 'Mod' as const, result: 'Equal' as const, mod_revision: expected };
    const res = await this.call(() =>
      this.client.kv.txn({
        compare: [compare],
        success: [{ request_delete_range: { key: k, prev_kv: true } }],
        failure: [{ request_range: { key: k } }],
      }),
    );
    if (!res.succeeded) {
      const current = this.currentOf(res.responses[0]?.response_range.kvs);
      if (!current) throw new KeyNotFoundError(key);
      throw new ConflictError(key, expected ?? 0, current);
    }
    const prev = this.keys.kvOf(res.responses[0]!.response_delete_range.prev_kvs[0]!);
    return { ...prev, modRevision: Number(res.header.revision) };
  }

  watch(prefix: string, fromRevision: number, signal: AbortSignal): AsyncIterable<WatchEvent> {
    return this.watchEvents(prefix, fromRevision, signal);
  }

  async currentRevision(): Promise<number> {
    const res = await this.call(() => this.client.kv.range({ key: this.keys.toEtcd(''), count_only: true }));
    return Number(res.header.revision);
  }

  async compact(revision: number): Promise<void> {
    checkRevision('revision', revision);
    if (revision <= this.compactFloor) return;
    const current = await this.currentRevision();
    if (revision > current) throw new FutureRevisionError(revision, current);
    try {
      await this.client.kv.compact({ revision, physical: false });
    } catch (error) {
      if (!isCompactedError(error)) throw await translate(error);
    }
    this.compactFloor = Math.max(this.compactFloor, revision);
  }

  /**
   * etcd does not report its compacted revision directly; the smallest revision it can still
   * read is it. Found by binary search from the last known value (about log2(new revisions)
   * cheap count-only reads).
   */
  async compactedRevision(): Promise<number> {
    const current = await this.currentRevision();
    let lo = Math.max(1, this.compactFloor);
    let hi = current;
    if (lo >= hi || (await this.readable(lo))) return this.remember(lo === 1 ? 0 : lo);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (await this.readable(mid)) hi = mid;
      else lo = mid;
    }
    return this.remember(hi);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.autoCompactor?.stop();
    for (const stop of [...this.watches]) stop(closedError(this.location));
    this.client.close();
  }

  private async *watchEvents(prefix: string, from: number, signal: AbortSignal): AsyncGenerator<WatchEvent> {
    checkPrefix(prefix);
    checkRevision('fromRevision', from);
    if (this.closed) throw closedError(this.location);
    const ctx = {
      client: this.client,
      keys: this.keys,
      capacity: this.opts.watchBufferSize ?? DEFAULT_WATCH_BUFFER,
      compactedAfter: (revision: number) => this.compactedAfter(revision),
      track: (stop: (error: Error) => void) => {
        this.watches.add(stop);
        return () => this.watches.delete(stop);
      },
    };
    yield* watchEtcd(ctx, { start: prefix, end: prefixEnd(prefix) }, from, signal);
  }

  private remember(compacted: number): number {
    this.compactFloor = Math.max(this.compactFloor, compacted);
    return compacted;
  }

  private async readable(revision: number): Promise<boolean> {
    try {
      await this.client.kv.range({ key: this.keys.toEtcd(''), count_only: true, revision });
      return true;
    } catch (error) {
      if (isCompactedError(error)) return false;
      throw await translate(error);
    }
  }

  /** If history after `revision` is gone: the compacted revision; else null. */
  private async compactedAfter(revision: number): Promise<number | null> {
    const current = await this.currentRevision();
    if (revision + 1 > current || (await this.readable(revision + 1))) return null;
    return this.compactedRevision();
  }

  private currentOf(kvs: IKeyValue[] | undefined): KeyValue | null {
    const kv = kvs?.[0];
    return kv ? this.keys.kvOf(kv) : null;
  }

  private async call<T>(rpc: () => Promise<T>, ctx: ErrorContext = {}): Promise<T> {
    if (this.closed) throw closedError(this.location);
    try {
      return await rpc();
    } catch (error) {
      throw await translate(error, {
        ...ctx,
        current: () => this.currentRevision(),
        compacted: () => this.compactedRevision(),
      });
    }
  }
}
