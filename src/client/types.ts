/** The request and answer shapes of the REST client (meta/v1 options, list and watch results). */
import type { KubeObject, Status } from '../api/meta.js';

/**
 * Which resource a client talks to. A `KindDefinition` from src/api (e.g. `pod`, `deployment`)
 * fits as is; so does a literal `{group: '', version: 'v1', plural: 'pods', namespaced: true}`.
 * `kind` (e.g. 'Pod') is used to stamp apiVersion/kind on objects sent without them.
 */
export interface ResourceKind {
  /** '' for the core group. */
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
  kind?: string;
}

/** Every call accepts a signal that cancels it (AbortSignal stands in for Go's context). */
export interface CallOptions {
  signal?: AbortSignal;
}

/** Query options of list, watch and deletecollection (meta/v1 ListOptions). */
export interface ListOptions extends CallOptions {
  /** e.g. 'app=web,tier!=db' */
  labelSelector?: string;
  /** e.g. 'spec.nodeName=node-1' */
  fieldSelector?: string;
  /** Page size; the answer's `continue` fetches the next page. */
  limit?: number;
  continue?: string;
  /** '' or absent: a consistent (quorum) read; '0': any recent state. */
  resourceVersion?: string;
  resourceVersionMatch?: 'NotOlderThan' | 'Exact';
  timeoutSeconds?: number;
}

export interface WatchOptions extends CallOptions {
  /** Start after this resourceVersion. Absent: the current state first (synthetic ADDED events), then changes. */
  resourceVersion?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Ask for BOOKMARK events carrying only a newer resourceVersion (default true). */
  allowWatchBookmarks?: boolean;
  /** The server ends the watch after this many seconds. */
  timeoutSeconds?: number;
  /** Send an initial-events-end bookmark (with sendInitialEvents; upstream WatchList). */
  sendInitialEvents?: boolean;
}

/** A page of a list. */
export interface ListResult<T extends KubeObject> {
  items: T[];
  /** The list's resourceVersion: watch from here to see every later change. */
  resourceVersion: string;
  /** Token for the next page ('' on the last page). */
  continue: string;
  remainingItemCount?: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

/**
 * One watch event. A server-sent ERROR event is not yielded: the iterator throws it as an
 * `ApiError` instead (410 Expired/Gone for a resourceVersion that is too old: relist).
 * For BOOKMARK only `object.metadata.resourceVersion` is meaningful.
 */
export interface WatchEvent<T extends KubeObject> {
  type: WatchEventType;
  object: T;
}

/**
 * A running watch. Iterate it with `for await`; it ends when the server closes the stream
 * (timeout) or the signal aborts (then it ends quietly, without throwing). `close()` stops it.
 */
export interface WatchStream<T extends KubeObject> extends AsyncIterable<WatchEvent<T>> {
  close(): void;
}

export interface WriteOptions extends CallOptions {
  /** Recorded in managedFields (default: the client's userAgent-derived manager). */
  fieldManager?: string;
  /** Validate and default, but do not persist. */
  dryRun?: boolean;
  /** Strict | Warn | Ignore unknown/duplicate fields. */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
}

export interface CreateOptions extends WriteOptions {
  /** Namespace to create in when obj.metadata.namespace is empty (namespaced kinds). */
  namespace?: string;
}

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

export interface PatchOptions extends WriteOptions {
  /** How `body` is interpreted (Content-Type json-patch+json, merge-patch+json, strategic-merge-patch+json, apply-patch+yaml). */
  type: PatchType;
  /** A JSON patch (array of ops) or a (partial) object. Sent as JSON (JSON is valid YAML for apply). */
  body: unknown;
  /** Server-side apply: take over fields owned by other managers. Only with type 'apply'. */
  force?: boolean;
  /** e.g. 'status' or 'scale'. */
  subresource?: string;
}

/** meta/v1 Preconditions. */
export interface Preconditions {
  uid?: string;
  resourceVersion?: string;
}

/** meta/v1 DeleteOptions. */
export interface DeleteOptions extends CallOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  preconditions?: Preconditions;
  dryRun?: boolean;
}

export interface SubresourceOptions extends WriteOptions {
  /** e.g. 'binding', 'eviction', 'scale', 'status'. */
  subresource: string;
  /** The body to POST (e.g. a Binding or an Eviction). */
  body: unknown;
}

/** What DELETE answers: the object (still present with a deletionTimestamp, or as it was) or a Status. */
export type DeleteResult<T extends KubeObject> = T | Status;

/** A raw request for paths the typed client does not cover (discovery, /healthz, ...). */
export interface RawRequest extends CallOptions {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Absolute path, e.g. '/api/v1/namespaces/default/pods'. */
  path: string;
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  /** Serialised as JSON unless already a string. */
  body?: unknown;
  /** Default application/json (for PATCH: the patch type's content type). */
  contentType?: string;
  /** Retry on 429/5xx and connection errors (default: true for GET, and for writes only when the request was never sent). */
  retry?: boolean;
  /** Per-request time limit in ms (default: the client's timeoutMs). */
  timeoutMs?: number;
}
