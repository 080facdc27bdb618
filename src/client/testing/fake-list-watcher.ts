/** A scripted ListWatcher for informer unit tests: lists answer from a queue, watches from channels. */
import type { KubeObject } from '../../api/meta.js';
import { ApiError } from '../../machinery/index.js';
import type { ListWatcher } from '../informer.js';
import type { ListOptions, ListResult, ResourceKind, WatchEvent, WatchOptions, WatchStream } from '../types.js';

/** One scripted watch: push events, then end it or fail it. */
export class FakeWatch<T extends KubeObject> {
  private readonly buffer: (WatchEvent<T> | { error: unknown } | { end: true })[] = [];
  private wake: (() => void) | undefined;
  opts: WatchOptions | undefined;

  push(type: WatchEvent<T>['type'], object: T): void {
    this.buffer.push({ type, object });
    this.wake?.();
  }
  fail(err: unknown): void {
    this.buffer.push({ error: err });
    this.wake?.();
  }
  end(): void {
    this.buffer.push({ end: true });
    this.wake?.();
  }

  stream(opts: WatchOptions): WatchStream<T> {
    this.opts = opts;
    const self = this;
    async function* gen(): AsyncGenerator<WatchEvent<T>> {
      for (;;) {
        if (opts.signal?.aborted) return;
        const item = self.buffer.shift();
        if (!item) {
          await new Promise<void>((r) => {
            self.wake = r;
            opts.signal?.addEventListener('abort', () => r(), { once: true });
          });
          continue;
        }
        if ('end' in item) return;
        if ('error' in item) throw item.error;
        yield item;
      }
    }
    const g = gen();
    return { [Symbol.asyncIterator]: () => g, close: () => this.end() };
  }
}

export class FakeListWatcher<T extends KubeObject> implements ListWatcher<T> {
  readonly kind: ResourceKind = { group: '', version: 'v1', plural: 'configmaps', namespaced: true, kind: 'ConfigMap' };
  readonly lists: (ListResult<T> | ApiError)[] = [];
  readonly watches: FakeWatch<T>[] = [];
  readonly listCalls: ListOptions[] = [];
  readonly watchCalls: WatchOptions[] = [];

  async listAll(_ns: string | undefined, opts: ListOptions = {}): Promise<ListResult<T>> {
    this.listCalls.push(opts);
    const next = this.lists.shift();
    if (!next) throw new Error('fake: no list scripted');
    if (next instanceof ApiError) throw next;
    return next;
  }

  watch(_ns: string | undefined, opts: WatchOptions = {}): WatchStream<T> {
    this.watchCalls.push(opts);
    const w = this.watches.shift();
    if (!w) {
      // Nothing scripted: a watch that stays open until aborted.
      return new FakeWatch<T>().stream(opts);
    }
    return w.stream(opts);
  }
}

export function expired(): ApiError {
  return ApiError.expired('too old resource version: 1 (5)');
}
