import { describe, expect, it } from 'vitest';
import { AllocatorConfigError, AlreadyAllocatedError, InvalidItemError, NotInRangeError, RangeFullError } from './errors.js';
import { PortAllocator, parsePortRange } from './port-allocator.js';
import { FakeBackend } from './testing/fake-backend.js';

const owner = (i: number) => ({ namespace: 'ns', name: `svc-${i}`, uid: `uid-${i}` });

describe('parsePortRange', () => {
  it('reads upstream forms', () => {
    expect(parsePortRange('30000-32767')).toEqual({ base: 30000, size: 2768 });
    expect(parsePortRange('30000+100')).toEqual({ base: 30000, size: 100 });
    expect(parsePortRange('8080')).toEqual({ base: 8080, size: 1 });
  });

  it('rejects bad ranges clearly', () => {
    for (const bad of ['', 'abc', '32767-30000', '0-10', '60000-70000', '1-2-3']) {
      expect(() => parsePortRange(bad), bad).toThrow(AllocatorConfigError);
    }
  });
});

describe('PortAllocator', () => {
  it('gives 200 concurrent allocations 200 distinct ports in the dynamic band', async () => {
    const backend = new FakeBackend();
    const a = new PortAllocator(backend);
    expect(a.range).toBe('30000-32767');
    const ports = await Promise.all(Array.from({ length: 200 }, (_, i) => a.allocate(owner(i))));
    expect(new Set(ports).size).toBe(200);
    for (const p of ports) {
      expect(Number.isInteger(p)).toBe(true);
      expect(p).toBeGreaterThanOrEqual(30086); // above the 86-port static band
      expect(p).toBeLessThanOrEqual(32767);
    }
  });

  it('fills a small range once under concurrency, static band last, then reports it full', async () => {
    const a = new PortAllocator(new FakeBackend(), { range: '31000-31099' }); // static band 31000-31015
    const ports = await Promise.all(Array.from({ length: 84 }, (_, i) => a.allocate(owner(i))));
    expect(Math.min(...ports)).toBeGreaterThanOrEqual(31016);
    const more = await Promise.all(Array.from({ length: 16 }, (_, i) => a.allocate(owner(100 + i))));
    expect(new Set([...ports, ...more]).size).toBe(100);
    await expect(a.allocate(owner(999))).rejects.toBeInstanceOf(RangeFullError);
  });

  it('allocates specific ports once, with kube-apiserver wording', async () => {
    const a = new PortAllocator(new FakeBackend());
    expect(await a.allocateSpecific(30080, owner(1))).toBe(30080);
    const taken = await a.allocateSpecific(30080, owner(2)).catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(AlreadyAllocatedError);
    expect((taken as Error).message).toBe('provided port is already allocated');
    const outside = await a.allocateSpecific(80, owner(2)).catch((e: unknown) => e);
    expect(outside).toBeInstanceOf(NotInRangeError);
    expect((outside as Error).message).toBe(
      'provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    for (const bad of [0, -1, 70000, 30000.5, Number.NaN, '30080' as unknown as number]) {
      await expect(a.allocateSpecific(bad, owner(2)), String(bad)).rejects.toBeInstanceOf(InvalidItemError);
    }
  });

  it('releases, re-allocates and persists across allocators', async () => {
    const backend = new FakeBackend();
    const a = new PortAllocator(backend, { range: { base: 30000, size: 2 } });
    const [p1, p2] = await Promise.all([a.allocate(owner(1)), a.allocate(owner(2))]);
    expect(new Set([p1, p2])).toEqual(new Set([30000, 30001]));
    const b = new PortAllocator(backend, { range: '30000+2' });
    await expect(b.allocate(owner(3))).rejects.toBeInstanceOf(RangeFullError);
    expect(await b.release(p1)).toBe(true);
    expect(await a.has(p1)).toBe(false);
    expect(await a.allocate(owner(3))).toBe(p1);
    expect(await b.ownerOf(p1)).toEqual(owner(3));
  });

  it('frees a port outside a narrowed range', async () => {
    const backend = new FakeBackend();
    await new PortAllocator(backend).allocateSpecific(30500, owner(1));
    const narrowed = new PortAllocator(backend, { range: '31000-31999' });
    expect(await narrowed.has(30500)).toBe(true);
    expect(await narrowed.release(30500)).toBe(true);
  });
});
