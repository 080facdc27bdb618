/**
 * DaemonSetReconciler: upstream's DaemonSetsController.syncDaemonSet. Builds the revision
 * history, claims pods, runs one pod per eligible node (manage), replaces old pods as the
 * RollingUpdate strategy allows, trims history and records the status counters.
 */
import type { ControllerRevision, DaemonSet, DaemonSetStatus } from '../../api/apps/v1/index.js';
import type { Node, Pod } from '../../api/core/v1/index.js';
import { OWNER_UID_INDEX, objectKey, type ReadonlyStore, type ResourceClient, type EventRecorder } from '../../client/index.js';
import { deepClone, deepEqual, newControllerRef, selectorFromLabelSelector, type Selector } from '../../machinery/index.js';
import type { Clock } from '../../util/index.js';
import { Expectations, type PodControl, type Reconciler, type Request, type Result } from '../runtime/index.js';
import { claimPods, isPodAvailable, isPodReady, type RevisionClient } from '../statefulset/index.js';
import { byCreationAndPhase, daemonPodTemplate, isPodUpdated, nodeShouldRunDaemonPod, pinToNode, targetNodeName } from './daemon-pods.js';
import { constructHistory, cleanupHistory } from './ds-history.js';
import { planManage, planRollingUpdate, type DaemonPlan } from './plan.js';

export const DAEMONSET_GVK = { group: 'apps', version: 'v1', kind: 'DaemonSet' };
/** Upstream's BurstReplicas: creations or deletions per sync at most. */
export const BURST_REPLICAS = 250;

export interface DaemonSetDeps {
  sets: ReadonlyStore<DaemonSet>;
  pods: ReadonlyStore<Pod>;
  nodes: ReadonlyStore<Node>;
  revisions: ReadonlyStore<ControllerRevision>;
  dsClient: Pick<ResourceClient<DaemonSet>, 'get' | 'updateStatus'>;
  podClient: Pick<ResourceClient<Pod>, 'patch'>;
  revisionClient: RevisionClient;
  podControl: PodControl;
  events: Pick<EventRecorder, 'event'>;
  clock: Clock;
}

/** Per-node backoff for replacing failed daemon pods (upstream failedPodsBackoff: 1 s doubling to 15 min). */
class FailedPodBackoff {
  private readonly entries = new Map<string, { delay: number; until: number }>();

  /** ms left to wait, or 0 (and the delay grows for next time). */
  next(key: string, now: number): number {
    const e = this.entries.get(key);
    if (e && now < e.until) return e.until - now;
    const delay = e ? Math.min(e.delay * 2, 15 * 60_000) : 1000;
    this.entries.set(key, { delay, until: now + delay });
    return 0;
  }
}

export class DaemonSetReconciler implements Reconciler {
  private readonly creations: Expectations;
  private readonly deletions: Expectations;
  private readonly failedBackoff = new FailedPodBackoff();

  constructor(private readonly deps: DaemonSetDeps) {
    this.creations = new Expectations({ clock: deps.clock });
    this.deletions = new Expectations({ clock: deps.clock });
  }

