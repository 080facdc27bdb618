import { describe, expect, it } from 'vitest';
import { ClusterIPAllocator } from './cluster-ip-allocator.js';
import { AllocatorConfigError, AlreadyAllocatedError, InvalidItemError, NotInRangeError, RangeFullError } from './errors.js';
import { parseIP } from './ip.js';
import { FakeBackend } from './testing/fake-backend.js';

const owner = (i: number) => ({ namespace: 'default', name: `svc-${i}`, uid: `uid-${i}` });

describe('ClusterIPAllocator', () => {
  it('defaults to 10.43.0.0/16 and reserves 10.43.0.1 for the kubernetes Service', () => {
    const a = new ClusterIPAllocator(new FakeBackend());
    expect(a.cidr).toBe('10.43.0.0/16');
    expect(a.family).toBe(4);
    expect(a.kubernetesServiceIP).toBe('10.43.0.1');
  });

  it('gives 200 concurrent allocations 200 distinct in-range addresses', async () => {
    const backend = new FakeBackend();
    const a = new ClusterIPAllocator(backend);
    const ips = await Promise.all(Array.from({ length: 200 }, (_, i) => a.allocate(owner(i))));
    expect(new Set(ips).size).toBe(200);
    for (const ip of ips) {
      expect(a.contains(ip)).toBe(true);
      expect(['10.43.0.0', '10.43.0.1', '10.43.255.255']).not.toContain(ip);
      // Dynamic allocation prefers the upper band: above the 256-address static band.
      expect(parseIP(ip)!.value).toBeGreaterThan(parseIP('10.43.1.0')!.value);
    }
    // The fast path never lists the range.
    expect(backend.calls.list).toBe(0);
  });

  it('fills a small range exactly once under concurrency, then reports it full', async () => {
    const a = new ClusterIPAllocator(new FakeBackend(), { cidr: '192.168.7.0/24' });
    const usable = 253; // .1-.254 minus the reserved .1
    const ips = await Promise.all(Array.from({ length: usable }, (_, i) => a.allocate(owner(i))));
    expect(new Set(ips).size).toBe(usable);
    expect(ips).not.toContain('192.168.7.1');
    expect(ips).not.toContain('192.168.7.0');
    expect(ips).not.toContain('192.168.7.255');
    const full = await a.allocate(owner(999)).catch((e: unknown) => e);
    expect(full).toBeInstanceOf(RangeFullError);
    expect((full as Error).message).toBe('range is full');
    // The reserved address is still available to ask for by name.
    await expect(a.allocateSpecific('192.168.7.1', owner(1000))).resolves.toBe('192.168.7.1');
  });

  it('allocates a specific address once and words conflicts as kube-apiserver', async () => {
    const a = new ClusterIPAllocator(new FakeBackend());
    await expect(a.allocateSpecific('10.43.0.5', owner(1))).resolves.toBe('10.43.0.5');
    const taken = await a.allocateSpecific('10.43.0.5', owner(2)).catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(AlreadyAllocatedError);
    expect((taken as AlreadyAllocatedError).message).toBe('provided IP is already allocated');
    expect((taken as AlreadyAllocatedError).owner).toEqual(owner(1));
    // The same owner asking again (a retried request) succeeds.
    await expect(a.allocateSpecific('10.43.0.5', owner(1))).resolves.toBe('10.43.0.5');

    for (const outside of ['10.44.0.5', '10.43.0.0', '10.43.255.255', 'fd00::1']) {
      const err = await a.allocateSpecific(outside, owner(3)).catch((e: unknown) => e);
      expect(err, outside).toBeInstanceOf(NotInRangeError);
      expect((err as Error).message).toBe(
        'provided IP is not in the valid range. The range of valid IPs is 10.43.0.0/16',
      );
    }
    await expect(a.allocateSpecific('not-an-ip', owner(3))).rejects.toBeInstanceOf(InvalidItemError);
    await expect(a.allocateSpecific('10.43.0.6', { uid: '' } as never)).rejects.toThrow(/owner must be/);
  });

  it('lets exactly one of many concurrent requests for the same address win', async () => {
    const a = new ClusterIPAllocator(new FakeBackend());
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => a.allocateSpecific('10.43.0.10', owner(i))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(AlreadyAllocatedError);
    }
  });

  it('releases and re-allocates', async () => {
    const a = new ClusterIPAllocator(new FakeBackend(), { cidr: '10.0.0.0/30' }); // .1 reserved, .2 usable
    expect(await a.allocate(owner(1))).toBe('10.0.0.2');
    await expect(a.allocate(owner(2))).rejects.toBeInstanceOf(RangeFullError);
    expect(await a.has('10.0.0.2')).toBe(true);
    expect(await a.ownerOf('10.0.0.2')).toEqual(owner(1));
    // A release naming another owner leaves the address alone.
    expect(await a.release('10.0.0.2', { uid: 'uid-2' })).toBe(false);
    expect(await a.release('10.0.0.2', { uid: 'uid-1' })).toBe(true);
    expect(await a.release('10.0.0.2')).toBe(false);
    expect(await a.has('10.0.0.2')).toBe(false);
    expect(await a.allocate(owner(2))).toBe('10.0.0.2');
    expect(await a.release('fd00::1')).toBe(false);
    await expect(a.release('garbage')).rejects.toBeInstanceOf(InvalidItemError);
  });

  it('keeps state in the store: a new allocator over the same store sees it', async () => {
    const backend = new FakeBackend();
    const first = new ClusterIPAllocator(backend, { cidr: '10.0.0.0/29' }); // .2-.6 dynamic
    const ips = await Promise.all([1, 2, 3].map((i) => first.allocate(owner(i))));
    const second = new ClusterIPAllocator(backend, { cidr: '10.0.0.0/29' });
    for (const ip of ips) expect(await second.has(ip)).toBe(true);
    const rest = [await second.allocate(owner(4)), await second.allocate(owner(5))];
    expect(new Set([...ips, ...rest]).size).toBe(5);
    await expect(second.allocate(owner(6))).rejects.toBeInstanceOf(RangeFullError);
  });

  it('checks and chooses without recording on dry run', async () => {
    const backend = new FakeBackend();
    const a = new ClusterIPAllocator(backend);
    const ip = await a.allocate(owner(1), { dryRun: true });
    expect(a.contains(ip)).toBe(true);
    await a.allocateSpecific('10.43.0.9', owner(1), { dryRun: true });
    expect(await a.has(ip)).toBe(false);
    expect(await a.has('10.43.0.9')).toBe(false);
    await a.allocateSpecific('10.43.0.9', owner(1));
    await expect(a.allocateSpecific('10.43.0.9', owner(2), { dryRun: true })).rejects.toBeInstanceOf(
      AlreadyAllocatedError,
    );
    expect(backend.calls.create).toBe(1);
  });

  it('supports IPv6 ranges, sharing the key prefix with an IPv4 allocator', async () => {
    const backend = new FakeBackend();
    const v4 = new ClusterIPAllocator(backend, { cidr: '10.0.0.0/30' });
    const v6 = new ClusterIPAllocator(backend, { cidr: 'fd00:10:43::/125' }); // ::1 reserved, ::2-::7
    expect(v6.kubernetesServiceIP).toBe('fd00:10:43::1');
    const ips = await Promise.all(Array.from({ length: 6 }, (_, i) => v6.allocate(owner(i))));
    expect(new Set(ips).size).toBe(6);
    expect(ips).not.toContain('fd00:10:43::');
    expect(ips).toContain('fd00:10:43::7'); // no broadcast in IPv6
    await expect(v6.allocate(owner(7))).rejects.toBeInstanceOf(RangeFullError);
    // The IPv4 allocator is unaffected by the IPv6 keys beside its own.
    expect(await v4.allocate(owner(8))).toBe('10.0.0.2');
    await expect(v6.allocateSpecific('FD00:10:43:0::3', owner(9))).rejects.toBeInstanceOf(AlreadyAllocatedError);
  });

  it('allocates quickly from a huge IPv6 range', async () => {
    const a = new ClusterIPAllocator(new FakeBackend(), { cidr: 'fd00::/64' });
    const ips = await Promise.all(Array.from({ length: 50 }, (_, i) => a.allocate(owner(i))));
    expect(new Set(ips).size).toBe(50);
    for (const ip of ips) expect(a.contains(ip)).toBe(true);
  });

  it('rejects unusable configuration clearly', () => {
    const b = new FakeBackend();
    expect(() => new ClusterIPAllocator(b, { cidr: '10.0.0.0/31' })).toThrow(AllocatorConfigError);
    expect(() => new ClusterIPAllocator(b, { cidr: '10.0.0.0/32' })).toThrow(/too small/);
    expect(() => new ClusterIPAllocator(b, { cidr: 'banana' })).toThrow(/invalid CIDR "banana"/);
    expect(() => new ClusterIPAllocator(b, { prefix: '/registry/x' })).toThrow(/must end in/);
  });
});
