/**
 * Topology spread constraints as the plugin uses them: the pod's own (DoNotSchedule ones for
 * filtering, ScheduleAnyway ones for scoring) or the cluster defaults, with compiled selectors.
 */
import type { Pod, TopologySpreadConstraint } from '../../../api/core/v1/index.js';
import { Selector, newRequirement, selectorFromLabelSelector } from '../../../machinery/index.js';
import type { Handle } from '../../framework/interface.js';
import type { RequiredNodeAffinity } from '../../framework/node-affinity.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { LABEL_HOSTNAME, isTerminating } from '../../framework/pod-info.js';
import { findUntoleratedTaint, isHardTaint } from '../../framework/taints.js';

export const LABEL_ZONE = 'topology.kubernetes.io/zone';

export type WhenUnsatisfiable = 'DoNotSchedule' | 'ScheduleAnyway';

export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  /** A stable text of the selector, for per-node count caching. */
  selectorKey: string;
  minDomains: number;
  nodeAffinityPolicy: 'Honor' | 'Ignore';
  nodeTaintsPolicy: 'Honor' | 'Ignore';
}

/** The kube-scheduler's built-in defaults, applied to pods of Services and controllers. */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

export interface SpreadArgs {
  /** 'System' (default): the built-in defaults; 'List': `defaultConstraints`. */
  defaultingType?: 'System' | 'List';
  defaultConstraints?: TopologySpreadConstraint[];
}

function compile(c: TopologySpreadConstraint, selector: Selector): Constraint {
  return {
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    selector,
    selectorKey: selector.isNothing() ? '\u0000nothing' : selector.toString(),
    minDomains: c.minDomains ?? 1,
    nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
    nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
  };
}

/** The pod's constraints of one kind, with matchLabelKeys merged into the selectors. */
export function podConstraints(pod: Pod, action: WhenUnsatisfiable): Constraint[] {
  const labels = pod.metadata.labels ?? {};
  const out: Constraint[] = [];
  for (const c of pod.spec?.topologySpreadConstraints ?? []) {
    if (c.whenUnsatisfiable !== action) continue;
    let sel = selectorFromLabelSelector(c.labelSelector);
    const extra = (c.matchLabelKeys ?? []).filter((k) => Object.hasOwn(labels, k)).map((k) => newRequirement(k, 'in', [labels[k]!]));
    if (extra.length) sel = sel.add(...extra);
    out.push(compile(c, sel));
  }
  return out;
}

/** Default constraints for a pod without its own: only when Services/controllers select it. */
export function defaultConstraints(handle: Handle, args: SpreadArgs, pod: Pod, action: WhenUnsatisfiable): Constraint[] {
  const list = args.defaultingType === 'List' ? (args.defaultConstraints ?? []) : SYSTEM_DEFAULT_CONSTRAINTS;
  const wanted = list.filter((c) => c.whenUnsatisfiable === action);
  if (wanted.length === 0) return [];
  const selector = handle.defaultSpreadSelector(pod);
  if (!selector || selector.isEmpty() || selector.isNothing()) return [];
  return wanted.map((c) => compile(c, selector));
}

/** Constraints to use for the pod: its own if it has any, else the defaults. */
export function constraintsFor(handle: Handle, args: SpreadArgs, pod: Pod, action: WhenUnsatisfiable): Constraint[] {
  if ((pod.spec?.topologySpreadConstraints ?? []).length > 0) return podConstraints(pod, action);
  return defaultConstraints(handle, args, pod, action);
}

/** Whether the node has every topology key the constraints use. */
export function nodeHasAllKeys(node: NodeInfo, constraints: readonly Constraint[]): boolean {
  const labels = node.labels;
  for (const c of constraints) if (labels[c.topologyKey] === undefined) return false;
  return true;
}

/** nodeAffinityPolicy / nodeTaintsPolicy: whether the node's domain counts for this pod. */
export function matchesInclusionPolicies(c: Constraint, pod: Pod, node: NodeInfo, affinity: RequiredNodeAffinity): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && node.node && !affinity.isEmpty() && !affinity.matches(node.node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && findUntoleratedTaint(node.taints, pod.spec?.tolerations, isHardTaint)) return false;
  return true;
}

/** Running pods of `namespace` on the node that match the selector, terminating ones left out. */
export function countMatching(node: NodeInfo, c: Constraint, namespace: string): number {
  let n = 0;
  for (const p of node.pods) {
    if (p.namespace === namespace && !isTerminating(p) && c.selector.matches(p.labels)) n++;
  }
  return n;
}

/**
 * Everything that decides which nodes count for a constraint and what they count: the key of
 * a DomainIndex entry. `allKeys` is the sorted topology keys a node must all have ('' if none).
 */
export function countSignature(pod: Pod, c: Constraint, allKeys: string, affinity: RequiredNodeAffinity): string {
  const aff = c.nodeAffinityPolicy === 'Honor' && !affinity.isEmpty() ? JSON.stringify([pod.spec?.nodeSelector ?? null, pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? null]) : '';
  const taints = c.nodeTaintsPolicy === 'Honor' ? JSON.stringify(pod.spec?.tolerations ?? []) : '';
  return [pod.metadata.namespace ?? '', c.selectorKey, c.topologyKey, allKeys, aff, taints].join('\u0000');
}

/** The sorted topology keys of the constraints, joined. */
export function allKeysOf(constraints: readonly Constraint[]): string {
  return [...new Set(constraints.map((c) => c.topologyKey))].sort().join(',');
}
