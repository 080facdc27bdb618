/** One watch cache per stored resource, decoding stored JSON into API objects. */
import type { KubeObject } from '../../api/meta.js';
import type { Backend } from '../../storage/index.js';
import { WatchCache } from '../watchcache/watch-cache.js';
import type { CacheEvent } from '../watchcache/event.js';
import { atRevision, decodeStored } from './codec.js';

export type ResourceCache = WatchCache<KubeObject>;

/** One watch frame; an object that left a filter is stamped with the event's revision. */
function encodeEvent(ev: CacheEvent<KubeObject>): string {
  return `{"type":"${ev.type}","object":${JSON.stringify(atRevision(ev.object, ev.revision))}}\n`;
}

export function createResourceCache(backend: Backend, prefix: string, signal: AbortSignal, log: (l: string) => void): ResourceCache {
  const cache = new WatchCache<KubeObject>({
    backend,
    prefix,
    decode: decodeStored,
    encode: encodeEvent,
    // Watching the whole registry lets a quiet resource's cache reach the store's current
    // revision at once, so consistent lists never wait for a write to this resource.
    watchPrefix: '/registry/',
    signal,
    onError: (err) => log(`watch cache ${prefix}: ${err.message}`),
  });
  cache.start().catch((err: unknown) => log(`watch cache ${prefix}: ${(err as Error).message}`));
  return cache;
}
