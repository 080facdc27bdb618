/**
 * InterPodAffinity PreFilter/Filter: required pod affinity and anti-affinity of the incoming
 * pod, and required anti-affinity of the pods already running, per topology domain.
 */
import type { Labels } from '../../../machinery/index.js';
import { Selector } from '../../../machinery/index.js';
import type { CycleState, StateData } from '../../framework/cycle-state.js';
import type { Handle } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { termMatches, type AffinityTerm, type PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { NAMES } from '../names.js';
import { TopologyCounts } from './topology-counts.js';

export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";

const AFFINITY_REJECT = new Status('UnschedulableAndUnresolvable', [ERR_REASON_AFFINITY], NAMES.InterPodAffinity);
const ANTI_REJECT = new Status('Unschedulable', [ERR_REASON_ANTI_AFFINITY], NAMES.InterPodAffinity);
const EXISTING_REJECT = new Status('Unschedulable', [ERR_REASON_EXISTING_ANTI_AFFINITY], NAMES.InterPodAffinity);

export const PRE_FILTER_KEY = 'PreFilter/InterPodAffinity';

export class PreFilterState implements StateData {
  constructor(
    readonly affinityTerms: readonly AffinityTerm[],
    readonly antiAffinityTerms: readonly AffinityTerm[],
    readonly namespaceLabels: Labels | undefined,
    readonly existingAntiAffinityCounts = new TopologyCounts(),
    readonly affinityCounts = new TopologyCounts(),
    readonly antiAffinityCounts = new TopologyCounts(),
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(
      this.affinityTerms,
      this.antiAffinityTerms,
      this.namespaceLabels,
      this.existingAntiAffinityCounts.clone(),
      this.affinityCounts.clone(),
      this.antiAffinityCounts.clone(),
    );
  }

  /** Accounts for a pod added to (delta 1) or removed from (−1) a node. */
  updateWithPod(incoming: PodInfo, other: PodInfo, node: NodeInfo, delta: number): void {
    const labels = node.labels;
    this.existingAntiAffinityCounts.updateWithAntiAffinityTerms(other.requiredAntiAffinityTerms, incoming, this.namespaceLabels, labels, delta);
    this.affinityCounts.updateWithAffinityTerms(this.affinityTerms, other, labels, delta);
    this.antiAffinityCounts.updateWithAntiAffinityTerms(this.antiAffinityTerms, other, undefined, labels, delta);
  }
}

/** Replaces a non-empty namespaceSelector by the namespaces it selects now (upstream merges them). */
export function mergeNamespaces<T extends AffinityTerm>(terms: readonly T[], handle: Handle): T[] {
  return terms.map((t) => {
    if (!t.namespaceSelector || t.namespaceSelector.isEmpty()) return t;
    const namespaces = new Set(t.namespaces);
    for (const ns of handle.namespaces()) if (t.namespaceSelector.matches(ns.labels)) namespaces.add(ns.name);
    return { ...t, namespaces, namespaceSelector: Selector.nothing() };
  });
}

export function preFilter(handle: Handle, state: CycleState, pod: PodInfo): Status | undefined {
  if (pod.parseError) return Status.error(`parsing pod: ${pod.parseError}`, NAMES.InterPodAffinity);
  const withAnti = handle.nodes.havePodsWithRequiredAntiAffinity();
  if (withAnti.length === 0 && pod.requiredAffinityTerms.length === 0 && pod.requiredAntiAffinityTerms.length === 0) {
    return Status.skip();
  }
  const s = new PreFilterState(
    mergeNamespaces(pod.requiredAffinityTerms, handle),
    mergeNamespaces(pod.requiredAntiAffinityTerms, handle),
    handle.namespaceLabels(pod.namespace),
  );
  for (const node of withAnti) {
    if (!node.node) continue;
    for (const existing of node.podsWithRequiredAntiAffinity) {
      s.existingAntiAffinityCounts.updateWithAntiAffinityTerms(existing.requiredAntiAffinityTerms, pod, s.namespaceLabels, node.labels, 1);
    }
  }
  if (s.affinityTerms.length > 0 || s.antiAffinityTerms.length > 0) {
    for (const node of handle.nodes.list()) {
      if (!node.node) continue;
      const labels = node.labels;
      for (const existing of node.pods) {
        s.affinityCounts.updateWithAffinityTerms(s.affinityTerms, existing, labels, 1);
        s.antiAffinityCounts.updateWithAntiAffinityTerms(s.antiAffinityTerms, existing, undefined, labels, 1);
      }
    }
  }
  state.write(PRE_FILTER_KEY, s);
  return undefined;
}

function satisfyExistingPodsAntiAffinity(s: PreFilterState, node: NodeInfo): boolean {
  if (s.existingAntiAffinityCounts.size === 0) return true;
  const labels = node.labels;
  for (const k of Object.keys(labels)) if (s.existingAntiAffinityCounts.get(k, labels[k]!) > 0) return false;
  return true;
}

function satisfyPodAntiAffinity(s: PreFilterState, node: NodeInfo): boolean {
  if (s.antiAffinityCounts.size === 0) return true;
  const labels = node.labels;
  for (const t of s.antiAffinityTerms) {
    const v = labels[t.topologyKey];
    if (v !== undefined && s.antiAffinityCounts.get(t.topologyKey, v) > 0) return false;
  }
  return true;
}

function satisfyPodAffinity(s: PreFilterState, pod: PodInfo, node: NodeInfo): boolean {
  let podsExist = true;
  const labels = node.labels;
  for (const t of s.affinityTerms) {
    const v = labels[t.topologyKey];
    // Every topology key must be present on the node.
    if (v === undefined) return false;
    if (s.affinityCounts.get(t.topologyKey, v) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself: allowed when nothing else matches yet.
  return s.affinityCounts.size === 0 && s.affinityTerms.every((t) => termMatches(t, pod, undefined));
}

export function filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined {
  const s = state.read<PreFilterState>(PRE_FILTER_KEY);
  if (!s) return Status.error(`reading "${PRE_FILTER_KEY}" from cycleState: not found`, NAMES.InterPodAffinity);
  if (!satisfyPodAffinity(s, pod, node)) return AFFINITY_REJECT;
  if (!satisfyPodAntiAffinity(s, node)) return ANTI_REJECT;
  if (!satisfyExistingPodsAntiAffinity(s, node)) return EXISTING_REJECT;
  return undefined;
}
