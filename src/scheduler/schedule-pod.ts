/**
 * One pod's placement decision (upstream schedulePod): PreFilter, then Filter over nodes taken
 * round-robin from where the last pod stopped until enough feasible ones are found (a share of
 * a large cluster, like percentageOfNodesToScore), then PreScore/Score and the best node, ties
 * broken at random. Synchronous: nothing else touches the cache meanwhile.
 */
import { CycleState } from './framework/cycle-state.js';
import { Diagnosis, FitError } from './framework/diagnosis.js';
import type { FilterPlugin, NodeLister } from './framework/interface.js';
import type { NodeInfo } from './framework/node-info.js';
import type { PodInfo } from './framework/pod-info.js';
import type { Framework } from './framework/runtime.js';
import { Status } from './framework/status.js';
import type { Nominator } from './queue/nominator.js';

export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE = 5;
const BASE_PERCENTAGE_OF_NODES_TO_SCORE = 50;

export interface ScheduleResult {
  nodeName: string;
  evaluatedNodes: number;
  feasibleNodes: number;
}

/** How many feasible nodes to look for among `numAllNodes` (upstream numFeasibleNodesToFind). */
export function numFeasibleNodesToFind(percentage: number | undefined, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let pct = percentage ?? 0;
  if (pct <= 0) pct = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE, BASE_PERCENTAGE_OF_NODES_TO_SCORE - Math.trunc(numAllNodes / 125));
  if (pct >= 100) return numAllNodes;
  return Math.max(MIN_FEASIBLE_NODES_TO_FIND, Math.trunc((numAllNodes * pct) / 100));
}

export interface PodSchedulerOptions {
  /** 1–100; unset: adaptive (50% minus 1% per 125 nodes, at least 5%). */
  percentageOfNodesToScore?: number;
  random?: () => number;
}

export class PodScheduler {
  private nextStartNodeIndex = 0;
  private readonly random: () => number;

  constructor(
    private readonly nodes: NodeLister,
    private readonly nominator: Nominator,
    private readonly opts: PodSchedulerOptions = {},
  ) {
    this.random = opts.random ?? Math.random;
  }

  /** The chosen node, a FitError (no node fits), or an Error status. */
  schedule(fwk: Framework, state: CycleState, pod: PodInfo): ScheduleResult | FitError | Status {
    const all = this.nodes.list();
    if (all.length === 0) return Status.error(ERR_NO_NODES_AVAILABLE);
    const d = new Diagnosis();
    d.allNodes = all;
    const pre = fwk.runPreFilterPlugins(state, pod, all);
    if (pre.status) {
      if (!pre.status.isRejected()) return pre.status;
      d.preFilterMsg = pre.status.message();
      d.absentStatus = pre.status;
      if (pre.status.plugin) d.unschedulablePlugins.add(pre.status.plugin);
      return new FitError(all.length, d);
    }
    const filters = fwk.activeFilters(state);
    const feasible = this.evaluateNominatedNode(fwk, filters, state, pod, pre.nodeNames) ?? this.findFeasible(fwk, filters, state, pod, all, pre.nodeNames, d);
    if (feasible.length === 0) return new FitError(all.length, d);
    if (feasible.length === 1) return { nodeName: feasible[0]!.name, evaluatedNodes: d.size + 1, feasibleNodes: 1 };
    const ps = fwk.runPreScorePlugins(state, pod, feasible);
    if (ps) return ps;
    let totals: number[];
    try {
      totals = fwk.runScorePlugins(state, pod, feasible);
    } catch (e) {
      return Status.error(e instanceof Error ? e.message : String(e));
    }
    return { nodeName: this.selectHost(feasible, totals), evaluatedNodes: d.size + feasible.length, feasibleNodes: feasible.length };
  }

  /** A preemptor tries the node it was nominated to first. */
  private evaluateNominatedNode(
    fwk: Framework,
    filters: readonly FilterPlugin[],
    state: CycleState,
    pod: PodInfo,
    names: ReadonlySet<string> | undefined,
  ): NodeInfo[] | undefined {
    const nominated = this.nominator.nodeFor(pod.key) ?? pod.pod.status?.nominatedNodeName;
    if (!nominated || (names && !names.has(nominated))) return undefined;
    const node = this.nodes.get(nominated);
    if (!node) return undefined;
    return fwk.filterWithNominated(filters, state, pod, node) ? undefined : [node];
  }

  private findFeasible(
    fwk: Framework,
    filters: readonly FilterPlugin[],
    state: CycleState,
    pod: PodInfo,
    all: readonly NodeInfo[],
    names: ReadonlySet<string> | undefined,
    d: Diagnosis,
  ): NodeInfo[] {
    const nodes = names ? all.filter((n) => names.has(n.name)) : all;
    const n = nodes.length;
    if (names) d.absentStatus = new Status('UnschedulableAndUnresolvable', ["node(s) didn't satisfy plugin(s) [NodeAffinity]"], 'NodeAffinity');
    const want = numFeasibleNodesToFind(this.opts.percentageOfNodesToScore, n);
    const feasible: NodeInfo[] = [];
    const withNominated = this.nominator.size > 0;
    const start = n > 0 ? this.nextStartNodeIndex % n : 0;
    let processed = 0;
    for (; processed < n && feasible.length < want; processed++) {
      const node = nodes[(start + processed) % n]!;
      const s = withNominated ? fwk.filterWithNominated(filters, state, pod, node) : fwk.runFilters(filters, state, pod, node);
      if (s === undefined) feasible.push(node);
      else d.add(node, s);
    }
    this.nextStartNodeIndex = n > 0 ? (start + processed) % n : 0;
    return feasible;
  }

  /** The highest total; among equals, each is equally likely (reservoir sampling). */
  private selectHost(nodes: readonly NodeInfo[], totals: readonly number[]): string {
    let best = 0;
    let ties = 1;
    for (let i = 1; i < nodes.length; i++) {
      if (totals[i]! > totals[best]!) {
        best = i;
        ties = 1;
      } else if (totals[i] === totals[best]) {
        ties++;
        if (Math.floor(this.random() * ties) === 0) best = i;
      }
    }
    return nodes[best]!.name;
  }
}
