/**
 * NodeInfo: a node and the pods on it (bound or assumed), with running totals the filters and
 * scorers read in O(1): requested and non-zero-requested resources, used host ports, and the
 * pods that carry (anti-)affinity terms. Updated in place as pods come and go; `clone()` is only
 * for preemption dry-runs and nominated-pod checks.
 */
import type { Node, Taint } from '../../api/core/v1/index.js';
import type { Labels } from '../../machinery/index.js';
import { hasAffinity, hasRequiredAntiAffinity, type HostPort, type PodInfo } from './pod-info.js';
import { Resource } from './resource.js';

let generation = 0;

/** A process-wide counter: every NodeInfo change takes the next value. */
export function nextGeneration(): number {
  return ++generation;
}

const EMPTY_LABELS: Labels = Object.freeze({});
const NO_TAINTS: readonly Taint[] = Object.freeze([]);

export class NodeInfo {
  node: Node | undefined;
  readonly pods: PodInfo[] = [];
  readonly podsWithAffinity: PodInfo[] = [];
  readonly podsWithRequiredAntiAffinity: PodInfo[] = [];
  /** protocol/port → the host IPs in use. */
  readonly usedPorts = new Map<string, Set<string>>();
  readonly requested = new Resource();
  readonly nonZeroRequested = new Resource();
  allocatable = new Resource();
  generation = nextGeneration();

  constructor(node?: Node) {
    if (node) this.setNode(node);
  }

  get name(): string {
    return this.node?.metadata.name ?? '';
  }

  get labels(): Labels {
    return this.node?.metadata.labels ?? EMPTY_LABELS;
  }

  get taints(): readonly Taint[] {
    return this.node?.spec?.taints ?? NO_TAINTS;
  }

  setNode(node: Node): void {
    this.node = node;
    const status = node.status ?? {};
    this.allocatable = Resource.from(status.allocatable ?? status.capacity);
    this.generation = nextGeneration();
  }

  addPod(pi: PodInfo): void {
    this.pods.push(pi);
    if (hasAffinity(pi)) this.podsWithAffinity.push(pi);
    if (hasRequiredAntiAffinity(pi)) this.podsWithRequiredAntiAffinity.push(pi);
    this.update(pi, 1);
  }

  /** Removes the pod with this key; false if it was not here. */
  removePod(key: string): boolean {
    const i = indexOfKey(this.pods, key);
    if (i < 0) return false;
    const pi = this.pods[i]!;
    swapRemove(this.pods, i);
    const a = indexOfKey(this.podsWithAffinity, key);
    if (a >= 0) swapRemove(this.podsWithAffinity, a);
    const r = indexOfKey(this.podsWithRequiredAntiAffinity, key);
    if (r >= 0) swapRemove(this.podsWithRequiredAntiAffinity, r);
    this.update(pi, -1);
    return true;
  }

  /** Whether a host port is free: no pod uses it on the same IP, or on 0.0.0.0. */
  portInUse(p: HostPort): boolean {
    const ips = this.usedPorts.get(portKey(p));
    if (!ips || ips.size === 0) return false;
    if (p.ip === '0.0.0.0') return true;
    return ips.has(p.ip) || ips.has('0.0.0.0');
  }

  /** A deep enough copy to add/remove pods without touching the original. */
  clone(): NodeInfo {
    const c = new NodeInfo();
    c.node = this.node;
    c.pods.push(...this.pods);
    c.podsWithAffinity.push(...this.podsWithAffinity);
    c.podsWithRequiredAntiAffinity.push(...this.podsWithRequiredAntiAffinity);
    for (const [k, v] of this.usedPorts) c.usedPorts.set(k, new Set(v));
    c.requested.add(this.requested);
    c.nonZeroRequested.add(this.nonZeroRequested);
    c.allocatable = this.allocatable.clone();
    c.generation = this.generation;
    return c;
  }

  private update(pi: PodInfo, sign: 1 | -1): void {
    this.requested.add(pi.requests, sign);
    this.nonZeroRequested.milliCPU += sign * pi.nonZeroRequests.milliCPU;
    this.nonZeroRequested.memory += sign * pi.nonZeroRequests.memory;
    for (const p of pi.hostPorts) {
      const k = portKey(p);
      let ips = this.usedPorts.get(k);
      if (sign > 0) {
        if (!ips) this.usedPorts.set(k, (ips = new Set()));
        ips.add(p.ip);
      } else if (ips) {
        ips.delete(p.ip);
        if (ips.size === 0) this.usedPorts.delete(k);
      }
    }
    this.generation = nextGeneration();
  }
}

function portKey(p: HostPort): string {
  return `${p.protocol}/${p.port}`;
}

function indexOfKey(list: readonly PodInfo[], key: string): number {
  for (let i = 0; i < list.length; i++) if (list[i]!.key === key) return i;
  return -1;
}

function swapRemove<T>(list: T[], i: number): void {
  const last = list.length - 1;
  if (i !== last) list[i] = list[last]!;
  list.pop();
}
