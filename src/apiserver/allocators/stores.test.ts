/**
 * The allocators over the real storage drivers: memory://, sqlite:// (persistence across a
 * close and re-open) and etcd (two clients sharing one store, as two apiservers would).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openBackend, type Backend } from '../../storage/index.js';
import { type EtcdServer, startEtcd } from '../../storage/testing/etcd-server.js';
import { tempDirs } from '../../storage/testing/temp-dir.js';
import { ClusterIPAllocator } from './cluster-ip-allocator.js';
import { RangeFullError } from './errors.js';
import { PortAllocator } from './port-allocator.js';

const owner = (i: number) => ({ namespace: 'default', name: `svc-${i}`, uid: `uid-${i}` });
const dirs = tempDirs('gantry-alloc-');
const opened: Backend[] = [];

async function open(url: string): Promise<Backend> {
  const backend = await openBackend(url, { autoCompact: false });
  opened.push(backend);
  return backend;
}

async function closeAll(): Promise<void> {
  await Promise.all(opened.splice(0).map((b) => b.close()));
}

afterAll(async () => {
  await closeAll();
  dirs.cleanup();
});

describe('allocators over memory://', () => {
  it('hands out 200 distinct IPs and ports concurrently', async () => {
    const backend = await open('memory://');
    const ips = new ClusterIPAllocator(backend);
    const ports = new PortAllocator(backend);
    const [gotIPs, gotPorts] = await Promise.all([
      Promise.all(Array.from({ length: 200 }, (_, i) => ips.allocate(owner(i)))),
      Promise.all(Array.from({ length: 200 }, (_, i) => ports.allocate(owner(i)))),
    ]);
    expect(new Set(gotIPs).size).toBe(200);
    expect(new Set(gotPorts).size).toBe(200);
  });
});

describe('allocators over sqlite://', () => {
  it('keep allocations across a close and re-open of the store', async () => {
    const url = `sqlite://${path.join(dirs.make(), 'state.db')}`;
    const first = await open(url);
    // Five allocators over one store, as after five restarts, racing for the five dynamic addresses.
    const allocators = Array.from({ length: 5 }, () => new ClusterIPAllocator(first, { cidr: '10.0.0.0/29' }));
    const ips = await Promise.all(allocators.map((a, i) => a.allocate(owner(i))));
    expect(new Set(ips).size).toBe(5);
    await new PortAllocator(first).allocateSpecific(30080, owner(1));
    await closeAll();

    const again = await open(url);
    const alloc = new ClusterIPAllocator(again, { cidr: '10.0.0.0/29' });
    for (const ip of ips) expect(await alloc.ownerOf(ip)).toMatchObject({ namespace: 'default' });
    await expect(alloc.allocate(owner(9))).rejects.toBeInstanceOf(RangeFullError);
    expect(await new PortAllocator(again).ownerOf(30080)).toEqual(owner(1));
    expect(await alloc.release(ips[0])).toBe(true);
    expect(await alloc.allocate(owner(9))).toBe(ips[0]);
  });
});

describe('allocators over etcd shared by two clients', () => {
  let etcd: EtcdServer;
  beforeAll(async () => {
    etcd = await startEtcd();
  });
  afterAll(async () => {
    await closeAll();
    await etcd?.stop();
  });

  it('give each address to exactly one of two apiservers racing for a small range', async () => {
    const [a, b] = await Promise.all([open(`${etcd.url}?prefix=/alloc`), open(`${etcd.url}?prefix=/alloc`)]);
    const cidr = '10.9.0.0/24'; // 253 addresses for dynamic allocation
    const left = new ClusterIPAllocator(a, { cidr });
    const right = new ClusterIPAllocator(b, { cidr });
    const results = await Promise.allSettled(
      Array.from({ length: 260 }, (_, i) => (i % 2 ? left : right).allocate(owner(i))),
    );
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [{ ip: r.value, i }] : []));
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(won).toHaveLength(253);
    expect(new Set(won.map((w) => w.ip)).size).toBe(253);
    expect(lost).toHaveLength(7);
    for (const err of lost) expect(err).toBeInstanceOf(RangeFullError);
    // Each record names the owner that was told it got the address.
    for (const { ip, i } of won) expect(await left.ownerOf(ip)).toEqual(owner(i));
  });
});
