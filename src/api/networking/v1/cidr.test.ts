import { describe, expect, it } from 'vitest';
import { isStrictSubnet, parseCidr } from './cidr.js';

describe('cidr', () => {
  it('parses IPv4 and IPv6', () => {
    expect(parseCidr('10.1.2.3/8')).toEqual({ network: 10n << 24n, prefix: 8, bits: 32 });
    expect(parseCidr('2001:db8::/32')?.network).toBe(0x20010db8n << 96n);
    expect(parseCidr('::ffff:10.0.0.1/128')?.network).toBe((0xffffn << 32n) | (10n << 24n) | 1n);
    expect(parseCidr('::/0')?.network).toBe(0n);
  });

  it.each(['10.0.0.0', '10.0.0.0/33', '300.0.0.0/8', 'abc/8', '::/129'])('refuses %s', (s) => {
    expect(parseCidr(s)).toBeUndefined();
  });

  it('checks strict subnets', () => {
    const outer = parseCidr('172.17.0.0/16')!;
    expect(isStrictSubnet(parseCidr('172.17.1.0/24')!, outer)).toBe(true);
    expect(isStrictSubnet(parseCidr('172.17.0.0/16')!, outer)).toBe(false);
    expect(isStrictSubnet(parseCidr('172.18.1.0/24')!, outer)).toBe(false);
    expect(isStrictSubnet(parseCidr('fd00::/64')!, outer)).toBe(false);
  });
});
