/**
 * Which pod CIDR and fake address each simulated node gets. Node k takes "slot" k: the k-th
 * subnet of the pod range and the k-th address of 10.99.0.0/16. Slots already used by Nodes in
 * the cluster (another agent's simulated nodes) are skipped, and a node that exists already
 * (an agent restart) keeps its pod CIDR (spec.podCIDR is immutable) and address.
 */
import type { Node } from '../../api/core/v1/index.js';
import { type Cidr4, formatCidr4, nodeAddressOf, parseCidr4, podSubnetPrefix, subnetAt, subnetCount, subnetIndexOf } from './cidr.js';
import type { NodeIdentity } from './node-object.js';

/** The pod range when none is given (k3s's default cluster CIDR). */
export const DEFAULT_POD_CIDR_BASE = '10.42.0.0/16';
/** The default range when more nodes are asked for than DEFAULT_POD_CIDR_BASE holds. */
export const LARGE_POD_CIDR_BASE = '10.128.0.0/9';

export interface SlotPlanOptions {
  /** The pod range to carve node subnets from (default: DEFAULT_POD_CIDR_BASE, or LARGE_POD_CIDR_BASE when too small). */
  podCIDRBase?: string;
  /** Pods per node, which sizes the node subnets (/24 for up to 253 pods). */
  maxPods: number;
}

export interface PlannedNode extends NodeIdentity {
  slot: number;
  /** The Node already exists in the cluster. */
  exists: boolean;
}

function internalIP(node: Node): string | undefined {
  return node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
}

function usedSlots(range: Cidr4, prefix: number, nodes: Node[]): Set<number> {
  const used = new Set<number>();
  for (const n of nodes) {
    for (const c of n.spec?.podCIDRs ?? (n.spec?.podCIDR ? [n.spec.podCIDR] : [])) {
      const i = subnetIndexOf(range, prefix, c);
      if (i >= 0) used.add(i);
    }
  }
  return used;
}

/** Plans every node's identity; throws a clear Error when the pod range is too small. */
export function planNodeSlots(names: string[], existing: Node[], opts: SlotPlanOptions): PlannedNode[] {
  const prefix = podSubnetPrefix(opts.maxPods);
  const byName = new Map(existing.map((n) => [n.metadata.name ?? '', n]));
  const fresh = names.filter((n) => !byName.get(n)?.spec?.podCIDR);
  let baseText = opts.podCIDRBase ?? DEFAULT_POD_CIDR_BASE;
  let range = parseCidr4(baseText);
  if (prefix < range.prefix) throw new Error(`pod range ${baseText} is smaller than one node subnet (/${prefix} for ${opts.maxPods} pods)`);
  if (opts.podCIDRBase === undefined && usedSlots(range, prefix, existing).size + fresh.length > subnetCount(range, prefix)) {
    baseText = LARGE_POD_CIDR_BASE;
    range = parseCidr4(baseText);
  }
  const used = usedSlots(range, prefix, existing);
  const room = subnetCount(range, prefix) - used.size;
  if (fresh.length > room) {
    throw new Error(
      `pod range ${formatCidr4(range)} has room for ${room} more node subnets of /${prefix}, but ${fresh.length} simulated nodes need one: pass a larger pod CIDR base`,
    );
  }
  let next = 0;
  return names.map((name) => {
    const old = byName.get(name);
    if (old?.spec?.podCIDR) {
      const slot = Math.max(0, subnetIndexOf(range, prefix, old.spec.podCIDR));
      return { name, slot, podCIDR: old.spec.podCIDR, address: internalIP(old) ?? nodeAddressOf(slot), exists: true };
    }
    while (used.has(next)) next++;
    const slot = next++;
    return { name, slot, podCIDR: formatCidr4(subnetAt(range, prefix, slot)), address: nodeAddressOf(slot), exists: old !== undefined };
  });
}
