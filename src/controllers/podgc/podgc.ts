/**
 * PodGC (upstream pkg/controller/podgc): every period it
 *   - deletes the oldest terminated pods beyond --terminated-pod-gc-threshold (evicted first);
 *   - deletes pods bound to nodes that no longer exist, once the node has been missing for the
 *     quarantine time and a live read confirms it (the pod is marked Failed with a
 *     DisruptionTarget condition first);
 *   - force-deletes terminating pods that were never scheduled, and terminating pods on nodes
 *     that are out of service (not ready and tainted node.kubernetes.io/out-of-service).
 */
import { node as nodeKind, pod as podKind, type Node, type Pod } from '../../api/core/v1/index.js';
import type { ReadonlyStore, ResourceClient } from '../../client/index.js';
import { isNotFound } from '../../machinery/index.js';
import type { Clock } from '../../util/index.js';
import { defineController, rfc3339, type Reconciler, type Result } from '../runtime/index.js';

export const DEFAULT_TERMINATED_POD_THRESHOLD = 12_500;
export const DEFAULT_GC_PERIOD_MS = 20_000;
export const DEFAULT_QUARANTINE_MS = 40_000;
export const OUT_OF_SERVICE_TAINT = 'node.kubernetes.io/out-of-service';

/** Settings keys (ControllerSettings) of PodGC. */
export const PODGC_SETTINGS = {
  /** --terminated-pod-gc-threshold (default 12500; 0 or less: never collect terminated pods). */
  terminatedPodThreshold: 'terminatedPodGCThreshold',
  /** How often it runs, ms (default 20 s). */
  periodMs: 'podGCPeriodMs',
  /** How long a node must be missing before its pods go, ms (default 40 s). */
  quarantineMs: 'podGCQuarantineMs',
} as const;

export interface PodGCDeps {
  pods: ReadonlyStore<Pod>;
  nodes: ReadonlyStore<Node>;
  podClient: Pick<ResourceClient<Pod>, 'patch' | 'delete'>;
  nodeClient: Pick<ResourceClient<Node>, 'get'>;
  clock: Clock;
  terminatedPodThreshold?: number;
  periodMs?: number;
  quarantineMs?: number;
  log?: (line: string) => void;
}

const isTerminated = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/** Evicted pods first, then oldest first (upstream byEvictionAndCreationTimestamp). */
function byEvictionAndAge(a: Pod, b: Pod): number {
  const ea = a.status?.reason === 'Evicted' ? 0 : 1;
  const eb = b.status?.reason === 'Evicted' ? 0 : 1;
  if (ea !== eb) return ea - eb;
  return (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}

export class PodGCReconciler implements Reconciler {
  /** Node name → when its absence was first seen (ms). */
  private readonly missingSince = new Map<string, number>();

  constructor(private readonly deps: PodGCDeps) {}

  async reconcile(): Promise<Result> {
    const pods = this.deps.pods.list();
    await this.gcTerminated(pods);
    await this.gcOrphaned(pods);
    await this.gcUnscheduledTerminating(pods);
    await this.gcOutOfService(pods);
    return { requeueAfterMs: this.deps.periodMs ?? DEFAULT_GC_PERIOD_MS };
  }

  private async forceDelete(pod: Pod, opts?: { reason: string; message: string }): Promise<void> {
    try {
      if (opts && !isTerminated(pod)) {
        await this.deps.podClient.patch(pod.metadata.namespace, pod.metadata.name ?? '', {
          type: 'strategic',
          subresource: 'status',
          body: { status: { phase: 'Failed', conditions: [{ type: 'DisruptionTarget', status: 'True', reason: opts.reason, message: opts.message, lastTransitionTime: rfc3339(this.deps.clock.now()) }] } },
        });
      }
      await this.deps.podClient.delete(pod.metadata.namespace, pod.metadata.name ?? '', { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
    } catch (err) {
      if (!isNotFound(err)) this.deps.log?.(`podgc: deleting pod ${pod.metadata.namespace}/${pod.metadata.name}: ${(err as Error)?.message ?? String(err)}`);
    }
  }

  private async gcTerminated(pods: Pod[]): Promise<void> {
    const threshold = this.deps.terminatedPodThreshold ?? DEFAULT_TERMINATED_POD_THRESHOLD;
    if (threshold <= 0) return;
    const terminated = pods.filter((p) => isTerminated(p) && !p.metadata.deletionTimestamp);
    const excess = terminated.length - threshold;
    if (excess <= 0) return;
    terminated.sort(byEvictionAndAge);
    for (const p of terminated.slice(0, excess)) await this.forceDelete(p);
  }

  private async gcOrphaned(pods: Pod[]): Promise<void> {
    const now = this.deps.clock.now();
    const quarantine = this.deps.quarantineMs ?? DEFAULT_QUARANTINE_MS;
    const missing = new Set<string>();
    for (const p of pods) {
      const n = p.spec?.nodeName;
      if (n && !this.deps.nodes.getByName(undefined, n)) missing.add(n);
    }
    for (const n of [...this.missingSince.keys()]) if (!missing.has(n)) this.missingSince.delete(n);
    for (const n of missing) {
      const since = this.missingSince.get(n) ?? now;
      this.missingSince.set(n, since);
      if (now - since < quarantine) continue;
      try {
        await this.deps.nodeClient.get(undefined, n);
        this.missingSince.delete(n);
        continue; // the cache was behind: the node exists
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      for (const p of pods) {
        if (p.spec?.nodeName === n) await this.forceDelete(p, { reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' });
      }
      this.missingSince.delete(n);
    }
  }

  private async gcUnscheduledTerminating(pods: Pod[]): Promise<void> {
    for (const p of pods) if (p.metadata.deletionTimestamp && !p.spec?.nodeName) await this.forceDelete(p);
  }

  private async gcOutOfService(pods: Pod[]): Promise<void> {
    for (const p of pods) {
      if (!p.metadata.deletionTimestamp || !p.spec?.nodeName) continue;
      const node = this.deps.nodes.getByName(undefined, p.spec.nodeName);
      if (!node) continue;
      const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
      const outOfService = node.spec?.taints?.some((t) => t.key === OUT_OF_SERVICE_TAINT && t.effect === 'NoExecute');
      if (!ready && outOfService) await this.forceDelete(p, { reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' });
    }
  }
}

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** The single work item PodGC runs on. */
const PODGC_KEY = { namespace: '', name: 'podgc' };

export const podGCController = defineController({
  name: 'pod-garbage-collector-controller',
  aliases: ['podgc'],
  component: 'pod-garbage-collector',
  workers: 1,
  reconciler(ctx) {
    const pods = ctx.informers.informerFor<Pod>(podKind);
    const nodes = ctx.informers.informerFor<Node>(nodeKind);
    const r = new PodGCReconciler({
      pods: pods.store,
      nodes: nodes.store,
      podClient: ctx.client.resource<Pod>(podKind),
      nodeClient: ctx.client.resource<Node>(nodeKind),
      clock: ctx.clock,
      terminatedPodThreshold: num(ctx.settings[PODGC_SETTINGS.terminatedPodThreshold], DEFAULT_TERMINATED_POD_THRESHOLD),
      periodMs: num(ctx.settings[PODGC_SETTINGS.periodMs], DEFAULT_GC_PERIOD_MS),
      quarantineMs: num(ctx.settings[PODGC_SETTINGS.quarantineMs], DEFAULT_QUARANTINE_MS),
      log: ctx.log,
    });
    ctx.enqueue(PODGC_KEY);
    return r;
  },
});
