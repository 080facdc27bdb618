/**
 * IPv4 CIDR arithmetic for simulated nodes: each node gets slot k, which is both its pod CIDR
 * (the k-th subnet of the pod range, as node IPAM hands them out) and its fake InternalIP.
 */

export interface Cidr4 {
  /** Network address as an unsigned 32-bit number. */
  base: number;
  prefix: number;
}

/** Parses "a.b.c.d" into an unsigned 32-bit number; throws on anything else. */
export function parseIPv4(text: string): number {
  const parts = typeof text === 'string' ? text.split('.') : [];
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) {
    throw new Error(`invalid IPv4 address ${JSON.stringify(text)}`);
  }
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function size(prefix: number): number {
  return 2 ** (32 - prefix);
}

/** Parses "10.42.0.0/16". Host bits are cleared, as Go's net.ParseCIDR does. IPv6 is refused. */
export function parseCidr4(text: string): Cidr4 {
  const m = typeof text === 'string' ? /^([^/]+)\/(\d{1,2})$/.exec(text.trim()) : null;
  if (!m) throw new Error(`invalid CIDR ${JSON.stringify(text)}: expected an IPv4 range such as 10.42.0.0/16`);
  if (m[1]!.includes(':')) throw new Error(`invalid CIDR ${JSON.stringify(text)}: only IPv4 pod ranges are supported`);
  const prefix = Number(m[2]);
  if (prefix > 32) throw new Error(`invalid CIDR ${JSON.stringify(text)}: prefix length must be 0-32`);
  const ip = parseIPv4(m[1]!);
  return { base: ip - (ip % size(prefix)), prefix };
}

export function formatCidr4(c: Cidr4): string {
  return `${formatIPv4(c.base)}/${c.prefix}`;
}

/** How many subnets of length `subPrefix` fit in `range`. */
export function subnetCount(range: Cidr4, subPrefix: number): number {
  return subPrefix < range.prefix ? 0 : 2 ** (subPrefix - range.prefix);
}

/** The `index`-th subnet of length `subPrefix` inside `range`. */
export function subnetAt(range: Cidr4, subPrefix: number, index: number): Cidr4 {
  if (!Number.isInteger(index) || index < 0 || index >= subnetCount(range, subPrefix)) {
    throw new Error(`subnet ${index} of ${formatCidr4(range)} with /${subPrefix} does not exist`);
  }
  return { base: range.base + index * size(subPrefix), prefix: subPrefix };
}

/** Which subnet of `range` (of length `subPrefix`) `cidr` is, or -1 when it is not one of them. */
export function subnetIndexOf(range: Cidr4, subPrefix: number, cidr: string): number {
  let c: Cidr4;
  try {
    c = parseCidr4(cidr);
  } catch {
    return -1;
  }
  if (c.prefix !== subPrefix || c.base < range.base || c.base >= range.base + size(range.prefix)) return -1;
  return (c.base - range.base) / size(subPrefix);
}

/** Whether `ip` (a dotted quad) lies in `c`. */
export function cidrContains(c: Cidr4, ip: string): boolean {
  let n: number;
  try {
    n = parseIPv4(ip);
  } catch {
    return false;
  }
  return n >= c.base && n < c.base + size(c.prefix);
}

/**
 * The longest prefix (smallest subnet, never wider than /24 is needed) whose subnet holds
 * `maxPods` pods plus the network, gateway and broadcast addresses.
 */
export function podSubnetPrefix(maxPods: number): number {
  const need = Math.max(1, Math.floor(maxPods)) + 3;
  return Math.min(24, 32 - Math.ceil(Math.log2(need)));
}

/** The fake InternalIP range of simulated nodes: never contacted, only reported. */
export const NODE_ADDRESS_RANGE = '10.99.0.0/16';

/** The fake InternalIP of slot `k`: 10.99.x.y, skipping .0 and .255 of each /24. */
export function nodeAddressOf(slot: number): string {
  const range = parseCidr4(NODE_ADDRESS_RANGE);
  const perBlock = 254;
  const max = (size(range.prefix) / 256) * perBlock;
  if (!Number.isInteger(slot) || slot < 0 || slot >= max) throw new Error(`node slot ${slot} is outside 0-${max - 1}`);
  return formatIPv4(range.base + Math.floor(slot / perBlock) * 256 + (slot % perBlock) + 1);
}
