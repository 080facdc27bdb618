/**
 * The order nodes are tried in: round-robin over zones (upstream nodeTree), so that sampling
 * a share of a large cluster still spreads pods across zones.
 */
import type { NodeInfo } from '../framework/node-info.js';

const LABEL_ZONE = 'topology.kubernetes.io/zone';
const LABEL_REGION = 'topology.kubernetes.io/region';

export function zoneKey(n: NodeInfo): string {
  const l = n.labels;
  return `${l[LABEL_REGION] ?? ''}:\u0000:${l[LABEL_ZONE] ?? ''}`;
}

/** Nodes interleaved zone by zone, each zone keeping its insertion order. */
export function interleaveByZone(nodes: Iterable<NodeInfo>): NodeInfo[] {
  const zones = new Map<string, NodeInfo[]>();
  for (const n of nodes) {
    const k = zoneKey(n);
    let list = zones.get(k);
    if (!list) zones.set(k, (list = []));
    list.push(n);
  }
  if (zones.size <= 1) return [...(zones.values().next().value ?? [])];
  const lists = [...zones.values()];
  const total = lists.reduce((s, l) => s + l.length, 0);
  const out: NodeInfo[] = [];
  for (let i = 0; out.length < total; i++) {
    for (const l of lists) if (i < l.length) out.push(l[i]!);
  }
  return out;
}
