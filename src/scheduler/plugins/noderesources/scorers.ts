/**
 * Resource scoring strategies (upstream resource_allocation.go and friends): LeastAllocated,
 * MostAllocated and BalancedAllocation, over a weighted list of resources.
 */
import { MAX_NODE_SCORE } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';

export interface ResourceSpec {
  name: string;
  weight: number;
}

export const DEFAULT_SCORED_RESOURCES: readonly ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

export type ScoringStrategy = 'LeastAllocated' | 'MostAllocated';

/**
 * A node's allocatable and the request it would carry with the pod, for one resource. cpu and
 * memory count non-zero requests unless `useRequested` (BalancedAllocation uses the real ones).
 */
export function allocatableAndRequested(node: NodeInfo, pod: PodInfo, name: string, useRequested: boolean): [number, number] {
  const alloc = node.allocatable.get(name);
  if (name === 'cpu' || name === 'memory') {
    const nodeReq = useRequested ? node.requested.get(name) : node.nonZeroRequested.get(name);
    const podReq = useRequested ? pod.requests.get(name) : pod.nonZeroRequests.get(name);
    return [alloc, nodeReq + podReq];
  }
  return [alloc, node.requested.get(name) + pod.requests.get(name)];
}

function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

function mostRequested(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  return Math.trunc((Math.min(requested, capacity) * MAX_NODE_SCORE) / capacity);
}

/** The weighted mean of per-resource scores; resources the node lacks are left out. */
export function allocationScore(strategy: ScoringStrategy, node: NodeInfo, pod: PodInfo, resources: readonly ResourceSpec[]): number {
  const fn = strategy === 'MostAllocated' ? mostRequested : leastRequested;
  let sum = 0;
  let weights = 0;
  for (const r of resources) {
    const [alloc, req] = allocatableAndRequested(node, pod, r.name, false);
    if (alloc === 0) continue;
    sum += fn(req, alloc) * r.weight;
    weights += r.weight;
  }
  return weights === 0 ? 0 : Math.trunc(sum / weights);
}

/** (1 − standard deviation of the requested/allocatable fractions) × 100. */
export function balancedScore(node: NodeInfo, pod: PodInfo, resources: readonly ResourceSpec[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (const r of resources) {
    const [alloc, req] = allocatableAndRequested(node, pod, r.name, true);
    if (alloc === 0) continue;
    const f = Math.min(req / alloc, 1);
    fractions.push(f);
    total += f;
  }
  let std = 0;
  if (fractions.length === 2) std = Math.abs((fractions[0]! - fractions[1]!) / 2);
  else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sq = 0;
    for (const f of fractions) sq += (f - mean) * (f - mean);
    std = Math.sqrt(sq / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** Parses a `resources` argument ([{name, weight}]), falling back to cpu and memory. */
export function parseResources(v: unknown): ResourceSpec[] {
  if (v === undefined) return [...DEFAULT_SCORED_RESOURCES];
  if (!Array.isArray(v)) throw new Error('resources must be a list of {name, weight}');
  return v.map((r, i) => {
    const name = (r as { name?: unknown })?.name;
    const weight = (r as { weight?: unknown })?.weight ?? 1;
    if (typeof name !== 'string' || !name) throw new Error(`resources[${i}].name must be a non-empty string`);
    if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 1 || weight > 100) {
      throw new Error(`resources[${i}].weight must be an integer in 1..100`);
    }
    return { name, weight };
  });
}
