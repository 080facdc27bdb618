import { describe, expect, it } from 'vitest';
import { lease, type Lease } from './lease.js';

const msgs = (l: Lease) => lease.validate!(l).map((e) => `${e.field}: ${e.message}`);

describe('Lease', () => {
  it('accepts a node heartbeat lease', () => {
    expect(msgs({ metadata: { name: 'n1' }, spec: { holderIdentity: 'n1', leaseDurationSeconds: 40 } })).toEqual([]);
  });

  it.each([
    [{ leaseDurationSeconds: 0 }, 'spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0'],
    [{ leaseTransitions: -1 }, 'spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0'],
    [{ preferredHolder: 'b' }, 'spec.preferredHolder: Forbidden: may only be specified if `holderIdentity` is set'],
    [{ strategy: 'Newest' }, 'spec.strategy: Unsupported value: "Newest": supported values: "OldestEmulationVersion"'],
  ])('refuses %o', (spec, want) => {
    expect(msgs({ metadata: { name: 'x' }, spec })).toEqual([want]);
  });

  it('prints the holder', () => {
    const l: Lease = { metadata: { name: 'kube-scheduler', creationTimestamp: '2024-01-01T00:00:00Z' }, spec: { holderIdentity: 'a_b' } };
    expect(lease.table.cells(l, new Date('2024-01-01T01:00:00Z'))).toEqual(['kube-scheduler', 'a_b', '60m']);
    expect(lease.table.cells({ metadata: { name: 'x' } }, new Date())).toEqual(['x', '', '<unknown>']);
  });
});
