/** Just enough CIDR arithmetic for NetworkPolicy ipBlock checks. */
import { isIPv4, isIPv6 } from 'node:net';

export interface Cidr {
  /** The network address (host bits cleared) as a number. */
  network: bigint;
  prefix: number;
  bits: 32 | 128;
}

function ipv4ToBigInt(ip: string): bigint {
  return ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function ipv6ToBigInt(ip: string): bigint {
  // An embedded IPv4 tail ("::ffff:10.0.0.1") becomes two hex groups first.
  const text = ip.replace(/(\d+\.\d+\.\d+\.\d+)$/, (v4) => {
    const n = ipv4ToBigInt(v4);
    return `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  });
  const groups = (part: string) => (part ? part.split(':').map((h) => BigInt(parseInt(h, 16))) : []);
  const [head = '', rest] = text.split('::');
  const left = groups(head);
  const right = rest === undefined ? [] : groups(rest);
  const all = [...left, ...Array<bigint>(8 - left.length - right.length).fill(0n), ...right];
  return all.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** Parses "10.0.0.0/8" or "2001:db8::/32"; undefined when it is not a valid CIDR. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  let bits: 32 | 128;
  let value: bigint;
  if (isIPv4(ip)) {
    bits = 32;
    value = ipv4ToBigInt(ip);
  } else if (isIPv6(ip)) {
    bits = 128;
    value = ipv6ToBigInt(ip);
  } else {
    return undefined;
  }
  if (prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  return { network: (value >> hostBits) << hostBits, prefix, bits };
}

/** True when `inner` lies inside `outer` and is strictly smaller. */
export function isStrictSubnet(inner: Cidr, outer: Cidr): boolean {
  if (inner.bits !== outer.bits || inner.prefix <= outer.prefix) return false;
  const hostBits = BigInt(outer.bits - outer.prefix);
  return inner.network >> hostBits === outer.network >> hostBits;
}
