/**
 * Which nodes a DaemonSet runs on, and the pods it makes (upstream daemon_controller.go and
 * daemonset/util): the template with the daemon tolerations, the revision labels, and a node
 * affinity that pins the pod to its node (the scheduler then binds it there).
 */
import type { DaemonSet } from '../../api/apps/v1/index.js';
import type { Affinity, Node, Pod, PodTemplateSpec } from '../../api/core/v1/index.js';
import { deepClone } from '../../machinery/index.js';
import { POD_REVISION_LABEL } from '../statefulset/index.js';
import { addDaemonPodTolerations, findUntoleratedTaint, requiredAffinityMatches } from './scheduling.js';

/** The deprecated label carrying the DaemonSet's generation on its pods. */
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

/**
 * upstream NodeShouldRunDaemonPod: `shouldRun` (a pod should be there) and
 * `shouldContinueRunning` (an existing pod may stay: it tolerates the NoExecute taints).
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const spec = deepClone(ds.spec.template?.spec ?? { containers: [] });
  const name = node.metadata.name ?? '';
  if (spec.nodeName && spec.nodeName !== name) return { shouldRun: false, shouldContinueRunning: false };
  addDaemonPodTolerations(spec);
  if (!requiredAffinityMatches(spec, node)) return { shouldRun: false, shouldContinueRunning: false };
  const taints = node.spec?.taints;
  const blocking = findUntoleratedTaint(taints, spec.tolerations, (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
  if (!blocking) return { shouldRun: true, shouldContinueRunning: true };
  const evicting = findUntoleratedTaint(taints, spec.tolerations, (t) => t.effect === 'NoExecute');
  return { shouldRun: false, shouldContinueRunning: !evicting };
}

/** upstream CreatePodTemplate: daemon tolerations, generation and revision-hash labels. */
export function daemonPodTemplate(ds: DaemonSet, hash: string): PodTemplateSpec {
  const tpl = deepClone(ds.spec.template ?? {});
  tpl.spec ??= { containers: [] };
  addDaemonPodTolerations(tpl.spec);
  tpl.metadata ??= {};
  const labels = (tpl.metadata.labels ??= {});
  if (ds.metadata.generation !== undefined) labels[TEMPLATE_GENERATION_LABEL] = String(ds.metadata.generation);
  if (hash) labels[POD_REVISION_LABEL] = hash;
  return tpl;
}

/**
 * upstream ReplaceDaemonSetPodNodeNameNodeAffinity: the required node affinity becomes one term
 * `metadata.name In [node]` (other required terms were already checked by the controller).
 */
export function pinToNode(affinity: Affinity | undefined, nodeName: string): Affinity {
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In' as const, values: [nodeName] }] };
  const out: Affinity = deepClone(affinity ?? {});
  out.nodeAffinity ??= {};
  out.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [term] };
  return out;
}

/** The node a daemon pod is for: spec.nodeName, else its pinning node affinity (upstream GetTargetNodeName). */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms) {
    for (const f of t.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
    }
  }
  return undefined;
}

/** The pod was made from the current template (hash) or generation (upstream IsPodUpdated). */
export function isPodUpdated(pod: Pod, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  const templateMatches = generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === String(generation);
  const hashMatches = hash.length > 0 && labels[POD_REVISION_LABEL] === hash;
  return hashMatches || templateMatches;
}

/** Oldest first; on a tie, a Running pod before others (upstream podByCreationTimestampAndPhase). */
export function byCreationAndPhase(a: Pod, b: Pod): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta.localeCompare(tb);
  const ra = a.status?.phase === 'Running' ? 0 : 1;
  const rb = b.status?.phase === 'Running' ? 0 : 1;
  return ra - rb || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}
