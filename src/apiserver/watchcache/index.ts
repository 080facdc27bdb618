/**
 * The apiserver's watch cache (kube-apiserver's "cacher"): one WatchCache per resource prefix
 * serves lists, gets and watches from memory. See watch-cache.ts for the behaviour.
 */
export { WatchCache } from './watch-cache.js';
export type {
  CacheListOptions,
  CacheListResult,
  CacheWatchOptions,
  WatchCacheOptions,
  WatchCacheStats,
} from './watch-cache.js';
export type { BookmarkEvent, CacheEvent, CacheEventType, EventEncoder, WatchItem } from './event.js';
export { defaultEncoder } from './event.js';
export type { RetryOptions } from './reflector.js';
export { decodeContinueToken, encodeContinueToken, type ContinuePosition } from './continue-token.js';
export {
  CacheNotReadyError,
  InvalidCacheRequestError,
  InvalidContinueTokenError,
  SnapshotNotCachedError,
  TooLargeResourceVersionError,
  TooOldResourceVersionError,
  WatchCacheError,
  WatchCacheStoppedError,
  WatcherTooSlowError,
  WatchExpiredError,
} from './errors.js';
