/**
 * The kubelet's resource admission: a pod bound to a node (usually by `spec.nodeName`, bypassing
 * the scheduler) that does not fit next to the node's active pods is rejected: phase Failed,
 * reason OutOf<resource>, message "Pod was rejected: Node didn't have enough resource: cpu,
 * requested: 3000, used: 6000, capacity: 8000" (cpu in millicores, other resources in units).
 */
import type { Pod, PodSpec, ResourceList } from '../../api/core/v1/index.js';
import { tryParseQuantity } from '../../api/quantity.js';

export interface Rejection {
  reason: string;
  message: string;
}

type Amounts = Map<string, bigint>;

const NANO = 1_000_000_000n;

function add(into: Amounts, list: ResourceList | undefined): void {
  for (const [name, v] of Object.entries(list ?? {})) {
    const q = tryParseQuantity(v);
    if (q) into.set(name, (into.get(name) ?? 0n) + q.nanos);
  }
}

function maxInto(into: Amounts, other: Amounts): void {
  for (const [name, v] of other) if (v > (into.get(name) ?? 0n)) into.set(name, v);
}

/**
 * A pod's effective requests in nano-units (upstream resource.PodRequests): the regular
 * containers and sidecars together, or the largest init container step (with the sidecars
 * started before it) if that is more, plus the pod overhead.
 */
export function podRequests(spec: PodSpec): Amounts {
  const reqs: Amounts = new Map();
  for (const c of spec.containers ?? []) add(reqs, c.resources?.requests);
  const sidecars: Amounts = new Map();
  const initMax: Amounts = new Map();
  for (const c of spec.initContainers ?? []) {
    const own: Amounts = new Map();
    add(own, c.resources?.requests);
    if (c.restartPolicy === 'Always') {
      add(reqs, c.resources?.requests);
      add(sidecars, c.resources?.requests);
      maxInto(initMax, sidecars);
    } else {
      for (const [n, v] of sidecars) own.set(n, (own.get(n) ?? 0n) + v);
      maxInto(initMax, own);
    }
  }
  maxInto(reqs, initMax);
  add(reqs, spec.overhead);
  return reqs;
}

/** What upstream prints: millicores for cpu, whole units (rounded up) for everything else. */
function display(name: string, nanos: bigint): bigint {
  const unit = name === 'cpu' ? NANO / 1000n : NANO;
  return (nanos + unit - 1n) / unit;
}

/**
 * Whether `pod` fits on a node with `allocatable` next to its `active` pods (admitted and not
 * finished, `pod` itself excluded). Checks the pods count, then cpu, memory, ephemeral-storage
 * and the other requested resources, and reports the first shortfall.
 */
export function admitPod(pod: Pod, opts: { allocatable: ResourceList; active: Pod[] }): Rejection | undefined {
  const capacity: Amounts = new Map();
  add(capacity, opts.allocatable);
  const maxPods = display('pods', capacity.get('pods') ?? 0n);
  if (BigInt(opts.active.length) + 1n > maxPods) return reject('pods', 1n, BigInt(opts.active.length), maxPods);
  const wanted = podRequests(pod.spec);
  const used: Amounts = new Map();
  for (const p of opts.active) for (const [n, v] of podRequests(p.spec)) used.set(n, (used.get(n) ?? 0n) + v);
  const order = ['cpu', 'memory', 'ephemeral-storage', ...[...wanted.keys()].filter((n) => !['cpu', 'memory', 'ephemeral-storage', 'pods'].includes(n)).sort()];
  for (const name of order) {
    const want = wanted.get(name) ?? 0n;
    if (want <= 0n) continue;
    const have = capacity.get(name) ?? 0n;
    const inUse = used.get(name) ?? 0n;
    if (inUse + want > have) return reject(name, display(name, want), display(name, inUse), display(name, have));
  }
  return undefined;
}

function reject(name: string, requested: bigint, used: bigint, capacity: bigint): Rejection {
  return {
    reason: `OutOf${name}`,
    message: `Pod was rejected: Node didn't have enough resource: ${name}, requested: ${requested}, used: ${used}, capacity: ${capacity}`,
  };
}
