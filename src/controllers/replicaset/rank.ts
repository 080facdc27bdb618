/**
 * Which pods a replica controller deletes first when scaling down (upstream's
 * ActivePodsWithRanks with LogarithmicScaleDown): the least valuable go first.
 *  1. unassigned before assigned;
 *  2. Pending before Unknown before Running;
 *  3. not ready before ready;
 *  4. lower controller.kubernetes.io/pod-deletion-cost before higher;
 *  5. pods doubled up on a node with more related pods before others (higher rank first);
 *  6. ready for less time before longer (on a log2 scale of seconds);
 *  7. more container restarts before fewer;
 *  8. newer before older (creation time on a log2 scale), then by uid.
 */
import { POD_DELETION_COST_ANNOTATION, type Pod } from '../../api/core/v1/index.js';
import { isPodReady, maxContainerRestarts, podReadyCondition } from '../runtime/index.js';

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(pod: Pod): number {
  const v = pod.metadata.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (v === undefined) return 0;
  const n = Number(v);
  return Number.isInteger(n) ? n : 0;
}

/** floor(log2(seconds since t)) + 1, or 0 for no time (upstream's logarithmic buckets). */
function logBucket(t: string | null | undefined, nowMs: number): number {
  const ms = t ? Date.parse(t) : NaN;
  if (!Number.isFinite(ms)) return -1;
  const secs = Math.max(0, Math.floor((nowMs - ms) / 1000));
  return secs === 0 ? 0 : Math.floor(Math.log2(secs)) + 1;
}

/** Negative when `a` should be deleted before `b`. `rank`: related pods on the pod's node. */
export function compareForDeletion(a: Pod, b: Pod, ranks: Map<Pod, number>, nowMs: number): number {
  const aNode = a.spec?.nodeName ?? '';
  const bNode = b.spec?.nodeName ?? '';
  if ((aNode === '') !== (bNode === '')) return aNode === '' ? -1 : 1;
  const ap = PHASE_ORDER[a.status?.phase ?? 'Pending'] ?? 0;
  const bp = PHASE_ORDER[b.status?.phase ?? 'Pending'] ?? 0;
  if (ap !== bp) return ap - bp;
  const ar = isPodReady(a);
  const br = isPodReady(b);
  if (ar !== br) return ar ? 1 : -1;
  const ac = deletionCost(a);
  const bc = deletionCost(b);
  if (ac !== bc) return ac - bc;
  const ak = ranks.get(a) ?? 0;
  const bk = ranks.get(b) ?? 0;
  if (ak !== bk) return bk - ak;
  if (ar && br) {
    const at = logBucket(podReadyCondition(a)?.lastTransitionTime, nowMs);
    const bt = logBucket(podReadyCondition(b)?.lastTransitionTime, nowMs);
    if (at !== bt) return at - bt;
  }
  const arc = maxContainerRestarts(a);
  const brc = maxContainerRestarts(b);
  if (arc !== brc) return brc - arc;
  const an = logBucket(a.metadata.creationTimestamp, nowMs);
  const bn = logBucket(b.metadata.creationTimestamp, nowMs);
  if (an !== bn) return an - bn;
  return (a.metadata.uid ?? '') < (b.metadata.uid ?? '') ? -1 : (a.metadata.uid ?? '') > (b.metadata.uid ?? '') ? 1 : 0;
}

/**
 * The `count` pods to delete from `pods`. `related` are the pods of every replica set of the
 * same owner (a Deployment's), used to spread what remains across nodes.
 */
export function podsToDelete(pods: readonly Pod[], related: readonly Pod[], count: number, nowMs: number): Pod[] {
  if (count >= pods.length) return [...pods];
  const perNode = new Map<string, number>();
  for (const p of related) {
    const n = p.spec?.nodeName;
    if (n) perNode.set(n, (perNode.get(n) ?? 0) + 1);
  }
  const ranks = new Map<Pod, number>();
  for (const p of pods) ranks.set(p, p.spec?.nodeName ? (perNode.get(p.spec.nodeName) ?? 0) : 0);
  return [...pods].sort((a, b) => compareForDeletion(a, b, ranks, nowMs)).slice(0, count);
}
