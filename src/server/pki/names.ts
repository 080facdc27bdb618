/** Host names and IP addresses for certificates: defaults, validation, comparison. */
import { hostname, networkInterfaces } from 'node:os';
import { isIP } from 'node:net';

/** The in-cluster names of the API server Service, as upstream puts in its serving certificate. */
export const SERVICE_DNS_NAMES = [
  'kubernetes',
  'kubernetes.default',
  'kubernetes.default.svc',
  'kubernetes.default.svc.cluster.local',
];

/** The first address of the default service CIDR (10.43.0.0/16), used by the `kubernetes` Service. */
export const DEFAULT_SERVICE_IP = '10.43.0.1';

export interface SanSet {
  dns: string[];
  ips: string[];
}

/** The machine's host name plus every non-internal IPv4 and IPv6 address of its interfaces. */
export function defaultHosts(): string[] {
  const out: string[] = [];
  const name = hostname().trim();
  if (name && isValidDnsName(name)) out.push(name.toLowerCase());
  for (const addrs of Object.values(networkInterfaces())) {
    for (const addr of addrs ?? []) {
      if (!addr.internal) out.push(canonicalIp(addr.address));
    }
  }
  return unique(out);
}

/**
 * The canonical text form of an IP address (lower case, IPv6 compressed), so that
 * two spellings of one address compare equal. Throws for anything that is not an IP.
 */
export function canonicalIp(ip: string): string {
  const bare = ip.trim().replace(/^\[(.*)\]$/, '$1');
  const family = isIP(bare);
  if (family === 0) throw new Error(`invalid IP address ${JSON.stringify(ip)}`);
  const host = new URL(family === 6 ? `http://[${bare}]/` : `http://${bare}/`).hostname;
  return host.replace(/^\[(.*)\]$/, '$1');
}

/** DNS names as certificates hold them: labels of letters, digits, '-' and '_', an optional leading '*.'. */
export function isValidDnsName(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  const labels = (name.startsWith('*.') ? name.slice(2) : name).split('.');
  return labels.every((l) => /^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/.test(l));
}

/**
 * Sorts host names and IPs (given in either list) into a SAN set, validated,
 * canonical and without duplicates. Throws a clear error for a malformed entry.
 */
export function buildSanSet(hosts: readonly string[], ips: readonly string[] = []): SanSet {
  const dns: string[] = [];
  const addrs: string[] = [];
  for (const raw of [...hosts, ...ips]) {
    if (typeof raw !== 'string') throw new Error(`invalid certificate host ${JSON.stringify(raw)}: not a string`);
    const entry = raw.trim();
    if (isIP(entry.replace(/^\[(.*)\]$/, '$1')) !== 0) {
      addrs.push(canonicalIp(entry));
    } else if (ips.includes(raw)) {
      throw new Error(`invalid IP address ${JSON.stringify(raw)}`);
    } else if (isValidDnsName(entry)) {
      dns.push(entry.toLowerCase());
    } else {
      throw new Error(`invalid certificate host ${JSON.stringify(raw)}: not a DNS name or IP address`);
    }
  }
  return { dns: unique(dns), ips: unique(addrs) };
}

/** The SANs a Gantry API server certificate needs for the given extra hosts and IPs. */
export function servingSans(opts: { hosts?: readonly string[]; ips?: readonly string[]; serviceIp?: string } = {}): SanSet {
  const hosts = ['localhost', ...SERVICE_DNS_NAMES, ...defaultHosts(), ...(opts.hosts ?? [])];
  const ips = ['127.0.0.1', '::1', opts.serviceIp ?? DEFAULT_SERVICE_IP, ...(opts.ips ?? [])];
  return buildSanSet(hosts, ips);
}

/** Lists the wanted names that `have` lacks (empty when `have` covers `want`). */
export function missingSans(have: SanSet, want: SanSet): string[] {
  const dns = new Set(have.dns.map((d) => d.toLowerCase()));
  const ips = new Set(have.ips.map(canonicalIp));
  return [...want.dns.filter((d) => !dns.has(d)), ...want.ips.filter((ip) => !ips.has(ip))];
}

/**
 * The URL clients use to reach a server bound to `bind`: a wildcard bind
 * (0.0.0.0 or ::) is reached on loopback; IPv6 hosts get brackets.
 */
export function serverUrl(bind: string, port: number): string {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`invalid port ${port}`);
  let host = bind.trim().replace(/^\[(.*)\]$/, '$1');
  if (host === '' || host === '0.0.0.0') host = '127.0.0.1';
  else if (host === '::') host = '::1';
  return isIP(host) === 6 ? `https://[${host}]:${port}` : `https://${host}:${port}`;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
