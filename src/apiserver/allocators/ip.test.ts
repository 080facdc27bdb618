import { describe, expect, it } from 'vitest';
import { formatIP, parseCIDR, parseIP } from './ip.js';

describe('parseIP / formatIP', () => {
  it('round-trips IPv4', () => {
    const ip = parseIP('10.43.0.5');
    expect(ip).toEqual({ family: 4, value: (10n << 24n) | (43n << 16n) | 5n });
    expect(formatIP(4, ip!.value)).toBe('10.43.0.5');
    expect(formatIP(4, 0xffffffffn)).toBe('255.255.255.255');
  });

  it('rejects malformed IPv4', () => {
    for (const bad of ['', '10.43.0', '10.43.0.256', '10.043.0.1', '1.2.3.4.5', ' 1.2.3.4', '1.2.3.-4', 'a.b.c.d']) {
      expect(parseIP(bad), bad).toBeNull();
    }
  });

  it('parses IPv6 forms and formats them canonically (RFC 5952)', () => {
    const cases: [string, string][] = [
      ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
      ['::', '::'],
      ['::1', '::1'],
      ['fd00::', 'fd00::'],
      ['2001:db8:0:1:0:0:0:1', '2001:db8:0:1::1'],
      ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
      ['2001:db8:1:1:1:1:1:0', '2001:db8:1:1:1:1:1:0'],
      ['::ffff:10.0.0.1', '::ffff:a00:1'],
      ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
      ['1:0:0:2:0:0:3:4', '1::2:0:0:3:4'],
    ];
    for (const [input, canonical] of cases) {
      const ip = parseIP(input);
      expect(ip?.family, input).toBe(6);
      expect(formatIP(6, ip!.value), input).toBe(canonical);
    }
  });

  it('rejects malformed IPv6', () => {
    for (const bad of ['1:::2', '1::2::3', '12345::', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', ':1::', 'fe80::1%eth0', '1.2.3.4::']) {
      expect(parseIP(bad), bad).toBeNull();
    }
  });

  it('rejects non-strings without throwing', () => {
    expect(parseIP(undefined as unknown as string)).toBeNull();
    expect(parseIP(42 as unknown as string)).toBeNull();
  });
});

describe('parseCIDR', () => {
  it('normalises the network address', () => {
    const c = parseCIDR('10.43.7.9/16');
    expect(c.text).toBe('10.43.0.0/16');
    expect(c.size).toBe(65536n);
    expect(c.family).toBe(4);
    expect(parseCIDR('fd00:10:43::5/112').text).toBe('fd00:10:43::/112');
  });

  it('explains what is wrong', () => {
    expect(() => parseCIDR('10.43.0.0')).toThrow(/invalid CIDR "10.43.0.0": missing/);
    expect(() => parseCIDR('10.43.0.0/33')).toThrow(/prefix length must be a number from 0 to 32/);
    expect(() => parseCIDR('nope/8')).toThrow(/not an IP address/);
    expect(() => parseCIDR('fd00::/129')).toThrow(/0 to 128/);
  });
});
