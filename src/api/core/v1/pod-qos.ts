/** The QoS class of a pod, computed from its containers' requests and limits as upstream does. */
import { type Quantity, addQuantities, compareQuantities, tryParseQuantity } from '../../quantity.js';
import type { PodSpec } from './pod-spec-types.js';
import type { PodQOSClass } from './pod-types.js';

const QOS_RESOURCES = ['cpu', 'memory'];

function accumulate(into: Map<string, Quantity>, name: string, q: Quantity): void {
  const prev = into.get(name);
  into.set(name, prev ? addQuantities(prev, q) : q);
}

/**
 * Guaranteed when every container has cpu and memory limits and the summed requests equal the
 * summed limits; BestEffort when nothing is requested or limited; Burstable otherwise.
 */
export function computePodQOS(spec: PodSpec): PodQOSClass {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    for (const [name, v] of Object.entries(c.resources?.requests ?? {})) {
      const q = tryParseQuantity(v);
      if (QOS_RESOURCES.includes(name) && q && q.nanos > 0n) accumulate(requests, name, q);
    }
    const found = new Set<string>();
    for (const [name, v] of Object.entries(c.resources?.limits ?? {})) {
      const q = tryParseQuantity(v);
      if (QOS_RESOURCES.includes(name) && q && q.nanos > 0n) {
        found.add(name);
        accumulate(limits, name, q);
      }
    }
    if (!QOS_RESOURCES.every((r) => found.has(r))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || compareQuantities(lim, req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
