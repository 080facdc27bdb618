/**
 * NodeResourcesFit: the node must have room for the pod's requests (cpu, memory,
 * ephemeral-storage, the pods count and extended resources), and nodes are scored by
 * LeastAllocated (default) or MostAllocated.
 */
import { ActionType, type ClusterEventWithHint } from '../../framework/events.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { EnqueueExtensions, FilterPlugin, ScorePlugin } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { NAMES } from '../names.js';
import { allocationScore, balancedScore, parseResources, type ResourceSpec, type ScoringStrategy } from './scorers.js';

export interface InsufficientResource {
  resource: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
  /** The request exceeds the node's whole allocatable: no preemption can help. */
  unresolvable: boolean;
}

export interface FitArgs {
  scoringStrategy?: { type?: ScoringStrategy; resources?: ResourceSpec[] };
  /** Extended resources not checked. */
  ignoredResources?: string[];
  /** Extended resource groups (the part before '/') not checked. */
  ignoredResourceGroups?: string[];
}

function check(out: InsufficientResource[], resource: string, req: number, used: number, cap: number): void {
  if (req > 0 && req > cap - used) {
    out.push({ resource, reason: `Insufficient ${resource}`, requested: req, used, capacity: cap, unresolvable: req > cap });
  }
}

/** Everything the pod lacks on the node (upstream fitsRequest). */
export function insufficientResources(pod: PodInfo, node: NodeInfo, ignored?: (name: string) => boolean): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const alloc = node.allocatable;
  const used = node.requested;
  if (node.pods.length + 1 > alloc.allowedPodNumber) {
    out.push({ resource: 'pods', reason: 'Too many pods', requested: 1, used: node.pods.length, capacity: alloc.allowedPodNumber, unresolvable: false });
  }
  const r = pod.requests;
  if (r.milliCPU === 0 && r.memory === 0 && r.ephemeralStorage === 0 && !r.scalar) return out;
  check(out, 'cpu', r.milliCPU, used.milliCPU, alloc.milliCPU);
  check(out, 'memory', r.memory, used.memory, alloc.memory);
  check(out, 'ephemeral-storage', r.ephemeralStorage, used.ephemeralStorage, alloc.ephemeralStorage);
  if (r.scalar) {
    for (const [name, v] of r.scalar) {
      if (ignored?.(name)) continue;
      check(out, name, v, used.getScalar(name), alloc.getScalar(name));
    }
  }
  return out;
}

/** Statuses are shared per distinct reason list: thousands of nodes fail the same way. */
const statusCache = new Map<string, Status>();

function statusFor(list: InsufficientResource[]): Status {
  let unresolvable = false;
  let key = '';
  for (const i of list) {
    if (i.unresolvable) unresolvable = true;
    key += `${i.reason}\u0000`;
  }
  if (unresolvable) key += 'U';
  let s = statusCache.get(key);
  if (!s) {
    s = new Status(unresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable', list.map((i) => i.reason), NAMES.NodeResourcesFit);
    if (statusCache.size > 1024) statusCache.clear();
    statusCache.set(key, s);
  }
  return s;
}

export class NodeResourcesFit implements FilterPlugin, ScorePlugin, EnqueueExtensions {
  readonly name = NAMES.NodeResourcesFit;
  private readonly strategy: ScoringStrategy;
  private readonly resources: ResourceSpec[];
  private readonly ignored: ((name: string) => boolean) | undefined;

  constructor(args: FitArgs = {}) {
    const type = args.scoringStrategy?.type ?? 'LeastAllocated';
    if (type !== 'LeastAllocated' && type !== 'MostAllocated') {
      throw new Error(`NodeResourcesFit: scoringStrategy.type must be LeastAllocated or MostAllocated, got ${JSON.stringify(type)}`);
    }
    this.strategy = type;
    this.resources = parseResources(args.scoringStrategy?.resources);
    const names = new Set(args.ignoredResources ?? []);
    const groups = new Set(args.ignoredResourceGroups ?? []);
    this.ignored = names.size || groups.size ? (n) => names.has(n) || groups.has(n.split('/')[0]!) : undefined;
  }

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined {
    const list = insufficientResources(pod, node, this.ignored);
    return list.length === 0 ? undefined : statusFor(list);
  }

  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    return allocationScore(this.strategy, node, pod, this.resources);
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      { event: { resource: 'AssignedPod', action: ActionType.Delete | ActionType.UpdatePodScaleDown } },
      { event: { resource: 'Node', action: ActionType.Add | ActionType.UpdateNodeAllocatable } },
    ];
  }
}

export class BalancedAllocation implements ScorePlugin {
  readonly name = NAMES.NodeResourcesBalancedAllocation;
  private readonly resources: ResourceSpec[];

  constructor(args: { resources?: ResourceSpec[] } = {}) {
    this.resources = parseResources(args.resources);
  }

  /** Best-effort pods are not scored: they would all pile onto one node. */
  preScore(_state: CycleState, pod: PodInfo): Status | undefined {
    return this.resources.every((r) => pod.requests.get(r.name) === 0) ? Status.skip() : undefined;
  }

  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    return balancedScore(node, pod, this.resources);
  }
}
