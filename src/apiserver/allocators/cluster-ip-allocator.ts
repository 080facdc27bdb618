/**
 * ClusterIP allocation from a service CIDR. IPv4 ranges exclude the network and broadcast
 * addresses; IPv6 ranges exclude the subnet-router anycast (network) address. The first usable
 * address (`.1`) is reserved for the `kubernetes` Service: dynamic allocation never returns it,
 * and `allocateSpecific` hands it out. Records live under `/registry/allocations/serviceips/<ip>`.
 */
import type { Backend } from '../../storage/index.js';
import { AllocatorConfigError } from './errors.js';
import { formatIP, parseCIDR, parseIP, type CIDR, type IPFamily } from './ip.js';
import type { Owner } from './record.js';
import type { ItemSpace } from './item-space.js';
import { StoreAllocator, type StoreAllocatorOptions } from './store-allocator.js';

export const DEFAULT_SERVICE_CIDR = '10.43.0.0/16';
export const SERVICE_IPS_PREFIX = '/registry/allocations/serviceips/';

export interface ClusterIPAllocatorOptions extends StoreAllocatorOptions {
  /** The service CIDR. Default `10.43.0.0/16`. */
  cidr?: string;
  /** Key prefix. Dual-stack allocators may share it: each only reads keys of its own family. */
  prefix?: string;
  /** Keep the first usable address out of dynamic allocation. Default true. */
  reserveFirst?: boolean;
}

/** A Service as repair sees it: who it is and the ClusterIPs it holds (`None` and `''` are skipped). */
export interface ClusterIPHolder extends Owner {
  ips: readonly string[];
}

// Upstream's static band: min(max(16, size / 16), 256) addresses at the bottom of the range.
const STATIC_BAND = { min: 16n, max: 256n, step: 16n };

function staticBandSize(size: bigint): bigint {
  if (size <= STATIC_BAND.min) return 0n;
  const offset = size / STATIC_BAND.step;
  return offset < STATIC_BAND.min ? STATIC_BAND.min : offset > STATIC_BAND.max ? STATIC_BAND.max : offset;
}

function ipSpace(cidr: CIDR, prefix: string, reserveFirst: boolean): ItemSpace<string> {
  const { family, network, size } = cidr;
  const first = network + 1n;
  const last = family === 4 ? network + size - 2n : network + size - 1n;
  if (last < first) {
    throw new AllocatorConfigError(`service CIDR ${cidr.text} is too small: it has no usable addresses`);
  }
  const format = (v: bigint) => formatIP(family, v);
  return {
    kind: 'IP',
    prefix,
    first,
    last,
    dynamicFirst: first + staticBandSize(size),
    reserved: reserveFirst ? [first] : [],
    rangeText: cidr.text,
    classify(item) {
      if (typeof item !== 'string') return { error: 'invalid' };
      const ip = parseIP(item);
      if (!ip) return { error: 'invalid' };
      return ip.family === family ? { value: ip.value } : { error: 'foreign' };
    },
    toItem: format,
    format,
    parseKey(suffix) {
      const ip = parseIP(suffix);
      return ip && ip.family === family && format(ip.value) === suffix ? ip.value : null;
    },
  };
}

export class ClusterIPAllocator extends StoreAllocator<string, ClusterIPHolder> {
  /** The normalised service CIDR, e.g. `10.43.0.0/16`. */
  readonly cidr: string;
  readonly family: IPFamily;
  /** The address reserved for the `kubernetes` Service (the first usable one). */
  readonly kubernetesServiceIP: string;

  constructor(backend: Backend, opts: ClusterIPAllocatorOptions = {}) {
    let cidr: CIDR;
    try {
      cidr = parseCIDR(opts.cidr ?? DEFAULT_SERVICE_CIDR);
    } catch (err) {
      throw new AllocatorConfigError((err as Error).message);
    }
    const prefix = opts.prefix ?? SERVICE_IPS_PREFIX;
    if (!prefix.endsWith('/')) throw new AllocatorConfigError(`key prefix must end in "/": ${prefix}`);
    const space = ipSpace(cidr, prefix, opts.reserveFirst ?? true);
    super(backend, space, opts);
    this.cidr = cidr.text;
    this.family = cidr.family;
    this.kubernetesServiceIP = space.format(space.first);
  }

  protected itemsOf(live: ClusterIPHolder): readonly unknown[] {
    return (live.ips ?? []).filter((ip) => ip !== '' && ip !== 'None');
  }
}
