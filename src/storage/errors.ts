import type { KeyValue } from './backend.js';

/** Base class of every typed storage error. */
export class StorageError extends Error {
  override name = 'StorageError';
}

export class KeyExistsError extends StorageError {
  override name = 'KeyExistsError';
  constructor(readonly key: string) {
    super(`key already exists: ${key}`);
  }
}

export class KeyNotFoundError extends StorageError {
  override name = 'KeyNotFoundError';
  constructor(readonly key: string) {
    super(`key not found: ${key}`);
  }
}

/** A compare-and-swap lost. `current` is the value now stored (null: the key is gone). */
export class ConflictError extends StorageError {
  override name = 'ConflictError';
  constructor(
    readonly key: string,
    readonly expectedModRevision: number,
    readonly current: KeyValue | null,
  ) {
    super(
      `revision conflict on ${key}: expected ${expectedModRevision}, ` +
        (current ? `found ${current.modRevision}` : 'key is gone'),
    );
  }
}

/** A watch or read asked for history that compaction already removed. */
export class CompactedError extends StorageError {
  override name = 'CompactedError';
  constructor(
    readonly requestedRevision: number,
    readonly compactedRevision: number,
  ) {
    super(`revision ${requestedRevision} has been compacted (compacted up to ${compactedRevision})`);
  }
}

/** A read asked for a revision the store has not reached yet. */
export class FutureRevisionError extends StorageError {
  override name = 'FutureRevisionError';
  constructor(
    readonly requestedRevision: number,
    readonly currentRevision: number,
  ) {
    super(`revision ${requestedRevision} is newer than the current revision ${currentRevision}`);
  }
}

export class ValueTooLargeError extends StorageError {
  override name = 'ValueTooLargeError';
  constructor(
    readonly key: string,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`value for ${key} is ${bytes} bytes, over the limit of ${limit} bytes`);
  }
}

/** A watcher fell too far behind and was dropped so that writers never wait for it. */
export class WatchDroppedError extends StorageError {
  override name = 'WatchDroppedError';
  constructor(readonly lastRevision: number) {
    super(`watcher fell behind and was dropped after revision ${lastRevision}`);
  }
}

/** A caller passed a bad key, prefix, revision, limit or continue token. */
export class InvalidArgumentError extends StorageError {
  override name = 'InvalidArgumentError';
}

/** The store could not be opened: corrupt, locked, foreign, or unreachable. Names the file/URL. */
export class StoreOpenError extends StorageError {
  override name = 'StoreOpenError';
  constructor(
    readonly location: string,
    reason: string,
  ) {
    super(`cannot open store ${location}: ${reason}`);
  }
}
