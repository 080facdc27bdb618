/** Owner reference helpers: who controls an object, and the reference a controller stamps on what it creates. */
import { apiVersionOf, type KubeObject, type OwnerReference } from '../api/meta.js';

/** The owner reference with controller: true, if any. */
export function controllerRef(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true);
}

/** True when `owner` (matched by uid) is the controller of `obj`. */
export function isControlledBy(obj: KubeObject, owner: KubeObject): boolean {
  const uid = owner.metadata?.uid;
  return !!uid && controllerRef(obj)?.uid === uid;
}

/** True when any owner reference of `obj` points at `owner` (matched by uid). */
export function isOwnedBy(obj: KubeObject, owner: KubeObject): boolean {
  const uid = owner.metadata?.uid;
  return !!uid && (obj.metadata?.ownerReferences ?? []).some((r) => r.uid === uid);
}

/**
 * The owner reference a controller puts on objects it creates: controller and blockOwnerDeletion
 * set. Throws when the owner has no name or uid (it was never stored).
 */
export function newControllerRef(owner: KubeObject, gvk: { group: string; version: string; kind: string }): OwnerReference {
  const { name, uid } = owner.metadata ?? {};
  if (!name || !uid) throw new Error(`cannot reference ${gvk.kind} owner without metadata.name and metadata.uid`);
  return {
    apiVersion: apiVersionOf(gvk.group, gvk.version),
    kind: gvk.kind,
    name,
    uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}