  /** Feeds expectations from pod events (wire to the pod informer). */
  observePod(event: 'add' | 'update' | 'delete', pod: Pod): void {
    const ref = pod.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'DaemonSet');
    if (!ref) return;
    const key = `${pod.metadata.namespace}/${ref.name}`;
    if (event === 'add') this.creations.creationObserved(key);
    // A graceful deletion counts as observed once the pod is marked (upstream updatePod).
    if (event === 'delete' || pod.metadata.deletionTimestamp) this.deletions.deletionObserved(key, objectKey(pod));
  }

  private satisfied(key: string): boolean {
    return this.creations.satisfied(key) && this.deletions.satisfied(key);
  }

  async reconcile(req: Request): Promise<Result | void> {
    const key = `${req.namespace}/${req.name}`;
    const cached = this.deps.sets.getByName(req.namespace, req.name);
    if (!cached) {
      this.creations.delete(key);
      this.deletions.delete(key);
      return;
    }
    const ds = deepClone(cached);
    const sel = ds.spec.selector;
    if (sel && !sel.matchLabels && !sel.matchExpressions?.length) {
      this.deps.events.event(ds, { type: 'Warning', reason: 'SelectingAll', message: 'This daemon set is selecting all pods. A non-empty selector is required.' });
      return;
    }
    if (ds.metadata.deletionTimestamp) return;
    let selector: Selector;
    try {
      selector = selectorFromLabelSelector(sel);
    } catch {
      return;
    }
    const nodes = this.deps.nodes.list();
    const history = await constructHistory(this.deps.revisionClient, ds, this.deps.revisions.byIndex(OWNER_UID_INDEX, ds.metadata.uid ?? ''));
    if (history.collisionCount !== (ds.status?.collisionCount ?? 0)) ds.status = { ...(ds.status ?? emptyStatus()), collisionCount: history.collisionCount };
    const hash = history.hash;
    const pods = await claimPods(this.deps, ds, { gvk: DAEMONSET_GVK, selector, getOwner: () => this.deps.dsClient.get(ds.metadata.namespace, ds.metadata.name ?? '') });
    const byNode = groupByNode(pods);
    if (!this.satisfied(key)) return this.updateStatus(ds, cached, { nodes, byNode, hash, observe: false });
    let requeueAfterMs: number | undefined;
    const now = this.deps.clock.now();
    const manage = planManage({ ds, nodes, podsByNode: byNode, hash, now });
    for (const f of manage.failedPods) {
      const wait = this.failedBackoff.next(`${key}/${f.node}`, now);
      if (wait > 0) {
        manage.deletePods = manage.deletePods.filter((p) => p !== f.pod);
        requeueAfterMs = Math.min(requeueAfterMs ?? Infinity, wait);
        continue;
      }
      this.deps.events.event(ds, { type: 'Warning', reason: 'FailedDaemonPod', message: `Found failed daemon pod ${ds.metadata.namespace}/${f.pod} on node ${f.node}, will try to kill it` });
    }
    let error = await this.syncNodes(ds, key, manage, hash, pods);
    if (!error && manage.deletePods.length === 0 && manage.createOnNodes.length === 0 && (ds.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
      error = await this.syncNodes(ds, key, planRollingUpdate({ ds, nodes, podsByNode: byNode, hash, now }), hash, pods);
    }
    await cleanupHistory(this.deps.revisionClient, { old: history.old, pods, limit: ds.spec.revisionHistoryLimit ?? 10 });
    const res = await this.updateStatus(ds, cached, { nodes, byNode, hash, observe: true });
    if (error) throw error;
    if (requeueAfterMs !== undefined) return { requeueAfterMs: Math.min(requeueAfterMs, res?.requeueAfterMs ?? Infinity) };
    return res;
  }

  /** Creates and deletes as planned (at most BURST_REPLICAS each), creations in slow-start batches. */
  private async syncNodes(ds: DaemonSet, key: string, plan: DaemonPlan, hash: string, pods: Pod[]): Promise<unknown> {
    const create = plan.createOnNodes.slice(0, BURST_REPLICAS);
    const byName = new Map(pods.map((p) => [p.metadata.name ?? '', p]));
    const remove = [...new Set(plan.deletePods)].slice(0, BURST_REPLICAS).map((n) => byName.get(n)).filter((p): p is Pod => p !== undefined);
    if (create.length === 0 && remove.length === 0) return undefined;
    this.creations.expectCreations(key, create.length);
    this.deletions.expectDeletions(key, remove.map(objectKey));
    const template = daemonPodTemplate(ds, hash);
    const ref = newControllerRef(ds, DAEMONSET_GVK);
    let error: unknown;
    let pos = 0;
    for (let batch = Math.min(1, create.length); pos < create.length; batch = Math.min(batch * 2, create.length - pos)) {
      const slice = create.slice(pos, pos + batch);
      pos += batch;
      let failed = false;
      await Promise.all(
        slice.map(async (node) => {
          const tpl = deepClone(template);
          tpl.spec!.affinity = pinToNode(tpl.spec!.affinity, node);
          try {
            await this.deps.podControl.createPod(ds.metadata.namespace ?? '', tpl, { owner: ds, controllerRef: ref, generateName: `${ds.metadata.name}-` });
          } catch (err) {
            this.creations.creationObserved(key);
            error ??= err;
            failed = true;
          }
        }),
      );
      if (failed) break;
    }
    for (let i = pos; i < create.length; i++) this.creations.creationObserved(key);
    await Promise.all(
      remove.map(async (p) => {
        try {
          await this.deps.podControl.deletePod(p.metadata.namespace ?? '', p.metadata.name ?? '', { owner: ds, uid: p.metadata.uid });
        } catch (err) {
          this.deletions.deletionObserved(key, objectKey(p));
          error ??= err;
        }
      }),
    );
    return error;
  }

  private async updateStatus(ds: DaemonSet, cached: DaemonSet, opts: { nodes: Node[]; byNode: Map<string, Pod[]>; hash: string; observe: boolean }): Promise<Result | void> {
    const status = computeStatus(ds, { ...opts, now: this.deps.clock.now() });
    if (opts.observe) status.observedGeneration = ds.metadata.generation;
    else status.observedGeneration = cached.status?.observedGeneration;
    if (!deepEqual(normalize(cached.status), normalize(status))) await this.deps.dsClient.updateStatus({ ...ds, status });
    const minReady = ds.spec.minReadySeconds ?? 0;
    if (minReady > 0 && status.numberReady !== status.numberAvailable) return { requeueAfterMs: minReady * 1000 };
    return undefined;
  }
}

