/**
 * DefaultPreemption (PostFilter): when a pod fits nowhere, find nodes where evicting
 * lower-priority pods would make room, pick the one that hurts least (fewest PDB violations,
 * lowest victims' priority, fewest victims...), delete its victims and nominate the node.
 */
import type { CycleState } from '../../framework/cycle-state.js';
import { Diagnosis, fitErrorMessage } from '../../framework/diagnosis.js';
import type { Handle, NodeToStatus, PostFilterPlugin, PostFilterResult } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { isTerminating, type PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { NAMES } from '../names.js';
import { podStartTime, selectVictimsOnNode, type Victims } from './victims.js';

export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';

export interface PreemptionArgs {
  /** At least this share of nodes is dry-run (default 10). */
  minCandidateNodesPercentage?: number;
  /** And at least this many (default 100). */
  minCandidateNodesAbsolute?: number;
}

interface Candidate {
  node: NodeInfo;
  victims: Victims;
}

export class DefaultPreemption implements PostFilterPlugin {
  readonly name = NAMES.DefaultPreemption;
  private readonly pct: number;
  private readonly abs: number;
  /** Random source for the dry-run offset (tests pin it). */
  random: () => number = Math.random;

  constructor(
    private readonly handle: Handle,
    args: PreemptionArgs = {},
  ) {
    this.pct = args.minCandidateNodesPercentage ?? 10;
    this.abs = args.minCandidateNodesAbsolute ?? 100;
    if (!(this.pct >= 0 && this.pct <= 100)) throw new Error('DefaultPreemption: minCandidateNodesPercentage must be in 0..100');
    if (!(this.abs >= 0)) throw new Error('DefaultPreemption: minCandidateNodesAbsolute must be non-negative');
  }

  postFilter(state: CycleState, pod: PodInfo, m: NodeToStatus): { result?: PostFilterResult; status: Status } {
    const r = this.preempt(state, pod, m);
    const msg = r.status.message();
    return msg ? { result: r.result, status: new Status(r.status.code, [`preemption: ${msg}`], this.name) } : r;
  }

  private preempt(state: CycleState, pod: PodInfo, m: NodeToStatus): { result?: PostFilterResult; status: Status } {
    const why = this.notEligible(pod, m);
    if (why) return { status: Status.unschedulable(why) };
    const all = this.handle.nodes.list();
    const potential = m.nodesWithCode('Unschedulable');
    const d = new Diagnosis();
    d.absentStatus = Status.unresolvable(NOT_HELPFUL);
    const candidates = potential.length ? this.dryRun(state, pod, potential, d) : [];
    if (candidates.length === 0) {
      return { result: { nominatedNodeName: '' }, status: Status.unschedulable(fitErrorMessage(all.length, d)) };
    }
    const best = pickOneNodeForPreemption(candidates);
    this.prepare(best, pod);
    return { result: { nominatedNodeName: best.node.name }, status: Status.success() };
  }

  /** Why the pod may not preempt, or undefined when it may. */
  private notEligible(pod: PodInfo, m: NodeToStatus): string | undefined {
    if (pod.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
    const nominated = pod.pod.status?.nominatedNodeName;
    if (!nominated) return undefined;
    // The nominated node turned unusable for good: preempting elsewhere is fine.
    if (m.get(nominated)?.code === 'UnschedulableAndUnresolvable') return undefined;
    const node = this.handle.nodes.get(nominated);
    if (node?.pods.some((p) => p.priority < pod.priority && isTerminating(p))) {
      return 'not eligible due to a terminating pod on the nominated node.';
    }
    return undefined;
  }

  private numCandidates(n: number): number {
    return Math.min(n, Math.max(Math.trunc((n * this.pct) / 100), this.abs));
  }

  private dryRun(state: CycleState, pod: PodInfo, potential: NodeInfo[], d: Diagnosis): Candidate[] {
    const pdbs = this.handle.podDisruptionBudgets();
    const want = this.numCandidates(potential.length);
    const offset = Math.floor(this.random() * potential.length);
    const nonViolating: Candidate[] = [];
    const violating: Candidate[] = [];
    for (let i = 0; i < potential.length; i++) {
      const node = potential[(offset + i) % potential.length]!;
      const r = selectVictimsOnNode(this.handle, state.clone(), pod, node.clone(), pdbs);
      if (r.victims && r.victims.pods.length > 0) {
        (r.victims.numPDBViolations === 0 ? nonViolating : violating).push({ node, victims: r.victims });
        if (nonViolating.length > 0 && nonViolating.length + violating.length >= want) break;
        continue;
      }
      d.add(node, r.status ?? Status.error(`expected at least one victim pod on node "${node.name}"`));
    }
    return [...nonViolating, ...violating];
  }

  /** Deletes the victims and takes the node away from lower-priority pods nominated to it. */
  private prepare(c: Candidate, pod: PodInfo): void {
    for (const v of c.victims.pods) {
      this.handle.api.preemptPod(v.pod, pod.pod, c.node.name).catch(() => {
        // Logged by the API layer; the pod retries and preempts again if needed.
      });
    }
    for (const np of this.handle.nominatedPodsForNode(c.node.name)) {
      if (np.priority >= pod.priority || np.key === pod.key) continue;
      this.handle.clearNominatedNode(np);
      this.handle.api.clearNomination(np.pod).catch(() => {});
    }
  }
}

/**
 * The candidate that hurts least: fewest PDB violations, then the lowest highest-priority victim,
 * the lowest sum of priorities, the fewest victims, the latest start among the top victims.
 */
export function pickOneNodeForPreemption(candidates: Candidate[]): Candidate {
  const empty = candidates.find((c) => c.victims.pods.length === 0);
  if (empty) return empty;
  const OFFSET = 2 ** 31;
  const criteria: ((c: Candidate) => number)[] = [
    (c) => c.victims.numPDBViolations,
    (c) => c.victims.pods[0]!.priority,
    (c) => c.victims.pods.reduce((s, p) => s + p.priority + OFFSET, 0),
    (c) => c.victims.pods.length,
    (c) => -earliestStartOfTopPriority(c.victims),
  ];
  let best = candidates;
  for (const f of criteria) {
    if (best.length === 1) break;
    let min = Infinity;
    for (const c of best) min = Math.min(min, f(c));
    best = best.filter((c) => f(c) === min);
  }
  return best[0]!;
}

function earliestStartOfTopPriority(v: Victims): number {
  const top = v.pods[0]!.priority;
  let earliest = Infinity;
  for (const p of v.pods) if (p.priority === top) earliest = Math.min(earliest, podStartTime(p));
  return earliest;
}
