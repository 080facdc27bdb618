/**
 * InterPodAffinity scoring: preferred (anti-)affinity of the incoming pod towards running pods,
 * and of running pods towards it (their required affinity counts with hardPodAffinityWeight),
 * summed per topology domain, then scaled min..max → 0..100.
 */
import type { Labels } from '../../../machinery/index.js';
import type { CycleState } from '../../framework/cycle-state.js';
import { MAX_NODE_SCORE, type Handle } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { termMatches, type AffinityTerm, type PodInfo, type WeightedAffinityTerm } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { NAMES } from '../names.js';
import { mergeNamespaces } from './filtering.js';

export const PRE_SCORE_KEY = 'PreScore/InterPodAffinity';

export interface ScoringArgs {
  hardPodAffinityWeight: number;
  ignorePreferredTermsOfExistingPods: boolean;
}

/** topologyKey → value → score. */
type TopologyScore = Map<string, Map<string, number>>;

function add(scores: TopologyScore, term: AffinityTerm, weight: number, pod: PodInfo, nsLabels: Labels | undefined, nodeLabels: Labels): void {
  if (!termMatches(term, pod, nsLabels)) return;
  const v = nodeLabels[term.topologyKey];
  if (v === undefined) return;
  let byValue = scores.get(term.topologyKey);
  if (!byValue) scores.set(term.topologyKey, (byValue = new Map()));
  byValue.set(v, (byValue.get(v) ?? 0) + weight);
}

function addTerms(scores: TopologyScore, terms: readonly WeightedAffinityTerm[], pod: PodInfo, nsLabels: Labels | undefined, nodeLabels: Labels, sign: number): void {
  for (const t of terms) add(scores, t, t.weight * sign, pod, nsLabels, nodeLabels);
}

export function preScore(handle: Handle, args: ScoringArgs, state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | undefined {
  if (nodes.length === 0) return Status.skip();
  if (pod.parseError) return Status.error(`parsing pod: ${pod.parseError}`, NAMES.InterPodAffinity);
  const hasConstraints = pod.preferredAffinityTerms.length > 0 || pod.preferredAntiAffinityTerms.length > 0;
  if (args.ignorePreferredTermsOfExistingPods && !hasConstraints) return Status.skip();
  const candidates = hasConstraints ? handle.nodes.list() : handle.nodes.havePodsWithAffinity();
  if (candidates.length === 0) return Status.skip();
  const affinity = mergeNamespaces(pod.preferredAffinityTerms, handle);
  const anti = mergeNamespaces(pod.preferredAntiAffinityTerms, handle);
  const nsLabels = handle.namespaceLabels(pod.namespace);
  const scores: TopologyScore = new Map();
  for (const node of candidates) {
    const labels = node.labels;
    if (!node.node || Object.keys(labels).length === 0) continue;
    for (const existing of hasConstraints ? node.pods : node.podsWithAffinity) {
      addTerms(scores, affinity, existing, undefined, labels, 1);
      addTerms(scores, anti, existing, undefined, labels, -1);
      if (args.hardPodAffinityWeight > 0) {
        for (const t of existing.requiredAffinityTerms) add(scores, t, args.hardPodAffinityWeight, pod, nsLabels, labels);
      }
      addTerms(scores, existing.preferredAffinityTerms, pod, nsLabels, labels, 1);
      addTerms(scores, existing.preferredAntiAffinityTerms, pod, nsLabels, labels, -1);
    }
  }
  if (scores.size === 0) return Status.skip();
  state.write(PRE_SCORE_KEY, scores);
  return undefined;
}

export function score(state: CycleState, node: NodeInfo): number {
  const scores = state.read<TopologyScore>(PRE_SCORE_KEY);
  if (!scores) return 0;
  const labels = node.labels;
  let total = 0;
  for (const [key, byValue] of scores) {
    const v = labels[key];
    if (v !== undefined) total += byValue.get(v) ?? 0;
  }
  return total;
}

/** Scales min..max onto 0..100 (all equal: 0). Scores may be negative before this. */
export function normalize(scores: number[]): void {
  let min = Infinity;
  let max = -Infinity;
  for (const s of scores) {
    if (s < min) min = s;
    if (s > max) max = s;
  }
  const diff = max - min;
  for (let i = 0; i < scores.length; i++) {
    scores[i] = diff > 0 ? Math.trunc((MAX_NODE_SCORE * (scores[i]! - min)) / diff) : 0;
  }
}
