/**
 * Claiming (upstream's ControllerRefManager): a controller owns the objects whose controller
 * ownerReference points at it. It adopts orphans its selector matches and releases objects it
 * owns that its selector no longer matches. Writes are merge patches carrying the read
 * resourceVersion, so a concurrent change makes them fail with a conflict instead of clobbering.
 */
import type { KubeObject, OwnerReference } from '../../api/meta.js';
import type { Selector } from '../../machinery/index.js';
import { isNotFound } from '../../machinery/index.js';

export interface ClaimOptions<T extends KubeObject> {
  /** The controller (its uid and deletionTimestamp matter). */
  owner: KubeObject;
  /** The controller reference stamped on adopted objects. */
  controllerRef: OwnerReference;
  selector: Selector;
  /** Writes a merge patch to the object (namespace, name, body). */
  patch(obj: T, body: unknown): Promise<unknown>;
  /**
   * Called once before the first adoption: throws if the owner may not adopt (upstream re-reads
   * the owner uncached and refuses when its uid changed or it is being deleted).
   */
  canAdopt?(): Promise<void>;
  /** Extra condition an object must meet to be adopted (e.g. pod not terminal). */
  adoptable?(obj: T): boolean;
}

export interface ClaimResult<T> {
  claimed: T[];
  adopted: number;
  released: number;
  /** Errors of individual adoptions or releases (the caller usually retries later). */
  errors: unknown[];
}

function withoutOwner(obj: KubeObject, uid: string): OwnerReference[] {
  return (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
}

/** Sorts `objects` into those this owner controls, adopting and releasing as needed. */
export async function claimObjects<T extends KubeObject>(objects: readonly T[], opts: ClaimOptions<T>): Promise<ClaimResult<T>> {
  const ownerUid = opts.owner.metadata.uid ?? '';
  const ownerDeleting = Boolean(opts.owner.metadata.deletionTimestamp);
  const result: ClaimResult<T> = { claimed: [], adopted: 0, released: 0, errors: [] };
  let adoptCheck: Promise<void> | undefined;
  for (const obj of objects) {
    const ref = obj.metadata.ownerReferences?.find((r) => r.controller === true);
    const matches = opts.selector.matches(obj.metadata.labels);
    if (ref) {
      if (ref.uid !== ownerUid) continue; // someone else's
      if (matches) {
        result.claimed.push(obj);
        continue;
      }
      if (ownerDeleting) continue; // keep it: the garbage collector handles it
      try {
        await opts.patch(obj, { metadata: { resourceVersion: obj.metadata.resourceVersion, ownerReferences: withoutOwner(obj, ownerUid) } });
        result.released++;
      } catch (err) {
        if (!isNotFound(err)) result.errors.push(err);
      }
      continue;
    }
    if (ownerDeleting || !matches || obj.metadata.deletionTimestamp) continue;
    if (opts.adoptable && !opts.adoptable(obj)) continue;
    try {
      adoptCheck ??= opts.canAdopt?.() ?? Promise.resolve();
      await adoptCheck;
      const refs = [...(obj.metadata.ownerReferences ?? []), { ...opts.controllerRef }];
      const adopted = (await opts.patch(obj, { metadata: { resourceVersion: obj.metadata.resourceVersion, ownerReferences: refs } })) as T | undefined;
      result.claimed.push(adopted && typeof adopted === 'object' && adopted.metadata ? adopted : obj);
      result.adopted++;
    } catch (err) {
      if (!isNotFound(err)) result.errors.push(err);
    }
  }
  return result;
}

/**
 * The usual canAdopt: re-read the owner from the API and refuse when it is gone, was replaced
 * (another uid) or is being deleted.
 */
export function recheckOwner(get: () => Promise<KubeObject>, owner: KubeObject): () => Promise<void> {
  return async () => {
    const fresh = await get();
    const what = `${owner.kind ?? 'owner'} ${owner.metadata.namespace ? `${owner.metadata.namespace}/` : ''}${owner.metadata.name}`;
    if (fresh.metadata.uid !== owner.metadata.uid) {
      throw new Error(`original ${what} is gone: got uid ${fresh.metadata.uid}, wanted ${owner.metadata.uid}`);
    }
    if (fresh.metadata.deletionTimestamp) throw new Error(`${what} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
  };
}
