/**
 * PodTopologySpread PreFilter/Filter: for each DoNotSchedule constraint, the number of
 * matching pods per domain and the two smallest domains ("critical paths"); a node fits when
 * placing the pod there keeps matchNum + self − globalMin ≤ maxSkew.
 */
import type { Pod } from '../../../api/core/v1/index.js';
import type { CycleState, StateData } from '../../framework/cycle-state.js';
import type { Handle } from '../../framework/interface.js';
import { RequiredNodeAffinity } from '../../framework/node-affinity.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { NAMES } from '../names.js';
import {
  allKeysOf,
  constraintsFor,
  countMatching,
  countSignature,
  matchesInclusionPolicies,
  nodeHasAllKeys,
  type Constraint,
  type SpreadArgs,
} from './constraints.js';
import type { DomainIndex } from './domain-index.js';

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

const LABEL_REJECT = new Status('UnschedulableAndUnresolvable', [ERR_REASON_NODE_LABEL_NOT_MATCH], NAMES.PodTopologySpread);
const SKEW_REJECT = new Status('Unschedulable', [ERR_REASON_CONSTRAINTS_NOT_MATCH], NAMES.PodTopologySpread);

export const PRE_FILTER_KEY = 'PreFilter/PodTopologySpread';

interface Path {
  value: string;
  num: number;
}

/** The two domains with the fewest matching pods. */
export class CriticalPaths {
  readonly paths: [Path, Path] = [
    { value: '', num: Number.MAX_SAFE_INTEGER },
    { value: '', num: Number.MAX_SAFE_INTEGER },
  ];

  update(value: string, num: number): void {
    const p = this.paths;
    const i: number = value === p[0].value ? 0 : value === p[1].value ? 1 : -1;
    if (i >= 0) {
      p[i]!.num = num;
      if (p[0].num > p[1].num) [p[0], p[1]] = [p[1], p[0]];
    } else if (num < p[0].num) {
      p[1] = p[0];
      p[0] = { value, num };
    } else if (num < p[1].num) {
      p[1] = { value, num };
    }
  }

  clone(): CriticalPaths {
    const c = new CriticalPaths();
    c.paths[0] = { ...this.paths[0] };
    c.paths[1] = { ...this.paths[1] };
    return c;
  }
}

export class PreFilterState implements StateData {
  constructor(
    readonly constraints: readonly Constraint[],
    /** Shared with the DomainIndex until clone(): only clones are ever changed. */
    readonly tpValueToMatchNum: Map<string, number>[],
    readonly criticalPaths: CriticalPaths[],
    readonly affinity: RequiredNodeAffinity,
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(
      this.constraints,
      this.tpValueToMatchNum.map((m) => new Map(m)),
      this.criticalPaths.map((p) => p.clone()),
      this.affinity,
    );
  }

  minMatchNum(i: number, minDomains: number): number {
    if (this.tpValueToMatchNum[i]!.size < minDomains) return 0;
    return this.criticalPaths[i]!.paths[0].num;
  }

  /** Preemption adds or removes a pod on a node. */
  updateWithPod(updated: PodInfo, preemptor: Pod, node: NodeInfo, delta: number): void {
    if (updated.namespace !== (preemptor.metadata.namespace ?? '') || !node.node) return;
    if (!nodeHasAllKeys(node, this.constraints)) return;
    this.constraints.forEach((c, i) => {
      if (!c.selector.matches(updated.labels)) return;
      if (!matchesInclusionPolicies(c, preemptor, node, this.affinity)) return;
      const v = node.labels[c.topologyKey]!;
      const m = this.tpValueToMatchNum[i]!;
      const n = (m.get(v) ?? 0) + delta;
      m.set(v, n);
      this.criticalPaths[i]!.update(v, n);
    });
  }
}

export function preFilter(handle: Handle, index: DomainIndex, args: SpreadArgs, state: CycleState, pod: PodInfo): Status | undefined {
  const constraints = constraintsFor(handle, args, pod.pod, 'DoNotSchedule');
  if (constraints.length === 0) return Status.skip();
  const affinity = new RequiredNodeAffinity(pod.pod);
  const allKeys = allKeysOf(constraints);
  // The maps are the index's live ones: PreFilterState copies them before any change.
  const counts = constraints.map((c) =>
    index.counts(handle.nodes, countSignature(pod.pod, c, allKeys, affinity), (node) =>
      nodeHasAllKeys(node, constraints) && matchesInclusionPolicies(c, pod.pod, node, affinity)
        ? { value: node.labels[c.topologyKey]!, count: countMatching(node, c, pod.namespace) }
        : undefined,
    ),
  );
  const paths = counts.map((m) => {
    const p = new CriticalPaths();
    for (const [v, n] of m) p.update(v, n);
    return p;
  });
  state.write(PRE_FILTER_KEY, new PreFilterState(constraints, counts, paths, affinity));
  return undefined;
}

export function filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined {
  const s = state.read<PreFilterState>(PRE_FILTER_KEY);
  if (!s) return Status.error(`reading "${PRE_FILTER_KEY}" from cycleState: not found`, NAMES.PodTopologySpread);
  const labels = node.labels;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i]!;
    const v = labels[c.topologyKey];
    if (v === undefined) return LABEL_REJECT;
    const self = c.selector.matches(pod.labels) ? 1 : 0;
    const skew = (s.tpValueToMatchNum[i]!.get(v) ?? 0) + self - s.minMatchNum(i, c.minDomains);
    if (skew > c.maxSkew) return SKEW_REJECT;
  }
  return undefined;
}
