import { beforeEach, describe, expect, it } from 'vitest';
import { controllerRevision, daemonSet, type ControllerRevision, type DaemonSet, type DaemonSetSpec } from '../../api/apps/v1/index.js';
import { node as nodeKind, pod as podKind, type Node, type Pod, type Taint } from '../../api/core/v1/index.js';
import { FakeApi } from '../../../test/controllers/b-fake-api.js';
import { targetNodeName } from './daemon-pods.js';
import { DaemonSetReconciler } from './daemonset-sync.js';

let api: FakeApi;
let r: DaemonSetReconciler;

beforeEach(() => {
  api = new FakeApi();
  r = new DaemonSetReconciler({
    sets: api.store<DaemonSet>(daemonSet),
    pods: api.store<Pod>(podKind),
    nodes: api.store<Node>(nodeKind),
    revisions: api.store<ControllerRevision>(controllerRevision),
    dsClient: api.writer<DaemonSet>(daemonSet),
    podClient: api.writer<Pod>(podKind),
    revisionClient: api.writer<ControllerRevision>(controllerRevision),
    podControl: api.podControl(),
    events: api.recorder,
    clock: api.clock,
  });
  api.onChange<Pod>(podKind, (type, p) => r.observePod(type, p));
});

const addNode = (name: string, labels: Record<string, string> = {}, taints: Taint[] = []) => api.seed<Node>(nodeKind, { metadata: { name, labels }, spec: { taints } });

function makeDs(spec: Partial<DaemonSetSpec> = {}, image = 'agent:1'): DaemonSet {
  return api.seed<DaemonSet>(daemonSet, {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'ns', uid: 'ds-uid', generation: 1 },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'c', image }] } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      ...spec,
    },
  });
}

const ds = () => api.store<DaemonSet>(daemonSet).getByName('ns', 'agent')!;
const live = () =>
  api
    .store<Pod>(podKind)
    .list()
    .filter((p) => !p.metadata.deletionTimestamp);
const nodesWithPods = () => live().map((p) => targetNodeName(p)).sort();
const sync = () => r.reconcile({ namespace: 'ns', name: 'agent' });

/** Plays scheduler and kubelet: binds pods to their pinned node and makes them Ready. */
async function kubelet(): Promise<void> {
  for (const p of api.store<Pod>(podKind).list()) {
    if (p.status?.phase === 'Running') continue;
    await api.writer<Pod>(podKind).patch('ns', p.metadata.name!, {
      type: 'merge',
      body: { spec: { nodeName: targetNodeName(p) }, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: new Date(api.clock.now()).toISOString() }] } },
    });
  }
}

async function rounds(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await sync();
    await kubelet();
  }
}

function update(patch: Partial<DaemonSetSpec>): void {
  const d = ds();
  api.seed<DaemonSet>(daemonSet, { ...d, metadata: { ...d.metadata, generation: (d.metadata.generation ?? 1) + 1 }, spec: { ...d.spec, ...patch } });
}

describe('DaemonSetReconciler', () => {
  it('runs one pinned, tolerant pod per eligible node', async () => {
    addNode('n1');
    addNode('n2', {}, [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]);
    addNode('n3', {}, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]);
    makeDs();
    await sync();
    expect(nodesWithPods()).toEqual(['n1', 'n3']);
    const p = live()[0]!;
    const rev = api.store<ControllerRevision>(controllerRevision).list()[0]!;
    expect(p.metadata.labels).toEqual({ app: 'agent', 'pod-template-generation': '1', 'controller-revision-hash': rev.metadata.labels?.['controller-revision-hash'] });
    expect(rev.metadata.name).toBe(`agent-${rev.metadata.labels?.['controller-revision-hash']}`);
    expect(p.spec.nodeName).toBeUndefined();
    expect(p.spec.tolerations?.map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    await kubelet();
    await sync();
    expect(ds().status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 2, numberMisscheduled: 0, observedGeneration: 1 });
  });

  it('covers a node that joins later and leaves one that goes', async () => {
    addNode('n1');
    makeDs();
    await rounds(2);
    addNode('n2');
    await sync();
    expect(nodesWithPods()).toEqual(['n1', 'n2']);
    // A node that is deleted before its pod was scheduled: the pinned pod goes too.
    addNode('n3');
    await sync();
    api.store<Node>(nodeKind).delete('n3');
    await sync();
    expect(nodesWithPods()).toEqual(['n1', 'n2']);
  });

  it('removes pods from nodes that no longer match, and replaces failed pods', async () => {
    const n1 = addNode('n1', { role: 'edge' });
    addNode('n2', { role: 'edge' });
    makeDs({ template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'c', image: 'a' }], nodeSelector: { role: 'edge' } } } });
    await rounds(2);
    api.seed<Node>(nodeKind, { ...n1, metadata: { ...n1.metadata, labels: {} } });
    await rounds(2);
    expect(nodesWithPods()).toEqual(['n2']);
    const p = live()[0]!;
    await api.writer<Pod>(podKind).patch('ns', p.metadata.name!, { type: 'merge', body: { status: { phase: 'Failed' } } });
    await sync();
    expect(api.events.some((e) => e.reason === 'FailedDaemonPod')).toBe(true);
    await rounds(2);
    expect(live().filter((x) => x.status?.phase === 'Running')).toHaveLength(1);
  });

  it('rolls out a new template one node at a time with maxUnavailable 1', async () => {
    for (const n of ['n1', 'n2', 'n3']) addNode(n);
    makeDs();
    await rounds(2);
    update({ template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'c', image: 'agent:2' }] } } });
    await sync();
    expect(live()).toHaveLength(2);
    let maxDown = 0;
    for (let i = 0; i < 10; i++) {
      await sync();
      maxDown = Math.max(maxDown, 3 - live().filter((p) => p.status?.phase === 'Running').length);
      await kubelet();
    }
    expect(maxDown).toBeLessThanOrEqual(1);
    expect(live().map((p) => p.spec.containers[0]!.image)).toEqual(['agent:2', 'agent:2', 'agent:2']);
    expect(api.store<ControllerRevision>(controllerRevision).list().map((x) => x.revision).sort()).toEqual([1, 2]);
    expect(ds().status?.updatedNumberScheduled).toBe(3);
  });

  it('surges a new pod before removing the old one with maxSurge', async () => {
    addNode('n1');
    makeDs({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } });
    await rounds(2);
    update({ template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'c', image: 'agent:2' }] } } });
    await sync();
    expect(live()).toHaveLength(2);
    await kubelet();
    await sync();
    expect(live().map((p) => p.spec.containers[0]!.image)).toEqual(['agent:2']);
  });

  it('leaves old pods alone with OnDelete', async () => {
    addNode('n1');
    makeDs({ updateStrategy: { type: 'OnDelete' } });
    await rounds(2);
    update({ template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'c', image: 'agent:2' }] } } });
    await rounds(3);
    expect(live().map((p) => p.spec.containers[0]!.image)).toEqual(['agent:1']);
    expect(ds().status?.updatedNumberScheduled ?? 0).toBe(0);
  });
});
