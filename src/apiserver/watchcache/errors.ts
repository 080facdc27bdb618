/**
 * Typed errors of the watch cache. Each maps onto one Kubernetes API answer; the apiserver
 * chooses the HTTP status and the `Status` object, the cache only says what went wrong.
 */

/** Base class of every watch cache error. */
export class WatchCacheError extends Error {
  override name = 'WatchCacheError';
}

/**
 * A watch asked to resume from a revision the cache can no longer prove it has every event
 * after (the ring buffer already dropped them, or the cache relisted since).
 * The apiserver answers 410 Gone with reason `Expired`; the client must re-list.
 */
export class TooOldResourceVersionError extends WatchCacheError {
  override name = 'TooOldResourceVersionError';
  constructor(
    readonly requested: number,
    /** The oldest revision a watch may still start from. */
    readonly oldest: number,
  ) {
    super(`too old resource version: ${requested} (${oldest})`);
  }
}

/**
 * The cache did not reach a revision in time (a consistent read, or a read at a revision
 * the cache has not seen yet). The apiserver answers 504 Timeout with the cause
 * `ResourceVersionTooLarge`, or falls back to reading the backend.
 */
export class TooLargeResourceVersionError extends WatchCacheError {
  override name = 'TooLargeResourceVersionError';
  constructor(
    readonly requested: number,
    readonly current: number,
  ) {
    super(`Too large resource version: ${requested}, current: ${current}`);
  }
}

/**
 * A watcher did not keep up: its queue filled, so the cache ended it rather than block the
 * cache or the other watchers. The client re-watches from the last revision it received.
 */
export class WatcherTooSlowError extends WatchCacheError {
  override name = 'WatcherTooSlowError';
  constructor(
    /** The revision of the last event queued for the watcher before it was dropped. */
    readonly lastRevision: number,
    readonly queueSize: number,
  ) {
    super(`watcher fell behind by more than ${queueSize} events after revision ${lastRevision} and was dropped`);
  }
}

/**
 * The cache lost its continuity with the backend (the backend compacted past the cache's
 * revision) and rebuilt itself from a fresh list, so every live watcher is ended with this
 * error. The apiserver sends an ERROR event with 410 `Expired`; the client re-lists.
 */
export class WatchExpiredError extends WatchCacheError {
  override name = 'WatchExpiredError';
  constructor(
    /** The revision of the fresh list the cache was rebuilt from. */
    readonly relistRevision: number,
  ) {
    super(`the watch cache was rebuilt at revision ${relistRevision}; the watch must be restarted from a new list`);
  }
}

/** The cache was stopped (or never started) and cannot answer. */
export class WatchCacheStoppedError extends WatchCacheError {
  override name = 'WatchCacheStoppedError';
  constructor(readonly prefix: string) {
    super(`the watch cache for ${prefix} is stopped`);
  }
}

/** The cache has not finished its first list yet; await `ready` first. */
export class CacheNotReadyError extends WatchCacheError {
  override name = 'CacheNotReadyError';
  constructor(readonly prefix: string) {
    super(`the watch cache for ${prefix} is not ready yet`);
  }
}

/** A continue token that is malformed, or was issued for another list. 400 Bad Request. */
export class InvalidContinueTokenError extends WatchCacheError {
  override name = 'InvalidContinueTokenError';
  constructor(reason: string) {
    super(`continue key is not valid: ${reason}`);
  }
}

/**
 * A continue token pins the snapshot revision of its first page, and the cache cannot prove
 * that the rest of the list is unchanged since then. The apiserver serves this page from the
 * backend at `revision` instead.
 */
export class SnapshotNotCachedError extends WatchCacheError {
  override name = 'SnapshotNotCachedError';
  constructor(
    readonly revision: number,
    readonly startKey: string,
  ) {
    super(`the watch cache cannot serve a consistent page at revision ${revision}`);
  }
}

/** A caller passed options the cache cannot use (a negative limit, a foreign key prefix...). */
export class InvalidCacheRequestError extends WatchCacheError {
  override name = 'InvalidCacheRequestError';
}
