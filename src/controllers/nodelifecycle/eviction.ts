/**
 * Taint-based eviction (upstream's taint manager, processPodOnNode): a pod on a node with
 * NoExecute taints is deleted at once unless it tolerates them all, and after the shortest
 * tolerationSeconds of the tolerations it uses otherwise (never, if one has none).
 */
import type { Pod, Taint, Toleration } from '../../api/core/v1/index.js';
import { toleratesTaint } from '../daemonset/index.js';

/** The tolerations that tolerate each taint (the first per taint), or undefined when one is not tolerated. */
export function matchingTolerations(taints: Taint[], tolerations: Toleration[] | undefined): Toleration[] | undefined {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = (tolerations ?? []).find((x) => toleratesTaint(x, taint));
    if (!t) return undefined;
    used.push(t);
  }
  return used;
}

/** The shortest tolerationSeconds in ms: 0 for none given, -1 for forever (upstream getMinTolerationTime). */
export function minTolerationMs(used: Toleration[]): number {
  if (used.length === 0) return 0;
  let min = Infinity;
  for (const t of used) {
    if (t.tolerationSeconds == null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}

export type EvictionDecision = { kind: 'none' } | { kind: 'cancel' } | { kind: 'now' } | { kind: 'later'; at: number; since: number };

/**
 * What to do with `pod` given the node's NoExecute taints. `since` is when a pending eviction
 * was first planned (the clock runs from then, as upstream's eviction queue).
 */
export function decideEviction(pod: Pod, taints: Taint[], opts: { since?: number; now: number }): EvictionDecision {
  const noExecute = taints.filter((t) => t.effect === 'NoExecute');
  if (noExecute.length === 0) return opts.since !== undefined ? { kind: 'cancel' } : { kind: 'none' };
  const used = matchingTolerations(noExecute, pod.spec?.tolerations);
  if (!used) return { kind: 'now' };
  const min = minTolerationMs(used);
  if (min < 0) return opts.since !== undefined ? { kind: 'cancel' } : { kind: 'none' };
  const since = opts.since ?? opts.now;
  const at = since + min;
  return at <= opts.now ? { kind: 'now' } : { kind: 'later', at, since };
}
