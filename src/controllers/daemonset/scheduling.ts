/**
 * Scheduling predicates a controller needs without the scheduler: taints against tolerations,
 * and a pod's required node affinity (nodeSelector plus requiredDuringScheduling terms)
 * against a node's labels and name.
 */
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, PodSpec, Taint, Toleration } from '../../api/core/v1/index.js';

/** upstream Toleration.ToleratesTaint. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function taintTolerated(taint: Taint, tolerations: Toleration[] | undefined): boolean {
  return (tolerations ?? []).some((t) => toleratesTaint(t, taint));
}

/** The first taint passing `filter` that no toleration tolerates (upstream FindMatchingUntoleratedTaint). */
export function findUntoleratedTaint(taints: Taint[] | undefined, tolerations: Toleration[] | undefined, filter: (t: Taint) => boolean): Taint | undefined {
  return (taints ?? []).find((taint) => filter(taint) && !taintTolerated(taint, tolerations));
}

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || values.length !== 1 || !/^-?\d+$/.test(value) || !/^-?\d+$/.test(values[0]!)) return false;
      const have = BigInt(value);
      const want = BigInt(values[0]!);
      return r.operator === 'Gt' ? have > want : have < want;
    }
    default:
      return false;
  }
}

/** One term: all its label expressions and field requirements hold; an empty term matches nothing. */
export function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  for (const r of exprs) if (!requirementMatches(r, Object.hasOwn(labels, r.key) ? labels[r.key] : undefined)) return false;
  for (const r of fields) {
    if (r.key !== 'metadata.name') return false;
    if (!requirementMatches(r, node.metadata.name)) return false;
  }
  return true;
}

/** nodeSelector and required node affinity both hold for `node` (upstream GetRequiredNodeAffinity(pod).Match). */
export function requiredAffinityMatches(spec: PodSpec, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return (required.nodeSelectorTerms ?? []).some((t) => termMatches(t, node));
}

/** Taint keys the node controller and the kubelet set. */
export const TAINTS = {
  notReady: 'node.kubernetes.io/not-ready',
  unreachable: 'node.kubernetes.io/unreachable',
  unschedulable: 'node.kubernetes.io/unschedulable',
  memoryPressure: 'node.kubernetes.io/memory-pressure',
  diskPressure: 'node.kubernetes.io/disk-pressure',
  pidPressure: 'node.kubernetes.io/pid-pressure',
  networkUnavailable: 'node.kubernetes.io/network-unavailable',
} as const;

/** Same key, operator, value and effect (tolerationSeconds aside): upstream MatchToleration. */
function sameToleration(a: Toleration, b: Toleration): boolean {
  return (a.key ?? '') === (b.key ?? '') && (a.operator ?? '') === (b.operator ?? '') && (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '');
}

/** Adds `t`, replacing a toleration that matches it (upstream AddOrUpdateTolerationInPodSpec). */
export function addOrUpdateToleration(spec: PodSpec, t: Toleration): void {
  const list = spec.tolerations ?? [];
  const i = list.findIndex((x) => sameToleration(x, t));
  if (i >= 0) list[i] = { ...t };
  else list.push({ ...t });
  spec.tolerations = list;
}

/**
 * The tolerations every DaemonSet pod gets (upstream AddOrUpdateDaemonPodTolerations): it is
 * never evicted for a not-ready or unreachable node, and lands despite pressure, cordons and,
 * with hostNetwork, an unconfigured network.
 */
export function addDaemonPodTolerations(spec: PodSpec): void {
  addOrUpdateToleration(spec, { key: TAINTS.notReady, operator: 'Exists', effect: 'NoExecute' });
  addOrUpdateToleration(spec, { key: TAINTS.unreachable, operator: 'Exists', effect: 'NoExecute' });
  addOrUpdateToleration(spec, { key: TAINTS.diskPressure, operator: 'Exists', effect: 'NoSchedule' });
  addOrUpdateToleration(spec, { key: TAINTS.memoryPressure, operator: 'Exists', effect: 'NoSchedule' });
  addOrUpdateToleration(spec, { key: TAINTS.pidPressure, operator: 'Exists', effect: 'NoSchedule' });
  addOrUpdateToleration(spec, { key: TAINTS.unschedulable, operator: 'Exists', effect: 'NoSchedule' });
  if (spec.hostNetwork) addOrUpdateToleration(spec, { key: TAINTS.networkUnavailable, operator: 'Exists', effect: 'NoSchedule' });
}
