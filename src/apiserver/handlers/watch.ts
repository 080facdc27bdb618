/** WATCH: newline-delimited events from the watch cache, headers flushed at once. */
import type { KubeObject } from '../../api/meta.js';
import { apiVersionOfKind } from '../../api/scheme.js';
import { ApiError, toStatus } from '../../machinery/index.js';
import type { WatchItem } from '../watchcache/event.js';
import { TooOldResourceVersionError, WatchExpiredError, WatcherTooSlowError } from '../watchcache/errors.js';
import { atRevision, toServed } from '../registry/codec.js';
import { listPrefix, storageTarget } from '../registry/keys.js';
import { parseIncludeObject, tableVersion, toTable, wantsTable } from '../table.js';
import type { HandlerContext } from './context.js';
import { buildFilter } from './filters.js';

/** Without timeoutSeconds, kube-apiserver ends watches after 30–60 minutes. */
const DEFAULT_MIN_TIMEOUT_S = 1800;
const BOOKMARK_INTERVAL_MS = 60_000;

export async function handleWatch(ctx: HandlerContext): Promise<void> {
  const params = ctx.url.searchParams;
  const kind = ctx.kind;
  const { filter } = buildFilter(kind, params);
  const rvText = params.get('resourceVersion') ?? '';
  if (rvText !== '' && !/^\d+$/.test(rvText)) throw ApiError.badRequest(`invalid resourceVersion "${rvText}"`);
  const fromRevision = rvText === '' ? 0 : Number(rvText);
  const timeoutText = params.get('timeoutSeconds');
  const timeoutS = timeoutText && /^\d+$/.test(timeoutText)
    ? Number(timeoutText)
    : DEFAULT_MIN_TIMEOUT_S * (1 + Math.random());
  const bookmarks = params.get('allowWatchBookmarks') === 'true';
  const accept = ctx.req.headers.accept;
  const asTable = wantsTable(accept);
  const include = parseIncludeObject(params.get('includeObject'));
  const apiVersion = tableVersion(accept);

  const cache = ctx.services.cacheFor(kind);
  await cache.ready;
  if (fromRevision > cache.revision) {
    await cache.waitForRevision(fromRevision, 3000).catch(() => {
      throw ApiError.timeout(`Too large resource version: ${fromRevision}, current: ${cache.revision}`);
    });
  }

  const ac = new AbortController();
  const stop = (): void => ac.abort();
  ctx.signal.addEventListener('abort', stop, { once: true });
  ctx.res.on('close', stop);
  const timer = setTimeout(stop, timeoutS * 1000);
  const res = ctx.res;
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();

  let firstTable = true;
  const encode = (ev: WatchItem<KubeObject>): string => {
    let object: unknown;
    if (ev.type === 'BOOKMARK') {
      object = { kind: kind.kind, apiVersion: apiVersionOfKind(kind), metadata: { resourceVersion: String(ev.revision) } };
    } else {
      if (!asTable && !kind.storage) return ev.encoded();
      const obj = atRevision(ev.object, ev.revision);
      const served: KubeObject = kind.storage ? toServed(kind, obj) : obj;
      if (asTable) {
        object = toTable(kind, [served], { include, apiVersion, noHeaders: !firstTable, listMeta: { resourceVersion: served.metadata.resourceVersion } });
        firstTable = false;
      } else {
        object = served;
      }
    }
    return `{"type":"${ev.type}","object":${JSON.stringify(object)}}\n`;
  };

  try {
    const events = await cache.watch({
      namespacePrefix: listPrefix(storageTarget(kind), kind.namespaced ? ctx.info.namespace : ''),
      fromRevision,
      signal: ac.signal,
      filter,
      bookmarkIntervalMs: bookmarks ? BOOKMARK_INTERVAL_MS : undefined,
    });
    for await (const ev of events) {
      if (ac.signal.aborted) break;
      if (ev.type === 'BOOKMARK' && !bookmarks) continue;
      if (!res.write(encode(ev))) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            res.off('drain', done);
            ac.signal.removeEventListener('abort', done);
            resolve();
          };
          res.on('drain', done);
          ac.signal.addEventListener('abort', done, { once: true });
        });
      }
    }
  } catch (e) {
    if (!ac.signal.aborted) {
      if (e instanceof WatcherTooSlowError || e instanceof WatchExpiredError) return; // the client re-watches
      const status = e instanceof TooOldResourceVersionError
        ? ApiError.tooOldResourceVersion(e.requested, e.oldest).status
        : toStatus(e);
      if (status.code >= 500) console.error(`watch ${kind.plural}: ${(e as Error).message}`);
      res.write(`{"type":"ERROR","object":${JSON.stringify(status)}}\n`);
    }
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', stop);
    res.end();
  }
}
