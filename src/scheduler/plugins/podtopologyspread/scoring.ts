/**
 * PodTopologySpread scoring: ScheduleAnyway constraints (or the cluster defaults) favour nodes
 * in domains with fewer matching pods, weighted by log(number of domains + 2).
 */
import type { CycleState } from '../../framework/cycle-state.js';
import { MAX_NODE_SCORE, type Handle } from '../../framework/interface.js';
import { RequiredNodeAffinity } from '../../framework/node-affinity.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { LABEL_HOSTNAME, type PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { allKeysOf, constraintsFor, countMatching, countSignature, matchesInclusionPolicies, nodeHasAllKeys, type Constraint, type SpreadArgs } from './constraints.js';
import type { DomainIndex } from './domain-index.js';

export const PRE_SCORE_KEY = 'PreScore/PodTopologySpread';

interface PreScoreState {
  constraints: Constraint[];
  ignoredNodes: Set<NodeInfo>;
  /** Per constraint: domain value → matching pods (hostname domains are counted in Score). */
  counts: Map<string, number>[];
  weights: number[];
}

export function preScore(
  handle: Handle,
  index: DomainIndex,
  args: SpreadArgs,
  state: CycleState,
  pod: PodInfo,
  filtered: readonly NodeInfo[],
): Status | undefined {
  if (handle.nodes.list().length === 0) return Status.skip();
  const own = (pod.pod.spec?.topologySpreadConstraints ?? []).length > 0;
  const constraints = constraintsFor(handle, args, pod.pod, 'ScheduleAnyway');
  if (constraints.length === 0) return Status.skip();
  // Only the pod's own (or configured) rules demand every topology key; system defaults let
  // nodes without a zone label still spread by hostname.
  const requireAll = own || args.defaultingType === 'List';
  const allKeys = requireAll ? allKeysOf(constraints) : '';
  const affinity = new RequiredNodeAffinity(pod.pod);
  const s: PreScoreState = { constraints, ignoredNodes: new Set(), counts: [], weights: [] };
  for (const node of filtered) if (requireAll && !nodeHasAllKeys(node, constraints)) s.ignoredNodes.add(node);
  s.counts = constraints.map((c) => {
    if (c.topologyKey === LABEL_HOSTNAME) return new Map<string, number>();
    const all = index.counts(handle.nodes, countSignature(pod.pod, c, allKeys, affinity), (node) => {
      const v = node.labels[c.topologyKey];
      if (v === undefined || (requireAll && !nodeHasAllKeys(node, constraints)) || !matchesInclusionPolicies(c, pod.pod, node, affinity)) return undefined;
      return { value: v, count: countMatching(node, c, pod.namespace) };
    });
    // Only the domains of nodes being scored matter (and their number weighs the constraint).
    const m = new Map<string, number>();
    for (const node of filtered) {
      const v = node.labels[c.topologyKey];
      if (v !== undefined && !s.ignoredNodes.has(node) && !m.has(v)) m.set(v, all.get(v) ?? 0);
    }
    return m;
  });
  s.weights = constraints.map((c, i) => Math.log((c.topologyKey === LABEL_HOSTNAME ? filtered.length - s.ignoredNodes.size : s.counts[i]!.size) + 2));
  state.write(PRE_SCORE_KEY, s);
  return undefined;
}

export function score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
  const s = state.read<PreScoreState>(PRE_SCORE_KEY);
  if (!s || s.ignoredNodes.has(node)) return 0;
  let total = 0;
  s.constraints.forEach((c, i) => {
    const v = node.labels[c.topologyKey];
    if (v === undefined) return;
    const cnt = c.topologyKey === LABEL_HOSTNAME ? countMatching(node, c, pod.namespace) : (s.counts[i]!.get(v) ?? 0);
    total += cnt * s.weights[i]! + (c.maxSkew - 1);
  });
  return Math.round(total);
}

/** Fewer matching pods is better: max + min − score, scaled by max. Ignored nodes get 0. */
export function normalize(state: CycleState, scores: number[], nodes: readonly NodeInfo[]): void {
  const s = state.read<PreScoreState>(PRE_SCORE_KEY);
  if (!s) return;
  let min = Infinity;
  let max = 0;
  for (let i = 0; i < scores.length; i++) {
    if (s.ignoredNodes.has(nodes[i]!)) continue;
    min = Math.min(min, scores[i]!);
    max = Math.max(max, scores[i]!);
  }
  for (let i = 0; i < scores.length; i++) {
    if (s.ignoredNodes.has(nodes[i]!)) scores[i] = 0;
    else if (max === 0) scores[i] = MAX_NODE_SCORE;
    else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i]!)) / max);
  }
}
