import { describe, it, expect } from 'vitest';
import {
  cidrContains,
  formatCidr4,
  nodeAddressOf,
  parseCidr4,
  parseIPv4,
  podSubnetPrefix,
  subnetAt,
  subnetCount,
  subnetIndexOf,
} from './cidr.js';
import { IpPool } from './ip-pool.js';

describe('IPv4 CIDRs', () => {
  it('parses and clears host bits', () => {
    expect(formatCidr4(parseCidr4('10.42.7.9/16'))).toBe('10.42.0.0/16');
    expect(parseIPv4('255.255.255.255')).toBe(2 ** 32 - 1);
  });

  it.each(['10.42.0.0', '10.42.0.0/33', 'fd00::/64', '10.300.0.0/16', '', 'x/8'])('rejects %j', (bad) => {
    expect(() => parseCidr4(bad)).toThrow(/invalid (CIDR|IPv4)/);
  });

  it('splits a range into node subnets', () => {
    const r = parseCidr4('10.42.0.0/16');
    expect(subnetCount(r, 24)).toBe(256);
    expect(formatCidr4(subnetAt(r, 24, 0))).toBe('10.42.0.0/24');
    expect(formatCidr4(subnetAt(r, 24, 255))).toBe('10.42.255.0/24');
    expect(() => subnetAt(r, 24, 256)).toThrow('does not exist');
    expect(subnetIndexOf(r, 24, '10.42.17.0/24')).toBe(17);
    expect(subnetIndexOf(r, 24, '10.43.0.0/24')).toBe(-1);
    expect(subnetIndexOf(r, 24, '10.42.1.0/25')).toBe(-1);
    expect(subnetIndexOf(r, 24, 'garbage')).toBe(-1);
    expect(cidrContains(r, '10.42.3.4')).toBe(true);
    expect(cidrContains(r, '10.41.3.4')).toBe(false);
  });

  it('sizes the per-node subnet from the pods capacity', () => {
    expect(podSubnetPrefix(110)).toBe(24);
    expect(podSubnetPrefix(10)).toBe(24);
    expect(podSubnetPrefix(300)).toBe(23);
    expect(podSubnetPrefix(1000)).toBe(22);
  });

  it('gives nodes fake addresses in 10.99.0.0/16', () => {
    expect(nodeAddressOf(0)).toBe('10.99.0.1');
    expect(nodeAddressOf(253)).toBe('10.99.0.254');
    expect(nodeAddressOf(254)).toBe('10.99.1.1');
    expect(nodeAddressOf(4999)).toBe('10.99.19.174');
    expect(() => nodeAddressOf(-1)).toThrow('outside');
  });
});

describe('IpPool', () => {
  it('hands out .2 to .254 round robin and never the network, gateway or broadcast', () => {
    const pool = new IpPool('10.42.3.0/24');
    expect(pool.capacity).toBe(253);
    const first = pool.allocate();
    expect(first).toBe('10.42.3.2');
    expect(pool.allocate()).toBe('10.42.3.3');
    pool.release(first);
    expect(pool.allocate()).toBe('10.42.3.4');
    const all = new Set<string>();
    let ip: string | undefined;
    while ((ip = pool.allocate()) !== undefined) all.add(ip);
    expect(all.has('10.42.3.1')).toBe(false);
    expect(all.has('10.42.3.255')).toBe(false);
    expect(all.has('10.42.3.2')).toBe(true);
    expect(pool.allocated).toBe(253);
    expect(pool.allocate()).toBeUndefined();
  });

  it('reserves adopted addresses once and ignores foreign ones', () => {
    const pool = new IpPool('10.42.0.0/24');
    expect(pool.reserve('10.42.0.2')).toBe(true);
    expect(pool.reserve('10.42.0.2')).toBe(false);
    expect(pool.reserve('10.42.1.2')).toBe(false);
    expect(pool.reserve('10.42.0.1')).toBe(false);
    expect(pool.allocate()).toBe('10.42.0.3');
    pool.release('10.9.9.9');
    pool.release(undefined);
    expect(pool.allocated).toBe(2);
  });
});
