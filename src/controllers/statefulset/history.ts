/**
 * ControllerRevision history (upstream pkg/controller/history), shared by the StatefulSet and
 * DaemonSet controllers: a revision snapshots the pod template as a patch
 * (`{"spec":{"template":{...,"$patch":"replace"}}}`), is named `<owner>-<hash>`, and is
 * numbered; an unchanged template reuses the latest revision, and going back to an older
 * template renumbers that revision rather than making a new one (a rollback).
 */
import type { ControllerRevision } from '../../api/apps/v1/index.js';
import type { PodTemplateSpec } from '../../api/core/v1/index.js';
import type { KubeObject } from '../../api/meta.js';
import type { ResourceClient } from '../../client/index.js';
import { deepClone, deepEqual, isAlreadyExists, newControllerRef } from '../../machinery/index.js';

/** The label carrying a revision's hash on the ControllerRevision itself. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';
/** The label that tells which revision a pod was made from. */
export const POD_REVISION_LABEL = 'controller-revision-hash';

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** JSON with sorted keys, so equal objects hash equally. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** 32-bit FNV-1a of a string's UTF-8 bytes. */
export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(text, 'utf8')) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Maps a decimal string onto upstream's "safe" alphabet (rand.SafeEncodeString). */
export function safeEncode(text: string): string {
  let out = '';
  for (const ch of text) out += SAFE_ALPHABET[ch.charCodeAt(0) % SAFE_ALPHABET.length];
  return out;
}

/** The hash of revision data and a collision count (upstream HashControllerRevision's shape). */
export function hashRevision(data: unknown, collisionCount?: number): string {
  const salt = collisionCount ? `#${collisionCount}` : '';
  return safeEncode(String(fnv32a(canonical(data) + salt)));
}

/** The data a workload's revision stores: its template as a replacing patch. */
export function templatePatch(template: PodTemplateSpec | undefined): { spec: { template: Record<string, unknown> } } {
  return { spec: { template: { ...(deepClone(template ?? {}) as Record<string, unknown>), $patch: 'replace' } } };
}

/** The template a revision's data describes (the inverse of templatePatch). */
export function templateFromRevision(rev: ControllerRevision): PodTemplateSpec {
  const tpl = deepClone(((rev.data as { spec?: { template?: Record<string, unknown> } })?.spec?.template ?? {}) as Record<string, unknown>);
  delete tpl.$patch;
  return tpl as PodTemplateSpec;
}

/** upstream ControllerRevisionName: `<prefix>-<hash>`, the prefix cut to fit. */
export function revisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

/** A new (unsaved) revision of `owner`. */
export function newRevision(
  owner: KubeObject,
  opts: {
    gvk: { group: string; version: string; kind: string };
    templateLabels?: Record<string, string>;
    data: unknown;
    revision: number;
    collisionCount?: number;
    /** Where the hash goes (DaemonSets use controller-revision-hash). */
    hashLabel?: string;
    /** The owner's annotations, copied (kubectl rollout history reads change-cause from them). */
    annotations?: Record<string, string>;
  },
): ControllerRevision {
  const hash = hashRevision(opts.data, opts.collisionCount);
  const hashLabel = opts.hashLabel ?? CONTROLLER_REVISION_HASH_LABEL;
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: revisionName(owner.metadata.name ?? '', hash),
      namespace: owner.metadata.namespace,
      labels: { ...(opts.templateLabels ?? {}), [hashLabel]: hash },
      ...(opts.annotations && Object.keys(opts.annotations).length ? { annotations: { ...opts.annotations } } : {}),
      ownerReferences: [newControllerRef(owner, opts.gvk)],
    },
    data: opts.data,
    revision: opts.revision,
  };
}

/** Oldest first: by revision number, then creation time, then name. */
export function sortRevisions(revs: ControllerRevision[]): ControllerRevision[] {
  return [...revs].sort(
    (a, b) =>
      (a.revision ?? 0) - (b.revision ?? 0) ||
      (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
      (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
  );
}

/** Revisions with the same data as `rev`. */
export function equalRevisions(revs: ControllerRevision[], rev: ControllerRevision): ControllerRevision[] {
  return revs.filter((r) => deepEqual(r.data, rev.data));
}

/** One past the highest revision number (1 for an empty history). */
export function nextRevisionNumber(revs: ControllerRevision[]): number {
  return revs.reduce((m, r) => Math.max(m, r.revision ?? 0), 0) + 1;
}

export type RevisionClient = Pick<ResourceClient<ControllerRevision>, 'create' | 'get' | 'patch' | 'delete'>;

/**
 * Saves `rev`. A name taken by a revision with other data is a hash collision: the collision
 * count goes up and the name is computed again (upstream CreateControllerRevision).
 */
export async function createRevision(
  client: RevisionClient,
  rev: ControllerRevision,
  opts: { owner: KubeObject; collisionCount: number; hashLabel?: string },
): Promise<{ revision: ControllerRevision; collisionCount: number }> {
  let count = opts.collisionCount;
  const hashLabel = opts.hashLabel ?? CONTROLLER_REVISION_HASH_LABEL;
  for (let attempt = 0; attempt < 100; attempt++) {
    const hash = hashRevision(rev.data, count);
    const candidate: ControllerRevision = {
      ...rev,
      metadata: { ...rev.metadata, name: revisionName(opts.owner.metadata.name ?? '', hash), labels: { ...rev.metadata.labels, [hashLabel]: hash } },
    };
    try {
      return { revision: await client.create(candidate), collisionCount: count };
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      const existing = await client.get(candidate.metadata.namespace, candidate.metadata.name ?? '');
      const ownedHere = existing.metadata.ownerReferences?.some((r) => r.controller && r.uid === opts.owner.metadata.uid);
      if (ownedHere && deepEqual(existing.data, candidate.data)) return { revision: existing, collisionCount: count };
      count++;
    }
  }
  throw new Error(`could not find a free name for a ControllerRevision of ${opts.owner.metadata.name}`);
}

/** Gives an existing revision a new number (a rollback to it). */
export async function renumberRevision(client: RevisionClient, rev: ControllerRevision, revision: number): Promise<ControllerRevision> {
  if (rev.revision === revision) return rev;
  return client.patch(rev.metadata.namespace, rev.metadata.name ?? '', { type: 'merge', body: { revision } });
}

/**
 * Deletes the oldest revisions beyond `limit` that no live pod uses and that are neither the
 * current nor the update revision (upstream truncateHistory).
 */
export async function truncateHistory(client: RevisionClient, revs: ControllerRevision[], opts: { keep: Set<string>; limit: number }): Promise<void> {
  const removable = sortRevisions(revs).filter((r) => !opts.keep.has(r.metadata.name ?? ''));
  const excess = removable.length - Math.max(0, opts.limit);
  for (const r of removable.slice(0, Math.max(0, excess))) {
    await client.delete(r.metadata.namespace, r.metadata.name ?? '');
  }
}
