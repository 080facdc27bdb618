/**
 * What a DaemonSet sync should do, computed without side effects: the manage step (a pod on
 * every node that should run one, none elsewhere, failed pods replaced) and the RollingUpdate
 * step with maxUnavailable or maxSurge (upstream podsShouldBeOnNode and rollingUpdate).
 */
import type { DaemonSet } from '../../api/apps/v1/index.js';
import type { Node, Pod } from '../../api/core/v1/index.js';
import { getScaledValueFromIntOrPercent, type IntOrString } from '../../machinery/index.js';
import { isPodAvailable, isPodReady } from '../statefulset/index.js';
import { byCreationAndPhase, isPodUpdated, nodeShouldRunDaemonPod } from './daemon-pods.js';

/** Deletions (pod names) and creations (node names). */
export interface DaemonPlan {
  deletePods: string[];
  createOnNodes: string[];
  /** Failed pods to report (FailedDaemonPod events). */
  failedPods: { pod: string; node: string }[];
}

export interface PlanInput {
  ds: DaemonSet;
  nodes: Node[];
  /** The set's live pods by target node. */
  podsByNode: Map<string, Pod[]>;
  hash: string;
  now: number;
}

/** An int-or-percent scaled against `total` (rounding up); bad values count as `fallback`. */
function scaled(v: IntOrString | undefined, total: number, fallback: number): number {
  try {
    return v === undefined ? fallback : getScaledValueFromIntOrPercent(v, total, { roundUp: true });
  } catch {
    return fallback;
  }
}

function allowsSurge(ds: DaemonSet): boolean {
  const s = ds.spec.updateStrategy;
  if ((s?.type ?? 'RollingUpdate') !== 'RollingUpdate') return false;
  return scaled(s?.rollingUpdate?.maxSurge, 100, 0) > 0;
}

/** upstream manage: per node, create the missing pod or delete the pods that should not be there. */
export function planManage(input: PlanInput): DaemonPlan {
  const { ds, nodes, podsByNode, hash, now } = input;
  const plan: DaemonPlan = { deletePods: [], createOnNodes: [], failedPods: [] };
  const minReady = ds.spec.minReadySeconds ?? 0;
  const known = new Set<string>();
  for (const node of nodes) {
    const name = node.metadata.name ?? '';
    known.add(name);
    const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
    const pods = podsByNode.get(name) ?? [];
    if (shouldRun && pods.length === 0) {
      plan.createOnNodes.push(name);
    } else if (shouldContinueRunning) {
      const running: Pod[] = [];
      for (const p of pods) {
        if (p.metadata.deletionTimestamp) continue;
        if (p.status?.phase === 'Failed') {
          plan.failedPods.push({ pod: p.metadata.name ?? '', node: name });
          plan.deletePods.push(p.metadata.name ?? '');
        } else if (p.status?.phase === 'Succeeded') {
          plan.deletePods.push(p.metadata.name ?? '');
        } else {
          running.push(p);
        }
      }
      if (running.length <= 1) continue;
      running.sort(byCreationAndPhase);
      if (!allowsSurge(ds)) {
        for (const p of running.slice(1)) plan.deletePods.push(p.metadata.name ?? '');
        continue;
      }
      let oldestNew: Pod | undefined;
      let oldestOld: Pod | undefined;
      for (const p of running) {
        const isNew = p.metadata.labels?.['controller-revision-hash'] === hash;
        if (isNew && !oldestNew) oldestNew = p;
        else if (!isNew && !oldestOld) oldestOld = p;
        else plan.deletePods.push(p.metadata.name ?? '');
      }
      if (oldestNew && oldestOld && (!isPodReady(oldestOld) || isPodAvailable(oldestNew, minReady, now))) {
        plan.deletePods.push(oldestOld.metadata.name ?? '');
      }
    } else {
      for (const p of pods) if (!p.metadata.deletionTimestamp) plan.deletePods.push(p.metadata.name ?? '');
    }
  }
  // Pods pinned to nodes that do not exist are never scheduled, and PodGC cannot see them.
  for (const [node, pods] of podsByNode) {
    if (known.has(node)) continue;
    for (const p of pods) if (!p.spec?.nodeName && !p.metadata.deletionTimestamp) plan.deletePods.push(p.metadata.name ?? '');
  }
  return plan;
}

