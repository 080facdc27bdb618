/**
 * The storage contract (docs/design.md, "The four contracts"): a revisioned key-value store
 * with etcd semantics, in the kine model. Only the apiserver talks to it.
 *
 * Revisions are global, monotonic and start at 1 for the first write. The apiserver uses them
 * as `resourceVersion`. Values are UTF-8 strings (the apiserver stores JSON).
 */

/** The largest value a backend accepts: 1.5 MiB of UTF-8 bytes. */
export const MAX_VALUE_BYTES = 1.5 * 1024 * 1024;

export interface KeyValue {
  key: string;
  value: string;
  /** Revision at which the key was created (the first write of its current life). */
  createRevision: number;
  /** Revision of the last write to this key. For a delete event: the delete's revision. */
  modRevision: number;
}

export interface ListOptions {
  /** Read at this revision (a consistent snapshot). 0 or absent: the current revision. */
  revision?: number;
  /** At most this many items; 0 or absent: no limit. */
  limit?: number;
  /** Opaque token from a previous page; it pins the snapshot revision of the first page. */
  continue?: string;
}

export interface ListResult {
  items: KeyValue[];
  /** The snapshot revision every item was read at. */
  revision: number;
  /** Present when more items remain. */
  continue?: string;
  /** How many items remain after this page, when known. */
  remaining?: number;
}

export type WatchEventType = 'create' | 'update' | 'delete';

export interface WatchEvent {
  type: WatchEventType;
  /** The key's new state; for a delete, the last value with modRevision = the delete's revision. */
  kv: KeyValue;
  /** The state before this event (absent for a create). */
  prevKv?: KeyValue;
  /** The revision of this event. Equal to kv.modRevision. */
  revision: number;
}

export interface Backend {
  /** The key's current value, or null. */
  get(key: string): Promise<KeyValue | null>;
  /** Keys that start with `prefix`, in key order, at one revision. */
  list(prefix: string, opts?: ListOptions): Promise<ListResult>;
  /** How many keys start with `prefix` now. */
  count(prefix: string): Promise<number>;
  /** Creates the key. Throws KeyExistsError if it exists. */
  create(key: string, value: string): Promise<KeyValue>;
  /**
   * Compare-and-swap: writes only if the key's modRevision equals `expectedModRevision`.
   * Throws ConflictError (carrying the current value, or null if the key is gone).
   */
  update(key: string, value: string, expectedModRevision: number): Promise<KeyValue>;
  /**
   * Deletes the key, optionally only if its modRevision equals `expectedModRevision`.
   * Returns the deleted value with modRevision = the delete's revision.
   * Throws KeyNotFoundError if the key is absent, ConflictError on a revision mismatch.
   */
  delete(key: string, expectedModRevision?: number): Promise<KeyValue>;
  /**
   * Every change to keys under `prefix` with revision > `fromRevision`, in revision order,
   * with no gaps and no duplicates, until `signal` aborts (the iterable then ends).
   * Throws CompactedError (at the first next()) if events after `fromRevision` were compacted.
   * A consumer that falls too far behind gets WatchDroppedError instead of blocking writers;
   * it may resume from the last revision it saw.
   */
  watch(prefix: string, fromRevision: number, signal: AbortSignal): AsyncIterable<WatchEvent>;
  /** The revision of the latest write (0 for an empty store). */
  currentRevision(): Promise<number>;
  /** Forgets history at and below `revision`; the current value of each key is kept. */
  compact(revision: number): Promise<void>;
  /** The revision at and below which history is gone (0 if never compacted). */
  compactedRevision(): Promise<number>;
  close(): Promise<void>;
}
