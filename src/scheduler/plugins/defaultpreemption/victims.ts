/**
 * Victim selection on one node (upstream SelectVictimsOnNode): remove every lower-priority pod,
 * check the preemptor fits, then give pods back (most important first, PDB-protected ones
 * before the others) while it still fits. What cannot be given back are the victims.
 */
import type { PodDisruptionBudget } from '../../../api/policy/v1/index.js';
import { selectorFromLabelSelector } from '../../../machinery/index.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { Handle } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';

export const NO_VICTIMS = 'No preemption victims found for incoming pod';

export interface Victims {
  pods: PodInfo[];
  numPDBViolations: number;
}

/** When the pod started (status.startTime), else when it was created; ms. */
export function podStartTime(p: PodInfo): number {
  const t = p.pod.status?.startTime ?? p.pod.metadata.creationTimestamp;
  const ms = t ? Date.parse(t) : NaN;
  return Number.isFinite(ms) ? ms : Number.MAX_SAFE_INTEGER;
}

/** Higher priority first; for equal priority, the one running longer. */
export function moreImportant(a: PodInfo, b: PodInfo): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return podStartTime(a) - podStartTime(b);
}

/** Splits pods into those whose eviction would break a PodDisruptionBudget and the rest. */
export function splitByPDBViolation(pods: readonly PodInfo[], pdbs: readonly PodDisruptionBudget[]): [PodInfo[], PodInfo[]] {
  const allowed = pdbs.map((p) => p.status?.disruptionsAllowed ?? 0);
  const selectors = pdbs.map((p) => {
    try {
      return selectorFromLabelSelector(p.spec?.selector);
    } catch {
      return undefined;
    }
  });
  const violating: PodInfo[] = [];
  const others: PodInfo[] = [];
  for (const p of pods) {
    let violated = false;
    if (Object.keys(p.labels).length > 0) {
      pdbs.forEach((pdb, i) => {
        const sel = selectors[i];
        if ((pdb.metadata.namespace ?? '') !== p.namespace || !sel || sel.isEmpty() || !sel.matches(p.labels)) return;
        // Already being disrupted through the eviction API: not counted again.
        if (pdb.status?.disruptedPods && Object.hasOwn(pdb.status.disruptedPods, p.name)) return;
        allowed[i]!--;
        if (allowed[i]! < 0) violated = true;
      });
    }
    (violated ? violating : others).push(p);
  }
  return [violating, others];
}

/** `node` and `state` must be copies: they are changed. */
export function selectVictimsOnNode(
  handle: Handle,
  state: CycleState,
  pod: PodInfo,
  node: NodeInfo,
  pdbs: readonly PodDisruptionBudget[],
): { victims?: Victims; status?: Status } {
  const remove = (p: PodInfo): Status | undefined => {
    node.removePod(p.key);
    return handle.runPreFilterExtensionRemovePod(state, pod, p, node);
  };
  const add = (p: PodInfo): Status | undefined => {
    node.addPod(p);
    return handle.runPreFilterExtensionAddPod(state, pod, p, node);
  };
  const potential: PodInfo[] = [];
  for (const p of [...node.pods]) {
    if (p.priority >= pod.priority) continue;
    potential.push(p);
    const s = remove(p);
    if (s) return { status: s };
  }
  if (potential.length === 0) return { status: Status.unresolvable(NO_VICTIMS) };
  const fit = handle.runFilterPluginsWithNominatedPods(state, pod, node);
  if (fit) return { status: fit };
  potential.sort(moreImportant);
  const [violating, others] = splitByPDBViolation(potential, pdbs);
  const victims: PodInfo[] = [];
  let numPDBViolations = 0;
  const reprieve = (p: PodInfo): boolean | Status => {
    const s = add(p);
    if (s) return s;
    if (handle.runFilterPluginsWithNominatedPods(state, pod, node) === undefined) return true;
    const r = remove(p);
    if (r) return r;
    victims.push(p);
    return false;
  };
  for (const p of violating) {
    const r = reprieve(p);
    if (r instanceof Status) return { status: r };
    if (!r) numPDBViolations++;
  }
  for (const p of others) {
    const r = reprieve(p);
    if (r instanceof Status) return { status: r };
  }
  if (violating.length > 0 && others.length > 0) victims.sort(moreImportant);
  return { victims: { pods: victims, numPDBViolations } };
}