/** The new and old pod on a node; `ok` false when there are several of a kind (manage cleans up). */
function updatedPodsOnNode(pods: Pod[], hash: string, generation: number | undefined): { newPod?: Pod; oldPod?: Pod; ok: boolean } {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    if (isPodUpdated(p, hash, generation)) {
      if (newPod) return { ok: false };
      newPod = p;
    } else {
      if (oldPod) return { ok: false };
      oldPod = p;
    }
  }
  return { newPod, oldPod, ok: true };
}

/** maxSurge, maxUnavailable (never both 0) and the desired count (upstream updatedDesiredNodeCounts). */
export function desiredCounts(input: PlanInput): { maxSurge: number; maxUnavailable: number; desired: number; eligible: Set<string> } {
  const eligible = new Set<string>();
  for (const n of input.nodes) if (nodeShouldRunDaemonPod(n, input.ds).shouldRun) eligible.add(n.metadata.name ?? '');
  const ru = input.ds.spec.updateStrategy?.rollingUpdate;
  const desired = eligible.size;
  let maxUnavailable = scaled(ru?.maxUnavailable, desired, 1);
  const maxSurge = allowsSurge(input.ds) ? scaled(ru?.maxSurge, desired, 0) : 0;
  if (maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable, desired, eligible };
}

/** upstream rollingUpdate: old pods to delete and nodes to surge onto. */
export function planRollingUpdate(input: PlanInput): DaemonPlan {
  const { ds, hash, now } = input;
  const minReady = ds.spec.minReadySeconds ?? 0;
  const generation = ds.metadata.generation;
  const { maxSurge, maxUnavailable, desired, eligible } = desiredCounts(input);
  const byNode = new Map(input.podsByNode);
  for (const n of eligible) if (!byNode.has(n)) byNode.set(n, []);
  const available = (p: Pod) => isPodAvailable(p, minReady, now);
  const plan: DaemonPlan = { deletePods: [], createOnNodes: [], failedPods: [] };
  if (maxSurge === 0) {
    let unavailable = 0;
    const replace: string[] = [];
    const candidates: string[] = [];
    for (const pods of byNode.values()) {
      const { newPod, oldPod, ok } = updatedPodsOnNode(pods, hash, generation);
      if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) {
        unavailable++;
      } else if (newPod) {
        if (!available(newPod)) unavailable++;
      } else if (!available(oldPod!)) {
        replace.push(oldPod!.metadata.name ?? '');
        unavailable++;
      } else if (unavailable < maxUnavailable) {
        candidates.push(oldPod!.metadata.name ?? '');
      }
    }
    const room = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
    plan.deletePods = [...replace, ...candidates.slice(0, room)];
    return plan;
  }
  const nodesByName = new Map(input.nodes.map((n) => [n.metadata.name ?? '', n]));
  const shouldRun = (node: string) => {
    const n = nodesByName.get(node);
    return n ? nodeShouldRunDaemonPod(n, ds).shouldRun : false;
  };
  let surge = 0;
  let numAvailable = 0;
  const allowedNew: string[] = [];
  const candidateNew: string[] = [];
  const shouldNotRun: string[] = [];
  for (const [node, pods] of byNode) {
    const { newPod, oldPod, ok } = updatedPodsOnNode(pods, hash, generation);
    if (!ok) {
      surge++;
      continue;
    }
    if (oldPod ? available(oldPod) : newPod ? available(newPod) : false) numAvailable++;
    if (!oldPod) continue;
    if (!newPod) {
      if (!available(oldPod)) {
        if (!shouldRun(node)) plan.deletePods.push(oldPod.metadata.name ?? '');
        else allowedNew.push(node);
      } else if (!shouldRun(node)) {
        shouldNotRun.push(oldPod.metadata.name ?? '');
      } else if (surge < maxSurge) {
        candidateNew.push(node);
      }
      continue;
    }
    if (!available(newPod)) surge++;
    else plan.deletePods.push(oldPod.metadata.name ?? '');
  }
  const deletable = Math.min(Math.max(0, numAvailable - desired), shouldNotRun.length);
  plan.deletePods.push(...shouldNotRun.slice(0, deletable));
  const room = Math.min(Math.max(0, maxSurge - surge), candidateNew.length);
  plan.createOnNodes = [...allowedNew, ...candidateNew.slice(0, room)];
  return plan;
}
