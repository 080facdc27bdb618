/**
 * The generic REST store: create, get, update (guaranteed, compare-and-swap), delete with
 * finalizers and graceful deletion, for any kind described by a KindDefinition.
 */
import type { KubeObject } from '../../api/meta.js';
import type { AnyKind } from '../../api/scheme.js';
import { apiVersionOfKind } from '../../api/scheme.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../api/validation/object-meta.js';
import type { FieldError } from '../../api/validation/field-errors.js';
import { ApiError, builtinPatchMeta, deepEqual, trackUpdate } from '../../machinery/index.js';
import {
  type Backend,
  ConflictError,
  KeyExistsError,
  KeyNotFoundError,
  ValueTooLargeError,
  type KeyValue,
} from '../../storage/index.js';
import { decodeStored, encodeForStorage, toServed } from './codec.js';
import type { DeleteOptions, KindHooks, RequestScope } from './hooks.js';
import { objectKey, storageTarget } from './keys.js';
import { generateName, now, objectChanged, prepareCreateMetadata, prepareUpdateMetadata } from './metadata.js';
import { rfc3339 } from '../../util/index.js';

const MAX_UPDATE_ATTEMPTS = 16;
const GENERATE_NAME_ATTEMPTS = 7;

export type UpdateFn = (current: KubeObject) => KubeObject | Promise<KubeObject>;

export interface UpdateOptions {
  /** The resourceVersion the client based its change on (409 on mismatch); absent: unconditional. */
  expectedResourceVersion?: string;
  /** The change is a server-side apply that already recorded its field ownership. */
  applied?: boolean;
}

export interface DeleteResult {
  /** The object as it was deleted, or as marked for deletion. */
  object: KubeObject;
  /** False when deletion was only started (finalizers or grace period). */
  deleted: boolean;
}

export class ResourceStore {
  constructor(
    private readonly backend: Backend,
    private readonly hooksFor: (kind: AnyKind) => KindHooks,
  ) {}

  async get(scope: RequestScope): Promise<KubeObject> {
    const kv = await this.backend.get(this.key(scope));
    if (!kv) throw notFound(scope);
    return toServed(scope.kind, decodeStored(kv));
  }

  async create(scope: RequestScope, obj: KubeObject, opts: { applied?: boolean } = {}): Promise<KubeObject> {
    const kind = scope.kind;
    obj.apiVersion = apiVersionOfKind(kind);
    obj.kind = kind.kind;
    prepareCreateMetadata(kind, obj);
    if (kind.namespaced) obj.metadata.namespace = scope.namespace;
    else delete obj.metadata.namespace;
    kind.prepareForCreate?.(obj);
    kind.defaults?.(obj);
    const errs: FieldError[] = [
      ...validateObjectMeta(obj, { namespaced: kind.namespaced, nameValidator: kind.nameValidator }),
      ...(kind.validate?.(obj) ?? []),
    ];
    if (errs.length) throw ApiError.invalid({ group: kind.group, kind: kind.kind }, obj.metadata.name ?? '', { causes: errs });
    if (!opts.applied) {
      delete obj.metadata.managedFields;
      trackFields(scope, undefined, obj);
    }
    const named: RequestScope = { ...scope, name: obj.metadata.name! };
    const generated = Boolean(obj.metadata.generateName) && obj.metadata.name !== scope.name;
    const hooks = this.hooksFor(kind);
    try {
      await hooks.beforeCreate?.(obj, named);
    } catch (e) {
      await hooks.rollbackCreate?.(obj, named);
      throw e;
    }
    if (scope.dryRun) {
      await hooks.rollbackCreate?.(obj, named);
      return obj;
    }
    try {
      // As kube-apiserver does, a generated name that is taken is generated again (a few times).
      for (let attempt = 0; ; attempt++) {
        try {
          const kv = await this.backend.create(this.key(named), encodeForStorage(kind, obj));
          obj.metadata.resourceVersion = String(kv.modRevision);
          return obj;
        } catch (e) {
          if (!(e instanceof KeyExistsError) || !generated || attempt >= GENERATE_NAME_ATTEMPTS) throw e;
          obj.metadata.name = generateName(obj.metadata.generateName!);
          named.name = obj.metadata.name;
        }
      }
    } catch (e) {
      await hooks.rollbackCreate?.(obj, named);
      if (e instanceof KeyExistsError) throw ApiError.alreadyExists(resourceRef(kind), obj.metadata.name!);
      throw storageError(e, scope);
    }
  }

