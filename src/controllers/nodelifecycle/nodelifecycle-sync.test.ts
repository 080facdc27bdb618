import { beforeEach, describe, expect, it } from 'vitest';
import { lease as leaseKind, type Lease } from '../../api/coordination/v1/index.js';
import { node as nodeKind, pod as podKind, type Node, type Pod, type Toleration } from '../../api/core/v1/index.js';
import { FakeApi } from '../../../test/controllers/b-fake-api.js';
import { decideEviction, minTolerationMs } from './eviction.js';
import { evaluateHealth } from './health.js';
import { NodeLifecycleReconciler } from './nodelifecycle-sync.js';
import { reconcileTaints } from './taints.js';

let api: FakeApi;
let r: NodeLifecycleReconciler;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

beforeEach(() => {
  api = new FakeApi();
  r = new NodeLifecycleReconciler({
    nodes: api.store<Node>(nodeKind),
    leases: api.store<Lease>(leaseKind),
    pods: api.store<Pod>(podKind),
    nodeClient: api.writer<Node>(nodeKind),
    podClient: api.writer<Pod>(podKind),
    events: api.recorder,
    clock: api.clock,
    monitorGraceMs: 40_000,
    startupGraceMs: 60_000,
  });
});

function readyNode(name: string): Node {
  const t = iso(api.clock.now());
  return api.seed<Node>(nodeKind, {
    metadata: { name },
    spec: {},
    status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: t, lastTransitionTime: t }] },
  });
}

function renewLease(name: string): void {
  api.seed<Lease>(leaseKind, { metadata: { name, namespace: 'kube-node-lease' }, spec: { holderIdentity: name, renewTime: new Date(api.clock.now()).toISOString() } });
}

function podOn(name: string, nodeName: string, tolerations: Toleration[] = []): Pod {
  return api.seed<Pod>(podKind, {
    metadata: { name, namespace: 'ns' },
    spec: { nodeName, containers: [{ name: 'c', image: 'i' }], tolerations },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  });
}

const node = (name: string) => api.store<Node>(nodeKind).getByName(undefined, name)!;
const ready = (n: Node) => n.status?.conditions?.find((c) => c.type === 'Ready');
const sync = (name: string) => r.reconcile({ namespace: '', name });
const taintKeys = (n: Node) => (n.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`).sort();

describe('NodeLifecycleReconciler', () => {
  it('keeps a node whose Lease renews, and checks again when the grace period would end', async () => {
    readyNode('n1');
    renewLease('n1');
    const res = await sync('n1');
    expect(res?.requeueAfterMs).toBe(40_001);
    api.clock.advance(30_000);
    renewLease('n1');
    await sync('n1');
    api.clock.advance(30_000);
    await sync('n1');
    expect(ready(node('n1'))?.status).toBe('True');
    expect(node('n1').spec?.taints ?? []).toEqual([]);
  });

  it('marks a silent node Unknown, taints it, and evicts pods after their tolerationSeconds', async () => {
    readyNode('n1');
    renewLease('n1');
    podOn('plain', 'n1');
    podOn('patient', 'n1', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]);
    podOn('daemon', 'n1', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }]);
    await sync('n1');
    api.clock.advance(41_000);
    const res = await sync('n1');
    const cond = ready(node('n1'))!;
    expect(cond).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(node('n1').status?.conditions?.find((c) => c.type === 'MemoryPressure')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusNeverUpdated' });
    expect(taintKeys(node('n1'))).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
    expect(node('n1').spec?.taints?.find((t) => t.effect === 'NoExecute')?.timeAdded).toBeDefined();
    const pods = api.store<Pod>(podKind);
    expect(pods.getByName('ns', 'plain')).toBeUndefined();
    expect(pods.getByName('ns', 'patient')?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    expect(api.events.map((e) => e.reason)).toEqual(expect.arrayContaining(['NodeNotReady', 'TaintManagerEviction']));
    expect(res?.requeueAfterMs).toBe(300_000);
    api.clock.advance(300_000);
    await sync('n1');
    expect(pods.getByName('ns', 'patient')).toBeUndefined();
    expect(pods.getByName('ns', 'daemon')).toBeDefined();
  });

  it('lifts the taints when the kubelet comes back, and cancels pending evictions', async () => {
    readyNode('n1');
    renewLease('n1');
    podOn('patient', 'n1', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]);
    await sync('n1');
    api.clock.advance(41_000);
    await sync('n1');
    const t = iso(api.clock.now());
    const n = node('n1');
    api.seed<Node>(nodeKind, { ...n, status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: t, lastTransitionTime: t }] } });
    renewLease('n1');
    await sync('n1');
    expect(node('n1').spec?.taints).toEqual([]);
    expect(api.events.some((e) => e.message === 'Cancelling deletion of Pod ns/patient')).toBe(true);
  });

  it('mirrors NotReady, pressure and cordon as NoSchedule taints', async () => {
    const t = iso(api.clock.now());
    api.seed<Node>(nodeKind, {
      metadata: { name: 'n2' },
      spec: { unschedulable: true, taints: [{ key: 'user', value: 'x', effect: 'NoSchedule' }] },
      status: {
        conditions: [
          { type: 'Ready', status: 'False', lastHeartbeatTime: t, lastTransitionTime: t },
          { type: 'DiskPressure', status: 'True', lastHeartbeatTime: t, lastTransitionTime: t },
        ],
      },
    });
    await sync('n2');
    expect(taintKeys(node('n2'))).toEqual([
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/not-ready:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
      'user:NoSchedule',
    ]);
  });
});

describe('health, taints and eviction (pure)', () => {
  it('gives a node that never posted status the startup grace period', () => {
    const created = Date.parse('2024-01-01T00:00:00Z');
    const n: Node = { metadata: { name: 'x', creationTimestamp: '2024-01-01T00:00:00Z' }, spec: {}, status: {} };
    expect(evaluateHealth(n, { now: created + 59_000, monitorGraceMs: 40_000, startupGraceMs: 60_000 }).updatedNode).toBeUndefined();
    const late = evaluateHealth(n, { now: created + 61_000, monitorGraceMs: 40_000, startupGraceMs: 60_000 });
    expect(late.currentReady).toMatchObject({ status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.' });
  });

  it('leaves taints alone when nothing changes', () => {
    const n: Node = { metadata: { name: 'x' }, spec: { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: 'then' }] }, status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } };
    const next = reconcileTaints(n, 'Unknown', 0)!;
    expect(next.find((t) => t.effect === 'NoExecute')?.timeAdded).toBe('then');
    expect(reconcileTaints({ ...n, spec: { taints: next } }, 'Unknown', 0)).toBeUndefined();
  });

  it('decides evictions as the taint manager', () => {
    const taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' as const };
    const pod = (tolerations: Toleration[]): Pod => ({ metadata: { name: 'p' }, spec: { containers: [], tolerations } });
    expect(decideEviction(pod([]), [taint], { now: 0 })).toEqual({ kind: 'now' });
    expect(decideEviction(pod([{ operator: 'Exists' }]), [taint], { now: 0 })).toEqual({ kind: 'none' });
    expect(decideEviction(pod([{ key: taint.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }]), [taint], { now: 5, since: 0 })).toEqual({ kind: 'later', at: 10_000, since: 0 });
    expect(decideEviction(pod([]), [], { now: 0, since: 0 })).toEqual({ kind: 'cancel' });
    expect(minTolerationMs([{ tolerationSeconds: 30 }, { tolerationSeconds: 10 }])).toBe(10_000);
    expect(minTolerationMs([{ tolerationSeconds: 0 }])).toBe(0);
  });
});
