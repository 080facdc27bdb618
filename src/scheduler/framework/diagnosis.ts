/**
 * Why a pod did not fit: the per-node rejection statuses of one cycle, and the FailedScheduling
 * message worded as kube-scheduler's FitError:
 * "0/5 nodes are available: 3 Insufficient cpu, 2 node(s) had untolerated taint {k: v}. preemption: ...".
 */
import type { NodeToStatus } from './interface.js';
import type { NodeInfo } from './node-info.js';
import type { Status } from './status.js';

export class Diagnosis implements NodeToStatus {
  private readonly nodes: NodeInfo[] = [];
  private readonly statuses: Status[] = [];
  private byName: Map<string, Status> | undefined;
  /** Status given to nodes not listed (PreFilter rejected them all, or they were never tried). */
  absentStatus: Status | undefined;
  readonly unschedulablePlugins = new Set<string>();
  readonly pendingPlugins = new Set<string>();
  /** Every node of the cycle (for nodes covered by absentStatus). */
  allNodes: readonly NodeInfo[] = [];
  /** A PreFilter plugin's rejection message (then per-node reasons are not repeated). */
  preFilterMsg = '';
  /** The PostFilter (preemption) message. */
  postFilterMsg = '';

  add(node: NodeInfo, status: Status): void {
    this.nodes.push(node);
    this.statuses.push(status);
    this.byName = undefined;
    if (status.plugin) {
      if (status.code === 'Pending') this.pendingPlugins.add(status.plugin);
      else if (status.isRejected()) this.unschedulablePlugins.add(status.plugin);
    }
  }

  get size(): number {
    return this.nodes.length;
  }

  get(nodeName: string): Status | undefined {
    if (!this.byName) {
      this.byName = new Map();
      for (let i = 0; i < this.nodes.length; i++) this.byName.set(this.nodes[i]!.name, this.statuses[i]!);
    }
    return this.byName.get(nodeName) ?? this.absentStatus;
  }

  /** Nodes whose status has the code (nodes not listed count with absentStatus). */
  nodesWithCode(code: Status['code']): NodeInfo[] {
    const all = this.allNodes;
    const out: NodeInfo[] = [];
    for (let i = 0; i < this.nodes.length; i++) if (this.statuses[i]!.code === code) out.push(this.nodes[i]!);
    if (this.absentStatus?.code === code && all.length > this.nodes.length) {
      const listed = new Set(this.nodes);
      for (const n of all) if (!listed.has(n)) out.push(n);
    }
    return out;
  }

  forEach(fn: (node: NodeInfo, status: Status) => void): void {
    for (let i = 0; i < this.nodes.length; i++) fn(this.nodes[i]!, this.statuses[i]!);
  }

  /** The histogram of reasons over `numAllNodes` nodes, sorted as upstream sorts the strings. */
  reasonHistogram(numAllNodes: number): string[] {
    const counts = new Map<string, number>();
    for (const s of this.statuses) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    const absent = numAllNodes - this.nodes.length;
    if (absent > 0 && this.absentStatus) {
      for (const r of this.absentStatus.reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
    }
    return [...counts].map(([r, n]) => `${n} ${r}`).sort(goStringLess);
  }
}

/** Go's sort.Strings order: by UTF-8 bytes (code units suffice for the ASCII reasons). */
function goStringLess(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "0/N nodes are available: <prefilter msg>. <reasons>. <postfilter msg>" (upstream FitError.Error). */
export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg) msg += ` ${d.preFilterMsg}.`;
  else {
    const reasons = d.reasonHistogram(numAllNodes);
    if (reasons.length) msg += ` ${reasons.join(', ')}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
  return msg;
}

/** A pod that fits no node. */
export class FitError {
  constructor(
    readonly numAllNodes: number,
    readonly diagnosis: Diagnosis,
  ) {}

  message(): string {
    return fitErrorMessage(this.numAllNodes, this.diagnosis);
  }
}