  /**
   * Reads the current object, applies `fn`, validates and writes it with compare-and-swap,
   * retrying on conflicts unless the caller pinned a resourceVersion.
   */
  async update(scope: RequestScope, fn: UpdateFn, opts: UpdateOptions = {}): Promise<KubeObject> {
    const kind = scope.kind;
    const key = this.key(scope);
    for (let attempt = 0; ; attempt++) {
      const kv = await this.backend.get(key);
      if (!kv) throw notFound(scope);
      const current = toServed(kind, decodeStored(kv));
      if (opts.expectedResourceVersion && opts.expectedResourceVersion !== current.metadata.resourceVersion) {
        throw ApiError.conflict(resourceRef(kind), scope.name);
      }
      const next = await fn(structuredClone(current));
      const rvInBody = next.metadata?.resourceVersion;
      checkPreconditions(scope, current, { preconditions: { uid: next.metadata?.uid } });
      if (rvInBody && rvInBody !== current.metadata.resourceVersion) {
        throw ApiError.conflict(resourceRef(kind), scope.name);
      }
      this.prepareUpdate(scope, next, current);
      if (!opts.applied) {
        next.metadata.managedFields = current.metadata.managedFields;
        trackFields(scope, current, next);
      }
      const ownersChanged = opts.applied && !deepEqual(next.metadata.managedFields, current.metadata.managedFields);
      if (!objectChanged(next, current) && !ownersChanged) return current;
      const hooks = this.hooksFor(kind);
      await hooks.beforeUpdate?.(next, current, scope);
      if (scope.dryRun) {
        await hooks.rollbackUpdate?.(next, current, scope);
        return next;
      }
      try {
        if (readyToRemove(next) && !hooks.pendingFinalizers?.(next)) {
          // The last finalizer went away: the object is gone now.
          const gone = await this.backend.delete(key, kv.modRevision);
          await hooks.afterDelete?.(next);
          next.metadata.resourceVersion = String(gone.modRevision);
          return next;
        }
        const written = await this.backend.update(key, encodeForStorage(kind, next), kv.modRevision);
        next.metadata.resourceVersion = String(written.modRevision);
        await hooks.afterUpdate?.(next, current);
        return next;
      } catch (e) {
        await hooks.rollbackUpdate?.(next, current, scope);
        const pinned = Boolean(opts.expectedResourceVersion || rvInBody);
        if (e instanceof ConflictError && !pinned && attempt < MAX_UPDATE_ATTEMPTS) continue;
        if (e instanceof ConflictError) throw ApiError.conflict(resourceRef(kind), scope.name);
        if (e instanceof KeyNotFoundError) throw notFound(scope);
        throw storageError(e, scope);
      }
    }
  }

  /** Deletes, or starts deletion when finalizers or a grace period hold the object. */
  async delete(scope: RequestScope, opts: DeleteOptions): Promise<DeleteResult> {
    const kind = scope.kind;
    const key = this.key(scope);
    const hooks = this.hooksFor(kind);
    for (let attempt = 0; ; attempt++) {
      const kv = await this.backend.get(key);
      if (!kv) throw notFound(scope);
      const current = toServed(kind, decodeStored(kv));
      checkPreconditions(scope, current, opts);
      const next = structuredClone(current);
      const grace = hooks.deleteGraceSeconds?.(current, opts);
      const finalizers = withPropagationFinalizer(current, opts);
      const alreadyDeleting = Boolean(current.metadata.deletionTimestamp);
      const holds = finalizers.length > 0 || (grace !== undefined && grace > 0) || Boolean(hooks.pendingFinalizers?.(current));
      if (holds) {
        next.metadata.finalizers = finalizers.length ? finalizers : undefined;
        if (!next.metadata.finalizers) delete next.metadata.finalizers;
        if (!alreadyDeleting) {
          const g = grace ?? 0;
          next.metadata.deletionTimestamp = rfc3339(Date.now() + g * 1000);
          next.metadata.deletionGracePeriodSeconds = g;
          hooks.beginDelete?.(next);
        } else if (grace !== undefined && grace < (current.metadata.deletionGracePeriodSeconds ?? Infinity)) {
          // A shorter grace period may replace a longer one.
          next.metadata.deletionTimestamp = now();
          next.metadata.deletionGracePeriodSeconds = grace;
        }
        if (!objectChanged(next, current)) return { object: current, deleted: false };
        if (scope.dryRun) return { object: next, deleted: false };
        try {
          const written = await this.backend.update(key, encodeForStorage(kind, next), kv.modRevision);
          next.metadata.resourceVersion = String(written.modRevision);
          return { object: next, deleted: false };
        } catch (e) {
          if (e instanceof ConflictError && attempt < MAX_UPDATE_ATTEMPTS) continue;
          throw storageError(e, scope);
        }
      }
      if (scope.dryRun) return { object: current, deleted: true };
      try {
        const gone: KeyValue = await this.backend.delete(key, kv.modRevision);
        current.metadata.resourceVersion = String(gone.modRevision);
        await hooks.afterDelete?.(current);
        return { object: current, deleted: true };
      } catch (e) {
        if (e instanceof ConflictError && attempt < MAX_UPDATE_ATTEMPTS) continue;
        if (e instanceof KeyNotFoundError) throw notFound(scope);
        throw storageError(e, scope);
      }
    }
  }

