/** Kind-specific behaviour the generic store calls out to (admission-like steps). */
import type { KubeObject } from '../../api/meta.js';
import type { AnyKind } from '../../api/scheme.js';

export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
}

/** What one request is about. */
export interface RequestScope {
  kind: AnyKind;
  namespace: string;
  name: string;
  dryRun: boolean;
  user?: UserInfo;
  /** '' for the main resource, 'status', 'scale', ... */
  subresource: string;
  /** fieldManager query parameter, if any. */
  fieldManager?: string;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
}

export interface KindHooks {
  /** Before a new object is stored (after defaults and validation). May mutate or throw ApiError. */
  beforeCreate?(obj: KubeObject, scope: RequestScope): Promise<void>;
  /** Undo beforeCreate's side effects when the object was not stored (dry run, failure). */
  rollbackCreate?(obj: KubeObject, scope: RequestScope): Promise<void>;
  /** Before defaults and validation of an update: carry over server-set values the client omitted. */
  prepareUpdate?(obj: KubeObject, old: KubeObject, scope: RequestScope): void;
  /** Before an update is stored (after defaults and validation). */
  beforeUpdate?(obj: KubeObject, old: KubeObject, scope: RequestScope): Promise<void>;
  /** Undo beforeUpdate's side effects when the update was not stored. */
  rollbackUpdate?(obj: KubeObject, old: KubeObject, scope: RequestScope): Promise<void>;
  /** After an update was stored. */
  afterUpdate?(obj: KubeObject, old: KubeObject): Promise<void>;
  /** After the object is gone from the store. */
  afterDelete?(obj: KubeObject): Promise<void>;
  /**
   * Grace period for a delete: a positive number marks the object with deletionTimestamp and
   * leaves it for its owner (the node agent) to finish; 0 or undefined deletes at once.
   */
  deleteGraceSeconds?(obj: KubeObject, opts: DeleteOptions): number | undefined;
  /** Marks the start of deletion on the object (namespaces: phase Terminating). */
  beginDelete?(obj: KubeObject): void;
  /** Kind-specific finalizers still pending (namespaces: spec.finalizers), which hold deletion. */
  pendingFinalizers?(obj: KubeObject): boolean;
}
