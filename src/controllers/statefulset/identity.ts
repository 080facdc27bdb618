/**
 * StatefulSet pod identity and storage (upstream stateful_set_utils.go): ordinal names
 * `<set>-<i>`, the pod-name and pod-index labels, hostname and subdomain, the claims
 * `<template>-<set>-<i>` mounted by template name, and the claims' owner references that the
 * persistentVolumeClaimRetentionPolicy asks for.
 */
import type { StatefulSet } from '../../api/apps/v1/index.js';
import type { PersistentVolumeClaim, Pod, PodTemplateSpec, Volume } from '../../api/core/v1/index.js';
import type { OwnerReference } from '../../api/meta.js';
import { deepClone, newControllerRef } from '../../machinery/index.js';
import { podFromTemplate } from '../runtime/index.js';
import { POD_REVISION_LABEL } from './history.js';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const STATEFULSET_GVK = { group: 'apps', version: 'v1', kind: 'StatefulSet' };

const ORDINAL_NAME = /^(.*)-([0-9]+)$/;

/** The parent name and ordinal of `<parent>-<ordinal>`; ordinal -1 when the name has none. */
export function parseOrdinal(name: string | undefined): { parent: string; ordinal: number } {
  const m = ORDINAL_NAME.exec(name ?? '');
  if (!m) return { parent: '', ordinal: -1 };
  const n = Number(m[2]);
  return Number.isSafeInteger(n) ? { parent: m[1]!, ordinal: n } : { parent: '', ordinal: -1 };
}

export function startOrdinal(set: StatefulSet): number {
  return set.spec.ordinals?.start ?? 0;
}

/** The last ordinal of the set's range (start - 1 when it has no replicas). */
export function endOrdinal(set: StatefulSet): number {
  return startOrdinal(set) + (set.spec.replicas ?? 1) - 1;
}

export function inOrdinalRange(set: StatefulSet, ordinal: number): boolean {
  return ordinal >= startOrdinal(set) && ordinal <= endOrdinal(set);
}

export function podName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

/** `<template>-<set>-<ordinal>`. */
export function claimName(set: StatefulSet, template: string, ordinal: number): string {
  return `${template}-${podName(set, ordinal)}`;
}

export function podRevision(pod: Pod): string {
  return pod.metadata.labels?.[POD_REVISION_LABEL] ?? '';
}

/** The claims a pod of `set` at `ordinal` uses, by template name. */
export function claimsFor(set: StatefulSet, ordinal: number): Map<string, PersistentVolumeClaim> {
  const out = new Map<string, PersistentVolumeClaim>();
  for (const t of set.spec.volumeClaimTemplates ?? []) {
    const tname = t.metadata.name ?? '';
    const claim = deepClone(t);
    claim.apiVersion = 'v1';
    claim.kind = 'PersistentVolumeClaim';
    claim.metadata = {
      ...claim.metadata,
      name: claimName(set, tname, ordinal),
      namespace: set.metadata.namespace,
      labels: { ...(claim.metadata.labels ?? {}), ...(set.spec.selector?.matchLabels ?? {}) },
    };
    delete claim.status;
    out.set(tname, claim);
  }
  return out;
}

/** The pod's identity matches its ordinal: name, namespace, labels, hostname and subdomain. */
export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const { parent, ordinal } = parseOrdinal(pod.metadata.name);
  const labels = pod.metadata.labels ?? {};
  return (
    ordinal >= 0 &&
    parent === set.metadata.name &&
    pod.metadata.namespace === set.metadata.namespace &&
    labels[POD_NAME_LABEL] === pod.metadata.name &&
    labels[POD_INDEX_LABEL] === String(ordinal) &&
    (pod.spec.hostname ?? '') === pod.metadata.name &&
    (pod.spec.subdomain ?? '') === (set.spec.serviceName ?? '')
  );
}

/** Every claim template is mounted from its per-pod claim. */
export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const { ordinal } = parseOrdinal(pod.metadata.name);
  if (ordinal < 0) return false;
  const volumes = new Map((pod.spec.volumes ?? []).map((v) => [v.name, v]));
  for (const [tname, claim] of claimsFor(set, ordinal)) {
    if (volumes.get(tname)?.persistentVolumeClaim?.claimName !== claim.metadata.name) return false;
  }
  return true;
}

