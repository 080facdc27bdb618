import { describe, it, expect } from 'vitest';
import { networkInterfaces, hostname } from 'node:os';
import { buildSanSet, canonicalIp, defaultHosts, isValidDnsName, missingSans, serverUrl, servingSans } from './names.js';

describe('canonicalIp', () => {
  it('normalizes spellings of one address', () => {
    expect(canonicalIp('::0001')).toBe('::1');
    expect(canonicalIp('[FE80:0:0:0:0:0:0:1]')).toBe('fe80::1');
    expect(canonicalIp(' 10.0.0.1 ')).toBe('10.0.0.1');
  });
  it('rejects non-addresses', () => {
    expect(() => canonicalIp('10.0.0')).toThrow(/invalid IP address "10.0.0"/);
    expect(() => canonicalIp('example.com')).toThrow(/invalid IP address/);
  });
});

describe('buildSanSet', () => {
  it('sorts names from IPs, lower-cases and de-duplicates', () => {
    expect(buildSanSet(['Api.Example', 'api.example', '10.0.0.1', '*.apps.example'], ['10.0.0.1', '::1'])).toEqual({
      dns: ['api.example', '*.apps.example'],
      ips: ['10.0.0.1', '::1'],
    });
  });
  it('rejects malformed entries with a clear error', () => {
    expect(() => buildSanSet(['has space'])).toThrow(/invalid certificate host "has space"/);
    expect(() => buildSanSet([], ['api.example'])).toThrow(/invalid IP address "api.example"/);
    expect(() => buildSanSet([42 as unknown as string])).toThrow(/not a string/);
    expect(isValidDnsName('a'.repeat(64))).toBe(false);
    expect(isValidDnsName('-bad.example')).toBe(false);
    expect(isValidDnsName('ok-1.example')).toBe(true);
  });
});

describe('defaultHosts and servingSans', () => {
  it('lists the host name and every non-internal interface address', () => {
    const hosts = defaultHosts();
    const external = Object.values(networkInterfaces()).flat().filter((a) => a && !a.internal).map((a) => canonicalIp(a!.address));
    expect(hosts).toEqual(expect.arrayContaining(external));
    if (isValidDnsName(hostname())) expect(hosts).toContain(hostname().toLowerCase());
    expect(hosts).not.toContain('127.0.0.1');
  });
  it('always includes loopback, the service names and the service IP', () => {
    const sans = servingSans({ serviceIp: '10.96.0.1' });
    expect(sans.dns).toEqual(expect.arrayContaining(['localhost', 'kubernetes.default.svc.cluster.local']));
    expect(sans.ips).toEqual(expect.arrayContaining(['127.0.0.1', '::1', '10.96.0.1']));
    expect(sans.ips).not.toContain('10.43.0.1');
  });
});

describe('missingSans', () => {
  it('lists wanted names the certificate lacks', () => {
    const have = { dns: ['a.example'], ips: ['10.0.0.1'] };
    expect(missingSans(have, { dns: ['a.example'], ips: ['10.0.0.1'] })).toEqual([]);
    expect(missingSans(have, { dns: ['b.example'], ips: ['10.0.0.2'] })).toEqual(['b.example', '10.0.0.2']);
  });
});

describe('serverUrl', () => {
  it('maps wildcard binds to loopback and brackets IPv6', () => {
    expect(serverUrl('0.0.0.0', 6443)).toBe('https://127.0.0.1:6443');
    expect(serverUrl('::', 6443)).toBe('https://[::1]:6443');
    expect(serverUrl('192.0.2.1', 1)).toBe('https://192.0.2.1:1');
    expect(serverUrl('fd00::1', 6443)).toBe('https://[fd00::1]:6443');
    expect(() => serverUrl('127.0.0.1', 0)).toThrow(/invalid port/);
  });
});
