/**
 * NodeLifecycleReconciler, per node: judges health from the Lease and the Ready heartbeat,
 * marks a silent node's conditions Unknown, keeps the controller's taints (NoSchedule from
 * conditions and cordon, not-ready/unreachable NoExecute), marks the pods of a node that just
 * went silent not Ready, and evicts pods that do not tolerate the NoExecute taints (after
 * their tolerationSeconds).
 */
import type { Lease } from '../../api/coordination/v1/index.js';
import type { Node, Pod } from '../../api/core/v1/index.js';
import { NODE_NAME_INDEX, objectKey, type ReadonlyStore, type ResourceClient, type EventRecorder } from '../../client/index.js';
import { isNotFound } from '../../machinery/index.js';
import type { Clock } from '../../util/index.js';
import { rfc3339, type Reconciler, type Request, type Result } from '../runtime/index.js';
import { decideEviction } from './eviction.js';
import { DEFAULT_NODE_MONITOR_GRACE_MS, DEFAULT_NODE_STARTUP_GRACE_MS, evaluateHealth, type NodeHealthRecord } from './health.js';
import { reconcileTaints } from './taints.js';

/** The namespace of the kubelets' heartbeat Leases. */
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

export interface NodeLifecycleDeps {
  nodes: ReadonlyStore<Node>;
  leases: ReadonlyStore<Lease>;
  pods: ReadonlyStore<Pod>;
  nodeClient: Pick<ResourceClient<Node>, 'updateStatus' | 'patch'>;
  podClient: Pick<ResourceClient<Pod>, 'patch' | 'delete'>;
  events: Pick<EventRecorder, 'event'>;
  clock: Clock;
  /** Default 40 s. */
  monitorGraceMs?: number;
  /** Grace for a node whose kubelet never posted status (default 60 s). */
  startupGraceMs?: number;
}

export class NodeLifecycleReconciler implements Reconciler {
  private readonly health = new Map<string, NodeHealthRecord>();
  /** Pending evictions: pod key → when first planned (ms). */
  private readonly evictions = new Map<string, number>();

  constructor(private readonly deps: NodeLifecycleDeps) {}

  async reconcile(req: Request): Promise<Result | void> {
    const cached = this.deps.nodes.getByName(undefined, req.name);
    if (!cached) {
      this.health.delete(req.name);
      return;
    }
    const now = this.deps.clock.now();
    const result = evaluateHealth(cached, {
      lease: this.deps.leases.getByName(NODE_LEASE_NAMESPACE, req.name),
      saved: this.health.get(req.name),
      now,
      monitorGraceMs: this.deps.monitorGraceMs ?? DEFAULT_NODE_MONITOR_GRACE_MS,
      startupGraceMs: this.deps.startupGraceMs ?? DEFAULT_NODE_STARTUP_GRACE_MS,
    });
    let node = cached;
    if (result.updatedNode) {
      node = await this.deps.nodeClient.updateStatus(result.updatedNode);
    }
    this.health.set(req.name, result.record);
    const pods = this.deps.pods.byIndex(NODE_NAME_INDEX, req.name);
    if (result.currentReady.status !== 'True' && result.observedReady.status === 'True') {
      this.deps.events.event(node, { type: 'Normal', reason: 'NodeNotReady', message: `Node ${req.name} status is now: NodeNotReady` });
      await this.markPodsNotReady(pods, now);
    }
    const taints = reconcileTaints(node, result.currentReady.status, now);
    if (taints) {
      node = await this.deps.nodeClient.patch(undefined, req.name, { type: 'merge', body: { metadata: { resourceVersion: node.metadata.resourceVersion }, spec: { taints } } });
    }
    const evictAt = await this.evictPods(node, pods, now);
    const waits = [result.expiresInMs, evictAt !== undefined ? evictAt - now : undefined].filter((x): x is number => x !== undefined && x >= 0);
    return waits.length ? { requeueAfterMs: Math.min(...waits) } : undefined;
  }

  /** upstream MarkPodsNotReady: the Ready condition of each pod on the node goes False. */
  private async markPodsNotReady(pods: Pod[], now: number): Promise<void> {
    for (const pod of pods) {
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      try {
        await this.deps.podClient.patch(pod.metadata.namespace, pod.metadata.name ?? '', {
          type: 'strategic',
          subresource: 'status',
          body: { status: { conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: rfc3339(now) }] } },
        });
        this.deps.events.event(pod, { type: 'Warning', reason: 'NodeNotReady', message: 'Node is not ready' });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
  }

  /** Evicts what is due; answers the next eviction time (ms), if any. */
  private async evictPods(node: Node, pods: Pod[], now: number): Promise<number | undefined> {
    const taints = node.spec?.taints ?? [];
    let next: number | undefined;
    for (const pod of pods) {
      const key = objectKey(pod);
      if (pod.metadata.deletionTimestamp) {
        this.evictions.delete(key);
        continue;
      }
      const d = decideEviction(pod, taints, { since: this.evictions.get(key), now });
      if (d.kind === 'cancel') {
        this.evictions.delete(key);
        this.deps.events.event(pod, { type: 'Normal', reason: 'TaintManagerEviction', message: `Cancelling deletion of Pod ${key}` });
      } else if (d.kind === 'later') {
        this.evictions.set(key, d.since);
        next = Math.min(next ?? Infinity, d.at);
      } else if (d.kind === 'now') {
        await this.evict(pod, now);
        this.evictions.delete(key);
      }
    }
    return next;
  }

  /** Adds the DisruptionTarget condition, then deletes the pod (upstream addConditionAndDeletePod). */
  private async evict(pod: Pod, now: number): Promise<void> {
    const ns = pod.metadata.namespace;
    const name = pod.metadata.name ?? '';
    this.deps.events.event(pod, { type: 'Normal', reason: 'TaintManagerEviction', message: `Marking for deletion Pod ${ns}/${name}` });
    try {
      await this.deps.podClient.patch(ns, name, {
        type: 'strategic',
        subresource: 'status',
        body: {
          status: {
            conditions: [
              { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastTransitionTime: rfc3339(now) },
            ],
          },
        },
      });
      await this.deps.podClient.delete(ns, name, { preconditions: { uid: pod.metadata.uid } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
