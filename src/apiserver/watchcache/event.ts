import type { KeyValue } from '../../storage/backend.js';

/** The kinds of change a watcher sees, named as in the Kubernetes watch protocol. */
export type CacheEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/**
 * One change to one object, as the cache saw it. Events are shared by every watcher that
 * receives them: treat them (and their objects) as read-only.
 */
export interface CacheEvent<T> {
  readonly type: CacheEventType;
  readonly key: string;
  /**
   * The object after the change; for DELETED, the last state of the object. When a filtered
   * watcher sees an object stop matching, it gets a DELETED whose object is the previous
   * state, whose metadata still carries the older resourceVersion: stamp `revision` into
   * the object when encoding (as kube-apiserver does).
   */
  readonly object: T;
  /** The state before the change (absent for ADDED). */
  readonly prevObject?: T;
  /** The stored key-value `object` was decoded from. */
  readonly kv: KeyValue;
  /** The stored key-value `prevObject` was decoded from. */
  readonly prevKv?: KeyValue;
  /** The revision of the change: the watch event's resourceVersion. */
  readonly revision: number;
  /**
   * The serialised form of this event made by the cache's `encode` option, computed on first
   * call and then shared, so that N watchers of one event serialise it once.
   */
  encoded(): string;
}

/**
 * Progress without a change for this watcher: every event up to `revision` that the watcher
 * should see has been delivered. `initialEventsEnd` marks the end of the synthetic ADDED
 * events of a watch from revision 0 (the `k8s.io/initial-events-end` bookmark).
 */
export interface BookmarkEvent {
  readonly type: 'BOOKMARK';
  readonly revision: number;
  readonly initialEventsEnd?: boolean;
}

/** What a cache watcher yields. */
export type WatchItem<T> = CacheEvent<T> | BookmarkEvent;

/** Serialises an event (typically one watch frame). Called at most once per event object. */
export type EventEncoder<T> = (event: CacheEvent<T>) => string;

/** The encoder used when none is configured: `{"type":...,"object":...}` as JSON. */
export function defaultEncoder<T>(event: CacheEvent<T>): string {
  return JSON.stringify({ type: event.type, object: event.object });
}

type EventFields<T> = Omit<CacheEvent<T>, 'encoded'>;

/**
 * The cache's event implementation: memoises its encoding and the two variants a filtered
 * watcher may need (the change seen as an ADDED, or as a DELETED of the previous state), so
 * those too are built and encoded once however many watchers need them.
 */
export class StoredEvent<T> implements CacheEvent<T> {
  readonly type: CacheEventType;
  readonly key: string;
  readonly object: T;
  readonly prevObject?: T;
  readonly kv: KeyValue;
  readonly prevKv?: KeyValue;
  readonly revision: number;
  #encoder: EventEncoder<T>;
  #encoded: string | undefined;
  #asAdded: StoredEvent<T> | undefined;
  #asDeleted: StoredEvent<T> | undefined;

  constructor(fields: EventFields<T>, encoder: EventEncoder<T>) {
    this.type = fields.type;
    this.key = fields.key;
    this.object = fields.object;
    this.kv = fields.kv;
    if (fields.prevObject !== undefined && fields.prevKv !== undefined) {
      this.prevObject = fields.prevObject;
      this.prevKv = fields.prevKv;
    }
    this.revision = fields.revision;
    this.#encoder = encoder;
  }

  encoded(): string {
    if (this.#encoded === undefined) this.#encoded = this.#encoder(this);
    return this.#encoded;
  }

  /** This change as seen by a watcher whose filter did not match the previous state. */
  asAdded(): StoredEvent<T> {
    if (this.type === 'ADDED') return this;
    this.#asAdded ??= new StoredEvent(
      { type: 'ADDED', key: this.key, object: this.object, kv: this.kv, revision: this.revision },
      this.#encoder,
    );
    return this.#asAdded;
  }

  /**
   * This change as seen by a watcher whose filter matched the previous state but not the new
   * one: a DELETED of the previous state, at this event's revision.
   */
  asDeletedPrevious(): StoredEvent<T> {
    if (this.type === 'DELETED' || this.prevObject === undefined || this.prevKv === undefined) return this;
    this.#asDeleted ??= new StoredEvent<T>(
      { type: 'DELETED', key: this.key, object: this.prevObject, kv: this.prevKv, revision: this.revision },
      this.#encoder,
    );
    return this.#asDeleted;
  }
}
