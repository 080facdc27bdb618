/**
 * Compute resources as plain numbers (milli-CPU, bytes, counts) and a pod's effective requests,
 * counted as upstream's PodRequests does: app containers summed, restartable init containers
 * (sidecars) added, the largest one-off init container step taken as a floor, pod-level
 * requests overriding cpu/memory when set, and the pod overhead added on top.
 */
import type { Container, PodSpec, ResourceList } from '../../api/core/v1/index.js';
import { parseQuantity, quantityMilliValue, quantityValue } from '../../api/quantity.js';

/** Requests the scheduler assumes for a container that sets none (for scoring only). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export class Resource {
  milliCPU = 0;
  memory = 0;
  ephemeralStorage = 0;
  /** From the node's allocatable `pods`. */
  allowedPodNumber = 0;
  /** Extended resources, hugepages and attachable volumes, by name. */
  scalar: Map<string, number> | undefined;

  static from(list: ResourceList | undefined): Resource {
    const r = new Resource();
    r.addList(list);
    return r;
  }

  addList(list: ResourceList | undefined): void {
    if (!list || typeof list !== 'object') return;
    for (const name of Object.keys(list)) {
      const v = list[name];
      switch (name) {
        case 'cpu':
          this.milliCPU += milliValue(v);
          break;
        case 'memory':
          this.memory += value(v);
          break;
        case 'ephemeral-storage':
          this.ephemeralStorage += value(v);
          break;
        case 'pods':
          this.allowedPodNumber += value(v);
          break;
        default:
          if (isScalarResourceName(name)) this.setScalar(name, this.getScalar(name) + value(v));
      }
    }
  }

  /** Takes the larger of each amount (the init-container floor). */
  maxWith(o: Resource): void {
    this.milliCPU = Math.max(this.milliCPU, o.milliCPU);
    this.memory = Math.max(this.memory, o.memory);
    this.ephemeralStorage = Math.max(this.ephemeralStorage, o.ephemeralStorage);
    if (o.scalar) for (const [k, v] of o.scalar) this.setScalar(k, Math.max(this.getScalar(k), v));
  }

  add(o: Resource, sign = 1): void {
    this.milliCPU += sign * o.milliCPU;
    this.memory += sign * o.memory;
    this.ephemeralStorage += sign * o.ephemeralStorage;
    if (o.scalar) for (const [k, v] of o.scalar) this.setScalar(k, this.getScalar(k) + sign * v);
  }

  getScalar(name: string): number {
    return this.scalar?.get(name) ?? 0;
  }

  setScalar(name: string, v: number): void {
    (this.scalar ??= new Map()).set(name, v);
  }

  /** The amount of a named resource in the unit the scheduler uses (milli-CPU, else whole units). */
  get(name: string): number {
    switch (name) {
      case 'cpu':
        return this.milliCPU;
      case 'memory':
        return this.memory;
      case 'ephemeral-storage':
        return this.ephemeralStorage;
      case 'pods':
        return this.allowedPodNumber;
      default:
        return this.getScalar(name);
    }
  }

  isZero(): boolean {
    if (this.milliCPU !== 0 || this.memory !== 0 || this.ephemeralStorage !== 0) return false;
    if (this.scalar) for (const v of this.scalar.values()) if (v !== 0) return false;
    return true;
  }

  clone(): Resource {
    const r = new Resource();
    r.milliCPU = this.milliCPU;
    r.memory = this.memory;
    r.ephemeralStorage = this.ephemeralStorage;
    r.allowedPodNumber = this.allowedPodNumber;
    if (this.scalar) r.scalar = new Map(this.scalar);
    return r;
  }
}

/** Resources counted besides cpu/memory/ephemeral-storage (upstream IsScalarResourceName). */
export function isScalarResourceName(name: string): boolean {
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  // Extended resources: a domain outside kubernetes.io, e.g. nvidia.com/gpu.
  return name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.');
}

interface Parsed {
  milli: number;
  value: number;
}

const MAX_CACHED = 4096;
const cache = new Map<string, Parsed>();

/** Parses with a small cache: pods of one template repeat the same few strings. */
function parsed(v: unknown): Parsed {
  const key = typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '';
  let p = cache.get(key);
  if (p) return p;
  try {
    const q = parseQuantity(key);
    p = { milli: quantityMilliValue(q), value: quantityValue(q) };
  } catch {
    // Malformed quantities never pass validation; count them as zero rather than fail.
    p = { milli: 0, value: 0 };
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, p);
  return p;
}

function milliValue(v: unknown): number {
  return parsed(v).milli;
}

function value(v: unknown): number {
  return parsed(v).value;
}

function containerRequests(c: Container, nonMissing: boolean): Resource {
  const req = c.resources?.requests;
  const r = Resource.from(req);
  if (nonMissing) {
    if (!req || !Object.hasOwn(req, 'cpu')) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (!req || !Object.hasOwn(req, 'memory')) r.memory = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

/**
 * The pod's effective requests. With `nonMissing`, containers without a cpu or memory request
 * count as DEFAULT_MILLI_CPU_REQUEST / DEFAULT_MEMORY_REQUEST (what scoring uses).
 */
export function podRequests(spec: PodSpec | undefined, opts: { nonMissing?: boolean } = {}): Resource {
  const nonMissing = opts.nonMissing ?? false;
  const reqs = new Resource();
  if (!spec) return reqs;
  for (const c of spec.containers ?? []) reqs.add(containerRequests(c, nonMissing));
  const sidecars = new Resource();
  const initFloor = new Resource();
  for (const c of spec.initContainers ?? []) {
    const cr = containerRequests(c, nonMissing);
    if (c.restartPolicy === 'Always') {
      // A sidecar runs beside everything started after it.
      reqs.add(cr);
      sidecars.add(cr);
      initFloor.maxWith(sidecars);
    } else {
      cr.add(sidecars);
      initFloor.maxWith(cr);
    }
  }
  reqs.maxWith(initFloor);
  const podLevel = spec.resources?.requests;
  if (podLevel && typeof podLevel === 'object') {
    if (Object.hasOwn(podLevel, 'cpu')) reqs.milliCPU = milliValue(podLevel.cpu);
    if (Object.hasOwn(podLevel, 'memory')) reqs.memory = value(podLevel.memory);
  }
  reqs.addList(spec.overhead);
  return reqs;
}
