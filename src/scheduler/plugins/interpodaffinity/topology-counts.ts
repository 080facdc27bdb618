/** Counts per topology pair (label key and value), as InterPodAffinity keeps them. */
import type { Labels } from '../../../machinery/index.js';
import { termMatches, type AffinityTerm, type PodInfo } from '../../framework/pod-info.js';

export class TopologyCounts {
  readonly counts = new Map<string, number>();

  static pair(key: string, value: string): string {
    return `${key}\u0000${value}`;
  }

  get size(): number {
    return this.counts.size;
  }

  get(key: string, value: string): number {
    return this.counts.get(TopologyCounts.pair(key, value)) ?? 0;
  }

  /** Adds `delta` to the pair of `key` on a node with these labels (nothing if it lacks the key). */
  update(nodeLabels: Labels, key: string, delta: number): void {
    const value = nodeLabels[key];
    if (value === undefined) return;
    const p = TopologyCounts.pair(key, value);
    const n = (this.counts.get(p) ?? 0) + delta;
    if (n === 0) this.counts.delete(p);
    else this.counts.set(p, n);
  }

  /** Affinity: a pod counts only when it matches every term. */
  updateWithAffinityTerms(terms: readonly AffinityTerm[], pod: PodInfo, nodeLabels: Labels, delta: number): void {
    if (terms.length === 0) return;
    for (const t of terms) if (!termMatches(t, pod, undefined)) return;
    for (const t of terms) this.update(nodeLabels, t.topologyKey, delta);
  }

  /** Anti-affinity: each matching term counts on its own. */
  updateWithAntiAffinityTerms(terms: readonly AffinityTerm[], pod: PodInfo, nsLabels: Labels | undefined, nodeLabels: Labels, delta: number): void {
    for (const t of terms) if (termMatches(t, pod, nsLabels)) this.update(nodeLabels, t.topologyKey, delta);
  }

  clone(): TopologyCounts {
    const c = new TopologyCounts();
    for (const [k, v] of this.counts) c.counts.set(k, v);
    return c;
  }
}