  private prepareUpdate(scope: RequestScope, next: KubeObject, current: KubeObject): void {
    const kind = scope.kind;
    next.apiVersion = apiVersionOfKind(kind);
    next.kind = kind.kind;
    if (kind.namespaced) next.metadata.namespace = scope.namespace;
    const rec = next as unknown as Record<string, unknown>;
    const cur = current as unknown as Record<string, unknown>;
    if (scope.subresource === 'status') {
      // A status write keeps everything but status.
      const status = rec.status;
      for (const k of Object.keys(rec)) if (k !== 'apiVersion' && k !== 'kind') delete rec[k];
      Object.assign(rec, structuredClone(cur), { status });
      if (status === undefined) delete rec.status;
    } else if (kind.statusSubresource && scope.subresource === '') {
      // A main-resource write keeps the stored status.
      if (cur.status === undefined) delete rec.status;
      else rec.status = structuredClone(cur.status);
    }
    prepareUpdateMetadata(kind, next, current);
    this.hooksFor(kind).prepareUpdate?.(next, current, scope);
    kind.defaults?.(next);
    const errs: FieldError[] = [
      ...validateObjectMetaUpdate(next, current, { namespaced: kind.namespaced, nameValidator: kind.nameValidator }),
      ...this.kindUpdateErrors(scope, next, current),
    ];
    if (errs.length) throw ApiError.invalid({ group: kind.group, kind: kind.kind }, scope.name, { causes: errs });
  }

  /** The kind's own checks for an update: status writes and bindings have their own rules. */
  private kindUpdateErrors(scope: RequestScope, next: KubeObject, current: KubeObject): FieldError[] {
    const kind = scope.kind;
    switch (scope.subresource) {
      case 'status':
        return kind.validateStatusUpdate?.(next, current) ?? [];
      case 'binding':
      case 'finalize':
        // The handler made the only change (spec.nodeName, spec.finalizers) and checked it.
        return [];
      default:
        return kind.validateUpdate?.(next, current) ?? kind.validate?.(next) ?? [];
    }
  }

  private key(scope: RequestScope): string {
    return objectKey(storageTarget(scope.kind), scope.namespace, scope.name);
  }
}

/** Records the request's manager as owner of the fields it set (an Update in managedFields). */
function trackFields(scope: RequestScope, prev: KubeObject | undefined, next: KubeObject): void {
  if (!scope.fieldManager) return;
  trackUpdate(prev as unknown as Record<string, unknown> | undefined, next as unknown as Record<string, unknown>, {
    manager: scope.fieldManager,
    apiVersion: apiVersionOfKind(scope.kind),
    subresource: scope.subresource || undefined,
    meta: builtinPatchMeta,
  });
}

/** The group/resource pair that error messages name ("deployments.apps"). */
export function resourceRef(kind: AnyKind): { group: string; resource: string } {
  return { group: kind.group, resource: kind.plural };
}

function notFound(scope: RequestScope): ApiError {
  return ApiError.notFound(resourceRef(scope.kind), scope.name);
}

/** Being deleted, no finalizers left, and no grace period outstanding. */
function readyToRemove(obj: KubeObject): boolean {
  const m = obj.metadata;
  return Boolean(m.deletionTimestamp) && !(m.finalizers ?? []).length && (m.deletionGracePeriodSeconds ?? 0) === 0;
}

function checkPreconditions(scope: RequestScope, current: KubeObject, opts: DeleteOptions): void {
  const p = opts.preconditions;
  if (!p) return;
  const ref = resourceRef(scope.kind);
  if (p.uid && p.uid !== current.metadata.uid) {
    throw ApiError.conflict(
      ref,
      scope.name,
      { detail: `Precondition failed: UID in precondition: ${p.uid}, UID in object meta: ${current.metadata.uid}` },
    );
  }
  if (p.resourceVersion && p.resourceVersion !== current.metadata.resourceVersion) {
    throw ApiError.conflict(
      ref,
      scope.name,
      { detail: `Precondition failed: ResourceVersion in precondition: ${p.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}` },
    );
  }
}

/** The object's finalizers after applying the propagation policy of a delete. */
function withPropagationFinalizer(obj: KubeObject, opts: DeleteOptions): string[] {
  const fins = [...(obj.metadata.finalizers ?? [])];
  if (obj.metadata.deletionTimestamp) return fins;
  const policy = opts.propagationPolicy ?? (opts.orphanDependents ? 'Orphan' : undefined);
  if (policy === 'Foreground' && !fins.includes('foregroundDeletion')) fins.push('foregroundDeletion');
  if (policy === 'Orphan' && !fins.includes('orphan')) fins.push('orphan');
  return fins;
}

function storageError(e: unknown, scope: RequestScope): unknown {
  if (e instanceof ValueTooLargeError) {
    return ApiError.requestEntityTooLarge(`the object ${scope.kind.plural} "${scope.name}" is too large to store`);
  }
  return e;
}
