/**
 * A node's pod IP pool over its pod CIDR, as CNI host-local hands addresses out: the network
 * address, the gateway (.1) and the broadcast address are never given; allocation goes round
 * robin after the last address handed out, so a freed address is not reused at once.
 */
import { type Cidr4, cidrContains, formatIPv4, parseCidr4, parseIPv4 } from './cidr.js';

export class IpPool {
  readonly cidr: Cidr4;
  private readonly first: number;
  private readonly count: number;
  /** Lazily made: idle nodes cost nothing. Index i is address first + i. */
  private used: Uint8Array | undefined;
  private inUse = 0;
  private cursor = 0;

  constructor(cidr: string) {
    this.cidr = parseCidr4(cidr);
    const total = 2 ** (32 - this.cidr.prefix);
    this.first = this.cidr.base + 2;
    this.count = Math.max(0, total - 3);
  }

  /** Addresses that can be handed out at most. */
  get capacity(): number {
    return this.count;
  }

  get allocated(): number {
    return this.inUse;
  }

  /** The next free address, or undefined when the pool is exhausted. */
  allocate(): string | undefined {
    if (this.inUse >= this.count) return undefined;
    const used = (this.used ??= new Uint8Array(this.count));
    for (let i = 0; i < this.count; i++) {
      const idx = (this.cursor + i) % this.count;
      if (used[idx]) continue;
      used[idx] = 1;
      this.inUse++;
      this.cursor = (idx + 1) % this.count;
      return formatIPv4(this.first + idx);
    }
    return undefined;
  }

  /** Marks `ip` as taken (re-adopting a pod that already has it). False if outside the pool or taken. */
  reserve(ip: string): boolean {
    const idx = this.indexOf(ip);
    if (idx < 0) return false;
    const used = (this.used ??= new Uint8Array(this.count));
    if (used[idx]) return false;
    used[idx] = 1;
    this.inUse++;
    return true;
  }

  /** Gives `ip` back; unknown addresses are ignored. */
  release(ip: string | undefined): void {
    if (!ip || !this.used) return;
    const idx = this.indexOf(ip);
    if (idx < 0 || !this.used[idx]) return;
    this.used[idx] = 0;
    this.inUse--;
  }

  private indexOf(ip: string): number {
    if (!cidrContains(this.cidr, ip)) return -1;
    const idx = parseIPv4(ip) - this.first;
    return idx >= 0 && idx < this.count ? idx : -1;
  }
}