function emptyStatus(): DaemonSetStatus {
  return { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
}

function normalize(s: DaemonSetStatus | undefined): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s ?? {})) if (v !== undefined && v !== 0 && k !== 'conditions') o[k] = v;
  return o;
}

/** Live pods by the node they are for (pods both deleted and terminal left out). */
export function groupByNode(pods: Pod[]): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const p of pods) {
    const terminal = p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
    if (p.metadata.deletionTimestamp && terminal) continue;
    const node = targetNodeName(p);
    if (!node) continue;
    const list = out.get(node) ?? [];
    list.push(p);
    out.set(node, list);
  }
  return out;
}

/** The status counters (upstream updateDaemonSetStatus). */
export function computeStatus(ds: DaemonSet, opts: { nodes: Node[]; byNode: Map<string, Pod[]>; hash: string; now: number }): DaemonSetStatus {
  const s: DaemonSetStatus = { ...emptyStatus(), updatedNumberScheduled: 0, numberAvailable: 0, numberUnavailable: 0 };
  if (ds.status?.collisionCount) s.collisionCount = ds.status.collisionCount;
  if (ds.status?.conditions) s.conditions = ds.status.conditions;
  for (const node of opts.nodes) {
    const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
    const pods = [...(opts.byNode.get(node.metadata.name ?? '') ?? [])];
    if (!shouldRun) {
      if (pods.length > 0) s.numberMisscheduled++;
      continue;
    }
    s.desiredNumberScheduled++;
    if (pods.length === 0) continue;
    s.currentNumberScheduled++;
    const pod = pods.sort(byCreationAndPhase)[0]!;
    if (isPodReady(pod)) {
      s.numberReady++;
      if (isPodAvailable(pod, ds.spec.minReadySeconds ?? 0, opts.now)) s.numberAvailable!++;
    }
    if (isPodUpdated(pod, opts.hash, ds.metadata.generation)) s.updatedNumberScheduled!++;
  }
  s.numberUnavailable = s.desiredNumberScheduled - s.numberAvailable!;
  return s;
}
