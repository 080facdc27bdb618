/** Two schedulers with leader election: only the Lease holder schedules; the other takes over when it stops. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namespace as namespaceKind, type Namespace } from '../../src/api/core/v1/index.js';
import { lease as leaseKind, type Lease } from '../../src/api/coordination/v1/index.js';
import { RestClient } from '../../src/client/index.js';
import { startScheduler, type RunningScheduler } from '../../src/scheduler/index.js';
import { boundNode, createNode, eventually, nodeManifest, podManifest, startTestApi, type TestApi } from './lib/cluster.js';

const NS = 'sched-leader';
let api: TestApi;
const running: RunningScheduler[] = [];
const clients: RestClient[] = [];

beforeAll(async () => {
  api = await startTestApi();
  await api.client.resource<Namespace>(namespaceKind).create({ metadata: { name: NS } });
  await api.client.resource<Namespace>(namespaceKind).create({ metadata: { name: 'kube-system' } }).catch(() => {});
  await createNode(api, nodeManifest('only-node'));
});

afterAll(async () => {
  for (const s of running) await s.stop();
  for (const c of clients) c.close();
  await api?.dispose();
});

function candidate(identity: string): RunningScheduler {
  const c = RestClient.fromKubeconfig(api.server.kubeconfig, { userAgent: identity });
  clients.push(c);
  const s = startScheduler(c, {
    log: (l) => process.env.GANTRY_TEST_VERBOSE && process.stderr.write(`${identity}: ${l}\n`),
    leaderElection: { identity, leaseDurationSeconds: 2, renewDeadlineSeconds: 1.5, retryPeriodSeconds: 0.25 },
  });
  running.push(s);
  return s;
}

describe('leader election', () => {
  it('schedules only on the leader and fails over', async () => {
    const a = candidate('sched-a');
    const b = candidate('sched-b');
    await Promise.all([a.ready, b.ready]);
    const leader = await eventually('a leader', async () => (a.isLeader() ? a : b.isLeader() ? b : undefined));
    const standby = leader === a ? b : a;
    expect(standby.isLeader()).toBe(false);
    const lease = await api.client.resource<Lease>(leaseKind).get('kube-system', 'kube-scheduler');
    expect(lease.spec?.holderIdentity).toBe(leader === a ? 'sched-a' : 'sched-b');

    await api.pods.create(podManifest('first'), { namespace: NS });
    await boundNode(api, NS, 'first');
    expect(leader.metrics.scheduled).toBe(1);
    expect(standby.metrics.scheduled).toBe(0);

    await leader.stop();
    await eventually('the standby to lead', async () => (standby.isLeader() ? true : undefined), 10_000);
    await api.pods.create(podManifest('second'), { namespace: NS });
    await boundNode(api, NS, 'second');
    expect(standby.metrics.scheduled).toBe(1);
  });
});
