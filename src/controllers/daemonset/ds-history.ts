/**
 * A DaemonSet's ControllerRevisions (upstream constructHistory and cleanupHistory): the
 * revision whose data is the current template is current (created, or renumbered to the top,
 * when needed); its `controller-revision-hash` label is what the pods carry.
 */
import type { ControllerRevision, DaemonSet } from '../../api/apps/v1/index.js';
import type { Pod } from '../../api/core/v1/index.js';
import { deepEqual } from '../../machinery/index.js';
import {
  POD_REVISION_LABEL,
  createRevision,
  newRevision,
  renumberRevision,
  sortRevisions,
  templatePatch,
  type RevisionClient,
} from '../statefulset/index.js';

const DAEMONSET_GVK = { group: 'apps', version: 'v1', kind: 'DaemonSet' };

export interface DaemonHistory {
  current: ControllerRevision;
  old: ControllerRevision[];
  /** The current revision's hash (the pods' controller-revision-hash). */
  hash: string;
  collisionCount: number;
}

export async function constructHistory(client: RevisionClient, ds: DaemonSet, owned: ControllerRevision[]): Promise<DaemonHistory> {
  const data = templatePatch(ds.spec.template);
  const matching = owned.filter((r) => deepEqual(r.data, data));
  const old = owned.filter((r) => !matching.includes(r));
  const next = old.reduce((m, r) => Math.max(m, r.revision ?? 0), 0) + 1;
  let collisionCount = ds.status?.collisionCount ?? 0;
  let current: ControllerRevision;
  if (matching.length === 0) {
    const rev = newRevision(ds, {
      gvk: DAEMONSET_GVK,
      templateLabels: ds.spec.template?.metadata?.labels,
      annotations: ds.metadata.annotations,
      data,
      revision: next,
      collisionCount,
      hashLabel: POD_REVISION_LABEL,
    });
    const made = await createRevision(client, rev, { owner: ds, collisionCount, hashLabel: POD_REVISION_LABEL });
    current = made.revision;
    collisionCount = made.collisionCount;
  } else {
    // Duplicates (from races) keep the highest-numbered one.
    const sorted = sortRevisions(matching);
    current = sorted[sorted.length - 1]!;
    for (const dup of sorted.slice(0, -1)) await client.delete(dup.metadata.namespace, dup.metadata.name ?? '');
    if ((current.revision ?? 0) < next) current = await renumberRevision(client, current, next);
  }
  const hash = current.metadata.labels?.[POD_REVISION_LABEL] ?? current.metadata.name?.slice((ds.metadata.name ?? '').length + 1) ?? '';
  return { current, old, hash, collisionCount };
}

/** Deletes the oldest old revisions no live pod uses, beyond revisionHistoryLimit. */
export async function cleanupHistory(client: RevisionClient, opts: { old: ControllerRevision[]; pods: Pod[]; limit: number }): Promise<void> {
  const live = new Set(opts.pods.map((p) => p.metadata.labels?.[POD_REVISION_LABEL]).filter(Boolean));
  const removable = sortRevisions(opts.old).filter((r) => !live.has(r.metadata.labels?.[POD_REVISION_LABEL] ?? ''));
  const excess = removable.length - Math.max(0, opts.limit);
  for (const r of removable.slice(0, Math.max(0, excess))) await client.delete(r.metadata.namespace, r.metadata.name ?? '');
}
