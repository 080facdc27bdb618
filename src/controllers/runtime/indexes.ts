/** Extra informer indexes controllers share. */
import type { KubeObject } from '../../api/meta.js';
import type { IndexFunc, Informer } from '../../client/index.js';

/** Objects without a controller ownerReference, by namespace (what a controller may adopt). */
export const ORPHAN_INDEX = 'gantry.orphansByNamespace';

export const orphanIndexFunc: IndexFunc<KubeObject> = (o) =>
  o.metadata.ownerReferences?.some((r) => r.controller === true) ? [] : [o.metadata.namespace ?? ''];

/** Adds the index unless the informer's store already has one of that name. */
export function ensureIndex<T extends KubeObject>(inf: Informer<T>, name: string, fn: IndexFunc<T>): void {
  if (!inf.store.hasIndex(name)) inf.addIndexer(name, fn);
}

/** Objects of `inf` controlled by `uid` plus the orphans of `namespace` (candidates for claiming). */
export function claimCandidates<T extends KubeObject>(inf: Informer<T>, namespace: string, uid: string): T[] {
  ensureIndex(inf, ORPHAN_INDEX, orphanIndexFunc as IndexFunc<T>);
  return [...inf.store.byIndex('ownerUid', uid), ...inf.store.byIndex(ORPHAN_INDEX, namespace)];
}
