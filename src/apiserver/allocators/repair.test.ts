import { describe, expect, it } from 'vitest';
import { ClusterIPAllocator, SERVICE_IPS_PREFIX } from './cluster-ip-allocator.js';
import { PortAllocator } from './port-allocator.js';
import { FakeBackend } from './testing/fake-backend.js';

const svc = (id: string, ips: string[]) => ({ namespace: 'default', name: id, uid: `uid-${id}`, ips });

/** An allocator whose clock the test moves. */
function setup() {
  const backend = new FakeBackend();
  let nowMs = Date.parse('2025-01-01T00:00:00Z');
  const alloc = new ClusterIPAllocator(backend, { now: () => new Date(nowMs) });
  const advance = (ms: number) => {
    nowMs += ms;
  };
  return { backend, alloc, advance };
}

describe('repair', () => {
  it('frees leaks, records what live Services hold and fixes owners', async () => {
    const { backend, alloc, advance } = setup();
    await alloc.allocateSpecific('10.43.0.10', svc('kept', []));
    await alloc.allocateSpecific('10.43.0.11', svc('gone', [])); // its Service was never written
    await alloc.allocateSpecific('10.43.0.12', svc('dead-owner', []));
    await backend.create(`${SERVICE_IPS_PREFIX}10.43.0.13`, 'not json'); // unreadable record, no holder
    advance(120_000);
    await alloc.allocateSpecific('10.43.0.14', svc('in-flight', [])); // young: another apiserver may be mid-create

    const report = await alloc.repair([
      svc('kept', ['10.43.0.10']),
      svc('new-owner', ['10.43.0.12']),
      svc('missing', ['10.43.0.20', 'None']),
      svc('headless', ['None']),
      svc('dual', ['10.43.0.21', 'fd00::21']),
      svc('outside', ['10.99.0.1']),
      svc('broken', ['garbage']),
    ]);

    expect(report.released.sort()).toEqual(['10.43.0.11', '10.43.0.13']);
    expect(report.pending).toEqual(['10.43.0.14']);
    expect(report.reassigned).toEqual(['10.43.0.12']);
    expect(report.recorded.sort()).toEqual(['10.43.0.20', '10.43.0.21', '10.99.0.1']);
    expect(report.outOfRange).toEqual([{ item: '10.99.0.1', owner: expect.objectContaining({ name: 'outside' }) }]);
    expect(report.invalid).toEqual([{ item: 'garbage', owner: expect.objectContaining({ name: 'broken' }) }]);
    expect(report.conflicts).toEqual([]);

    expect(await alloc.has('10.43.0.11')).toBe(false);
    expect(await alloc.has('10.43.0.13')).toBe(false);
    expect(await alloc.ownerOf('10.43.0.10')).toMatchObject({ name: 'kept' });
    expect(await alloc.ownerOf('10.43.0.12')).toMatchObject({ name: 'new-owner' });
    expect(await alloc.ownerOf('10.43.0.20')).toMatchObject({ name: 'missing' });
    expect(await alloc.has('fd00::21')).toBe(false);

    // A second run finds nothing more to do, until the in-flight record ages out.
    const again = await alloc.repair([svc('kept', ['10.43.0.10'])], { minAgeMs: 10 * 60_000 });
    expect(again.released).toEqual([]);
    advance(120_000);
    const later = await alloc.repair([]);
    expect(later.released.sort()).toEqual(['10.43.0.10', '10.43.0.12', '10.43.0.14', '10.43.0.20', '10.43.0.21', '10.99.0.1']);
  });

  it('reports an address held by two live Services and leaves it alone', async () => {
    const { alloc } = setup();
    await alloc.allocateSpecific('10.43.0.30', svc('a', []));
    const report = await alloc.repair([svc('a', ['10.43.0.30']), svc('b', ['10.43.0.30'])], { minAgeMs: 0 });
    expect(report.conflicts).toEqual([
      { item: '10.43.0.30', owners: [expect.objectContaining({ name: 'a' }), expect.objectContaining({ name: 'b' })] },
    ]);
    expect(report.reassigned).toEqual([]);
    expect(await alloc.ownerOf('10.43.0.30')).toMatchObject({ name: 'a' });
  });

  it('changes nothing on a dry run', async () => {
    const { backend, alloc } = setup();
    await alloc.allocateSpecific('10.43.0.40', svc('gone', []));
    const writes = () => backend.calls.create + backend.calls.update + backend.calls.delete;
    const before = writes();
    const report = await alloc.repair([svc('x', ['10.43.0.41'])], { minAgeMs: 0, dryRun: true });
    expect(report.released).toEqual(['10.43.0.40']);
    expect(report.recorded).toEqual(['10.43.0.41']);
    expect(writes()).toBe(before);
  });

  it('stops when aborted', async () => {
    const { alloc } = setup();
    await alloc.allocateSpecific('10.43.0.50', svc('gone', []));
    const ctl = new AbortController();
    ctl.abort();
    await expect(alloc.repair([], { signal: ctl.signal, minAgeMs: 0 })).rejects.toThrow();
    expect(await alloc.has('10.43.0.50')).toBe(true);
  });

  it('repairs NodePorts, a port shared by one Service across protocols counting once', async () => {
    const backend = new FakeBackend();
    const ports = new PortAllocator(backend);
    await ports.allocateSpecific(30001, { namespace: 'ns', name: 'gone', uid: 'u-gone' });
    const live = { namespace: 'ns', name: 'dns', uid: 'u-dns', ports: [30053, 30053, 0] };
    const report = await ports.repair([live], { minAgeMs: 0 });
    expect(report.released).toEqual(['30001']);
    expect(report.recorded).toEqual(['30053']);
    expect(report.conflicts).toEqual([]);
    expect(await ports.ownerOf(30053)).toMatchObject({ name: 'dns' });
  });
});
