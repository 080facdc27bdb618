/**
 * ReplicaSet helpers of the deployment controller (upstream deployment/util): which replica set
 * is the new one, ordering, the pod-template-hash, counts.
 */
import type { Deployment, ReplicaSet } from '../../api/apps/v1/index.js';
import type { PodTemplateSpec } from '../../api/core/v1/index.js';
import { semanticEqual } from '../../api/validation/semantic-equal.js';

/** The label (and selector key) that tells the pods of a deployment's replica sets apart. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/** spec.replicas with the API default of 1. */
export function replicasOf(obj: Deployment | ReplicaSet | undefined): number {
  const r = obj?.spec?.replicas;
  return typeof r === 'number' && r >= 0 ? r : obj ? 1 : 0;
}

function createdMs(rs: ReplicaSet): number {
  const t = Date.parse(rs.metadata.creationTimestamp ?? '');
  return Number.isFinite(t) ? t : 0;
}

/** Older first, then by name (upstream ReplicaSetsByCreationTimestamp). */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  return createdMs(a) - createdMs(b) || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}

/** Larger first; equal sizes newer first (scaling up). */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  return replicasOf(b) - replicasOf(a) || -byCreation(a, b);
}

/** Larger first; equal sizes older first (scaling down). */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  return replicasOf(b) - replicasOf(a) || byCreation(a, b);
}

/** Replica sets that want pods (upstream FilterActiveReplicaSets). */
export function activeReplicaSets(list: readonly (ReplicaSet | undefined)[]): ReplicaSet[] {
  return list.filter((rs): rs is ReplicaSet => !!rs && replicasOf(rs) > 0);
}

function withoutHash(t: PodTemplateSpec | undefined): PodTemplateSpec {
  const copy = structuredClone(t ?? {});
  if (copy.metadata?.labels) {
    delete copy.metadata.labels[POD_TEMPLATE_HASH_LABEL];
    if (Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels;
  }
  return copy;
}

/** Templates equal apart from the pod-template-hash label (upstream EqualIgnoreHash). */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return semanticEqual(withoutHash(a), withoutHash(b));
}

/** The oldest replica set whose template is the deployment's (upstream FindNewReplicaSet). */
export function findNewReplicaSet(d: Deployment, list: readonly ReplicaSet[]): ReplicaSet | undefined {
  return [...list].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
}

/** Every replica set but the new one (upstream FindOldReplicaSets' allOldRSs). */
export function findOldReplicaSets(d: Deployment, list: readonly ReplicaSet[]): ReplicaSet[] {
  const fresh = findNewReplicaSet(d, list);
  return list.filter((rs) => rs !== fresh);
}

/** Sum of spec.replicas. */
export function specReplicas(list: readonly (ReplicaSet | undefined)[]): number {
  return list.reduce((n, rs) => n + (rs ? replicasOf(rs) : 0), 0);
}

/** Sum of a status counter. */
export function statusSum(list: readonly (ReplicaSet | undefined)[], field: 'replicas' | 'readyReplicas' | 'availableReplicas'): number {
  return list.reduce((n, rs) => n + (rs?.status?.[field] ?? 0), 0);
}

/** JSON with sorted keys, so equal templates give equal text whatever the key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * The pod-template-hash: FNV-32a over the template (canonical JSON) and the collision count,
 * its decimal digits mapped to upstream's "safe" alphabet (rand.SafeEncodeString), so names
 * look like upstream's (web-7d4b9c5f8) and stay the same across restarts.
 */
export function computeHash(template: PodTemplateSpec | undefined, collisionCount?: number): string {
  let h = 0x811c9dc5;
  const feed = (s: string): void => {
    for (const byte of Buffer.from(s, 'utf8')) {
      h ^= byte;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  };
  feed(canonical(template ?? {}));
  if (collisionCount !== undefined && collisionCount !== null) feed(`#${collisionCount}`);
  const digits = String(h >>> 0);
  let out = '';
  for (const ch of digits) out += SAFE_ALPHANUMS[ch.charCodeAt(0) % SAFE_ALPHANUMS.length];
  return out;
}
