/** Leader election against a real server: two candidates, one Lease. */
import { describe, expect, it, vi } from 'vitest';
import { lease as leaseKind, type Lease } from '../api/coordination/v1/index.js';
import { LeaderElector, type LeaderElectionOptions } from './leader-election.js';
import { uniqueName, useTestCluster } from './testing/cluster.js';

const cluster = useTestCluster();

interface Candidate {
  elector: LeaderElector;
  ac: AbortController;
  done: Promise<void>;
  log: string[];
}

function candidate(name: string, identity: string, extra: Partial<LeaderElectionOptions> = {}): Candidate {
  const log: string[] = [];
  const elector = new LeaderElector(cluster().newClient(), {
    namespace: 'default',
    name,
    identity,
    leaseDurationSeconds: 2,
    renewDeadlineSeconds: 1.5,
    retryPeriodSeconds: 0.2,
    onStartedLeading: () => void log.push('started'),
    onStoppedLeading: () => void log.push('stopped'),
    log: () => {},
    ...extra,
  });
  const ac = new AbortController();
  return { elector, ac, log, done: elector.run(ac.signal) };
}

describe('LeaderElector', () => {
  it('elects exactly one of two candidates; the other takes over when the leader stops', async () => {
    const name = uniqueName('lease');
    const a = candidate(name, 'a');
    const b = candidate(name, 'b');
    try {
      await vi.waitFor(() => expect(a.elector.isLeader() || b.elector.isLeader()).toBe(true), { timeout: 5000 });
      // Stays exclusive over several renewals.
      for (let i = 0; i < 10; i++) {
        expect(Number(a.elector.isLeader()) + Number(b.elector.isLeader())).toBe(1);
        await new Promise((r) => setTimeout(r, 100));
      }
      const [leader, follower] = a.elector.isLeader() ? [a, b] : [b, a];
      expect(follower.elector.getLeader()).toBe(leader === a ? 'a' : 'b');
      leader.ac.abort();
      await leader.done;
      expect(leader.log).toEqual(['started', 'stopped']);
      const started = Date.now();
      await vi.waitFor(() => expect(follower.elector.isLeader()).toBe(true), { timeout: 5000 });
      // Released on cancel: no need to wait out the 2 s lease.
      expect(Date.now() - started).toBeLessThan(1500);
      const l = await cluster().client.resource<Lease>(leaseKind).get('default', name);
      expect(l.spec).toMatchObject({ holderIdentity: follower === a ? 'a' : 'b', leaseDurationSeconds: 2, leaseTransitions: 1 });
      expect(l.spec?.renewTime).toMatch(/\.\d{6}Z$/);
    } finally {
      a.ac.abort();
      b.ac.abort();
      await Promise.all([a.done, b.done]);
    }
  });

  it('without release, a follower waits out the lease duration before taking over', async () => {
    const name = uniqueName('lease');
    const a = candidate(name, 'a', { releaseOnCancel: false });
    await vi.waitFor(() => expect(a.elector.isLeader()).toBe(true), { timeout: 5000 });
    a.ac.abort();
    await a.done;
    const b = candidate(name, 'b');
    try {
      const started = Date.now();
      await vi.waitFor(() => expect(b.elector.isLeader()).toBe(true), { timeout: 6000 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1800);
    } finally {
      b.ac.abort();
      await b.done;
    }
  });

  it('steps down when it cannot renew within the deadline', async () => {
    const name = uniqueName('lease');
    const a = candidate(name, 'a');
    try {
      await vi.waitFor(() => expect(a.elector.isLeader()).toBe(true), { timeout: 5000 });
      const leases = cluster().client.resource<Lease>(leaseKind);
      const cur = await leases.get('default', name);
      await leases.update({ ...cur, spec: { ...cur.spec, holderIdentity: 'intruder', leaseDurationSeconds: 3600 } });
      await a.done; // run() returns after stepping down
      expect(a.elector.isLeader()).toBe(false);
      expect(a.log).toEqual(['started', 'stopped']);
    } finally {
      a.ac.abort();
    }
  });

  it('refuses inconsistent timings', () => {
    const opts = { namespace: 'default', name: 'x', identity: 'i' };
    expect(() => new LeaderElector(cluster().client, { ...opts, leaseDurationSeconds: 5, renewDeadlineSeconds: 5 })).toThrow(/leaseDuration/);
    expect(() => new LeaderElector(cluster().client, { ...opts, renewDeadlineSeconds: 2, retryPeriodSeconds: 2 })).toThrow(/renewDeadline/);
    expect(() => new LeaderElector(cluster().client, { ...opts, identity: '' })).toThrow(/identity/);
  });
});
