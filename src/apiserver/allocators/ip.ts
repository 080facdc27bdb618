/**
 * IP addresses and CIDRs as big integers, for the ClusterIP allocator. Parsing is strict: IPv4 is
 * four decimal octets without leading zeros, IPv6 is the RFC 4291 text form (with an optional
 * dotted IPv4 tail) without a zone. Formatting is canonical (RFC 5952 for IPv6), so one address
 * always has one spelling, which the allocator uses as its storage key.
 */

export type IPFamily = 4 | 6;

export interface ParsedIP {
  family: IPFamily;
  value: bigint;
}

export interface CIDR {
  family: IPFamily;
  /** The network address (host bits cleared). */
  network: bigint;
  prefixLength: number;
  /** How many addresses the block spans, network and broadcast included. */
  size: bigint;
  /** Canonical text, e.g. `10.43.0.0/16`. */
  text: string;
}

const OCTET = /^(0|[1-9][0-9]{0,2})$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;

function familyBits(family: IPFamily): number {
  return family === 4 ? 32 : 128;
}

function parseIPv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!OCTET.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

/** Parses colon-separated hextets (with an optional dotted IPv4 last part) into 16-bit groups. */
function parseGroups(text: string, allowV4Tail: boolean): number[] | null {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (allowV4Tail && i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIPv4(part);
      if (v4 === null) return null;
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    } else if (HEXTET.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return null;
    }
  }
  return groups;
}

function parseIPv6(text: string): bigint | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  let groups: number[] | null;
  if (halves.length === 2) {
    const head = parseGroups(halves[0], false);
    const tail = parseGroups(halves[1], true);
    if (head === null || tail === null || head.length + tail.length > 7) return null;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    groups = parseGroups(text, true);
    if (groups === null || groups.length !== 8) return null;
  }
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

/** Parses an IPv4 or IPv6 address; null when `text` is not one. */
export function parseIP(text: string): ParsedIP | null {
  if (typeof text !== 'string' || text.length > 64) return null;
  if (text.includes(':')) {
    const value = parseIPv6(text);
    return value === null ? null : { family: 6, value };
  }
  const value = parseIPv4(text);
  return value === null ? null : { family: 4, value };
}

function formatIPv6(value: bigint): string {
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));
  // RFC 5952: compress the longest run of two or more zero groups (the first one on a tie).
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  const head = hex.slice(0, bestStart).join(':');
  const tail = hex.slice(bestStart + bestLen).join(':');
  return `${head}::${tail}`;
}

/** The canonical text of an address. */
export function formatIP(family: IPFamily, value: bigint): string {
  if (family === 6) return formatIPv6(value);
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

/** Parses `address/prefixLength`; host bits are cleared, as Go's net.ParseCIDR does. */
export function parseCIDR(text: string): CIDR {
  const bad = (why: string) => new Error(`invalid CIDR ${JSON.stringify(text)}: ${why}`);
  if (typeof text !== 'string') throw bad('not a string');
  const slash = text.indexOf('/');
  if (slash < 0) throw bad('missing "/prefix-length"');
  const ip = parseIP(text.slice(0, slash));
  if (!ip) throw bad('not an IP address before "/"');
  const lengthText = text.slice(slash + 1);
  const bits = familyBits(ip.family);
  if (!/^(0|[1-9][0-9]{0,2})$/.test(lengthText) || Number(lengthText) > bits) {
    throw bad(`prefix length must be a number from 0 to ${bits}`);
  }
  const prefixLength = Number(lengthText);
  const hostBits = BigInt(bits - prefixLength);
  const network = (ip.value >> hostBits) << hostBits;
  return {
    family: ip.family,
    network,
    prefixLength,
    size: 1n << hostBits,
    text: `${formatIP(ip.family, network)}/${prefixLength}`,
  };
}
