/**
 * Storage key layout: /registry/{group or "core"}/{plural}/{namespace}/{name} for namespaced kinds
 * and /registry/{group or "core"}/{plural}/{name} for cluster-scoped ones. Kinds stored in another
 * kind's shape (HPA v1 → v2, events.k8s.io → core Events) use the storage kind's key space.
 */
import type { AnyKind } from '../../api/scheme.js';

export interface StorageTarget {
  group: string;
  plural: string;
  namespaced: boolean;
}

export function storageTarget(kind: AnyKind): StorageTarget {
  const s = kind.storage;
  return { group: s ? s.group : kind.group, plural: s ? s.plural : kind.plural, namespaced: kind.namespaced };
}

export function resourcePrefix(t: StorageTarget): string {
  return `/registry/${t.group || 'core'}/${t.plural}/`;
}

/** The prefix for listing: one namespace, or all of them when namespace is ''. */
export function listPrefix(t: StorageTarget, namespace: string): string {
  const base = resourcePrefix(t);
  return t.namespaced && namespace ? `${base}${namespace}/` : base;
}

export function objectKey(t: StorageTarget, namespace: string, name: string): string {
  const base = resourcePrefix(t);
  return t.namespaced ? `${base}${namespace}/${name}` : `${base}${name}`;
}

/** Storage targets admission and bootstrap read directly. */
export const NAMESPACES: StorageTarget = { group: '', plural: 'namespaces', namespaced: false };
export const SERVICES: StorageTarget = { group: '', plural: 'services', namespaced: true };
export const PRIORITY_CLASSES: StorageTarget = { group: 'scheduling.k8s.io', plural: 'priorityclasses', namespaced: false };
export const LIMIT_RANGES: StorageTarget = { group: '', plural: 'limitranges', namespaced: true };
export const RESOURCE_QUOTAS: StorageTarget = { group: '', plural: 'resourcequotas', namespaced: true };