/** Sets the identity of `pod` (in place). */
export function updateIdentity(set: StatefulSet, pod: Pod): void {
  const { ordinal } = parseOrdinal(pod.metadata.name);
  pod.metadata.namespace = set.metadata.namespace;
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [POD_NAME_LABEL]: pod.metadata.name ?? '', [POD_INDEX_LABEL]: String(ordinal) };
  pod.spec.hostname = pod.metadata.name;
  if (set.spec.serviceName) pod.spec.subdomain = set.spec.serviceName;
  else delete pod.spec.subdomain;
}

/** Mounts the per-pod claims (in place), replacing volumes of the same names. */
export function updateStorage(set: StatefulSet, pod: Pod): void {
  const { ordinal } = parseOrdinal(pod.metadata.name);
  const claims = claimsFor(set, ordinal);
  if (claims.size === 0) return;
  const volumes: Volume[] = [];
  for (const [tname, claim] of claims) volumes.push({ name: tname, persistentVolumeClaim: { claimName: claim.metadata.name ?? '' } });
  for (const v of pod.spec.volumes ?? []) if (!claims.has(v.name)) volumes.push(v);
  pod.spec.volumes = volumes;
}

/** The pod at `ordinal` from `template`, labelled with `revision` (upstream newVersionedStatefulSetPod's pieces). */
export function newStatefulSetPod(set: StatefulSet, template: PodTemplateSpec, opts: { ordinal: number; revision: string }): Pod {
  const pod = podFromTemplate(template, {
    namespace: set.metadata.namespace ?? '',
    controllerRef: newControllerRef(set, STATEFULSET_GVK),
    name: podName(set, opts.ordinal),
  });
  updateIdentity(set, pod);
  updateStorage(set, pod);
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [POD_REVISION_LABEL]: opts.revision };
  return pod;
}

/** persistentVolumeClaimRetentionPolicy with its defaults (Retain, Retain). */
export function retentionPolicy(set: StatefulSet): { whenDeleted: 'Retain' | 'Delete'; whenScaled: 'Retain' | 'Delete' } {
  const p = set.spec.persistentVolumeClaimRetentionPolicy ?? {};
  return { whenDeleted: p.whenDeleted === 'Delete' ? 'Delete' : 'Retain', whenScaled: p.whenScaled === 'Delete' ? 'Delete' : 'Retain' };
}

/**
 * The owner references a claim should carry (upstream updateClaimOwnerRefForSetAndPod): the
 * set's when whenDeleted is Delete (and the pod is in range), the pod's when whenScaled is
 * Delete and the pod was scaled away. Other owners are kept as they are.
 */
export function claimOwnerRefs(claim: PersistentVolumeClaim, set: StatefulSet, pod: { name: string; uid?: string; ordinal: number }): OwnerReference[] {
  const policy = retentionPolicy(set);
  const scaledDown = !inOrdinalRange(set, pod.ordinal);
  const setUid = set.metadata.uid ?? '';
  const others = (claim.metadata.ownerReferences ?? []).filter((r) => r.uid !== setUid && !(r.kind === 'Pod' && r.name === pod.name));
  const refs = [...others];
  const wantSet = policy.whenDeleted === 'Delete' && !(policy.whenScaled === 'Delete' && scaledDown);
  const wantPod = policy.whenScaled === 'Delete' && scaledDown && Boolean(pod.uid);
  if (wantSet) refs.push({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata.name ?? '', uid: setUid });
  if (wantPod) refs.push({ apiVersion: 'v1', kind: 'Pod', name: pod.name, uid: pod.uid! });
  return refs;
}

/** Whether two owner reference lists name the same owners. */
export function sameOwners(a: OwnerReference[] | undefined, b: OwnerReference[] | undefined): boolean {
  const key = (refs: OwnerReference[] | undefined) =>
    (refs ?? [])
      .map((r) => `${r.kind}/${r.name}/${r.uid}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}
