/** GET of one object, LIST (from the watch cache, or the store at an exact revision) and WATCH. */
import type { KubeObject } from '../../api/meta.js';
import { apiVersionOfKind, listKindOf } from '../../api/scheme.js';
import { ApiError } from '../../machinery/index.js';
import { CompactedError, FutureRevisionError } from '../../storage/index.js';
import { sendJson } from '../http/respond.js';
import { decodeStored, toServed } from '../registry/codec.js';
import { listPrefix, storageTarget } from '../registry/keys.js';
import { decodeContinueToken, encodeContinueToken } from '../watchcache/continue-token.js';
import { SnapshotNotCachedError } from '../watchcache/errors.js';
import { parseIncludeObject, tableVersion, toTable, wantsTable } from '../table.js';
import { type HandlerContext, scopeOf } from './context.js';
import { buildFilter, type ObjectFilter } from './filters.js';

const CACHE_WAIT_MS = 3000;

export async function handleGet(ctx: HandlerContext): Promise<void> {
  const obj = await ctx.services.store.get(scopeOf(ctx));
  sendObject(ctx, 200, obj);
}

/** Sends one object as JSON, or as a one-row Table when kubectl asked for one. */
export function sendObject(ctx: HandlerContext, code: number, obj: KubeObject, headers: Record<string, string | string[]> = {}): void {
  const accept = ctx.req.headers.accept;
  if (wantsTable(accept)) {
    const apiVersion = tableVersion(accept);
    const include = parseIncludeObject(ctx.url.searchParams.get('includeObject'));
    sendJson(ctx.res, code, toTable(ctx.kind, [obj], { include, apiVersion, listMeta: { resourceVersion: obj.metadata.resourceVersion } }), headers);
    return;
  }
  sendJson(ctx.res, code, obj, headers);
}

function parseRevision(value: string | null, param: string): number | undefined {
  if (value === null || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw ApiError.badRequest(`invalid ${param} "${value}": must be a non-negative integer`);
  return Number(value);
}

function parseLimit(params: URLSearchParams): number {
  const v = params.get('limit');
  if (!v) return 0;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw ApiError.badRequest(`invalid limit "${v}"`);
  return n;
}

interface Page {
  items: KubeObject[];
  revision: number;
  continue?: string;
  remaining?: number;
}

/**
 * A page read from the store at an exact revision: for continue tokens whose snapshot the
 * cache no longer holds, and for resourceVersionMatch=Exact.
 */
async function pageFromStore(
  ctx: HandlerContext,
  q: { resourcePrefix: string; prefix: string; revision: number; startKey: string; limit: number; filter?: ObjectFilter },
): Promise<Page> {
  let entries;
  try {
    entries = (await ctx.services.backend.list(q.prefix, { revision: q.revision })).items;
  } catch (e) {
    if (e instanceof CompactedError) {
      throw ApiError.expired(
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
      );
    }
    if (e instanceof FutureRevisionError) throw ApiError.timeout(`Too large resource version: ${q.revision}, current: ${e.currentRevision}`);
    throw e;
  }
  const items: KubeObject[] = [];
  for (let i = 0; i < entries.length; i++) {
    const kv = entries[i]!;
    if (q.startKey && kv.key < q.startKey) continue;
    const obj = decodeStored(kv);
    if (q.filter && !q.filter(obj)) continue;
    if (q.limit && items.length === q.limit) {
      const lastKey = entries[i - 1]!.key;
      return { items, revision: q.revision, continue: encodeContinueToken(q.resourcePrefix, { revision: q.revision, lastKey }) };
    }
    items.push(obj);
  }
  return { items, revision: q.revision };
}

export async function handleList(ctx: HandlerContext): Promise<void> {
  const params = ctx.url.searchParams;
  const kind = ctx.kind;
  const prefix = listPrefix(storageTarget(kind), kind.namespaced ? ctx.info.namespace : '');
  const { filter } = buildFilter(kind, params);
  const limit = parseLimit(params);
  const rv = parseRevision(params.get('resourceVersion'), 'resourceVersion');
  const match = params.get('resourceVersionMatch') ?? '';
  const cont = params.get('continue') ?? '';
  const cache = ctx.services.cacheFor(kind);
  await cache.ready;

  const resourcePrefix = cache.prefix;
  let result: Page;
  if (cont) {
    let pos;
    try {
      pos = decodeContinueToken(resourcePrefix, cont);
    } catch (e) {
      throw ApiError.badRequest(`continue key is not valid: ${(e as Error).message}`);
    }
    try {
      result = cache.list({ namespacePrefix: prefix, filter, limit, continueFrom: cont });
    } catch (e) {
      if (!(e instanceof SnapshotNotCachedError)) throw e;
      result = await pageFromStore(ctx, { resourcePrefix, prefix, revision: pos.revision, startKey: pos.startKey, limit, filter });
    }
  } else if (match === 'Exact' && rv) {
    result = await pageFromStore(ctx, { resourcePrefix, prefix, revision: rv, startKey: '', limit, filter });
  } else {
    const target = rv === undefined ? await ctx.services.backend.currentRevision() : rv;
    if (target > cache.revision) {
      try {
        await cache.waitForRevision(target, CACHE_WAIT_MS);
      } catch {
        throw ApiError.timeout(`Too large resource version: ${target}, current: ${cache.revision}`);
      }
    }
    result = cache.list({ namespacePrefix: prefix, filter, limit });
  }
  const items = kind.storage ? result.items.map((o) => toServed(kind, o)) : result.items;
  const listMeta: Record<string, unknown> = { resourceVersion: String(result.revision) };
  if (result.continue) listMeta.continue = result.continue;
  if (result.remaining !== undefined) listMeta.remainingItemCount = result.remaining;
  const accept = ctx.req.headers.accept;
  if (wantsTable(accept)) {
    const include = parseIncludeObject(params.get('includeObject'));
    sendJson(ctx.res, 200, toTable(kind, items, { include, apiVersion: tableVersion(accept), listMeta }));
    return;
  }
  sendJson(ctx.res, 200, {
    kind: listKindOf(kind),
    apiVersion: apiVersionOfKind(kind),
    metadata: listMeta,
    items,
  });
}
