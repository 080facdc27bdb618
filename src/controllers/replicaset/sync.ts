/**
 * The replica controller's reconcile (upstream syncReplicaSet): claim the pods, create or delete
 * pods toward spec.replicas when the expectations of the last round were met, and write the
 * status. Shared by ReplicaSet and ReplicationController through a ReplicatedKind.
 */
import type { Pod } from '../../api/core/v1/index.js';
import type { ResourceClient, Informer } from '../../client/index.js';
import { OWNER_UID_INDEX } from '../../client/index.js';
import { newControllerRef, type Selector } from '../../machinery/index.js';
import type { Clock } from '../../util/index.js';
import {
  TerminalError,
  claimCandidates,
  claimObjects,
  isPodActive,
  isPodAvailable,
  isPodReady,
  podKey,
  recheckOwner,
  requestKey,
  slowStartBatch,
  type Expectations,
  type PodControl,
  type Reconciler,
  type Request,
  type Result,
} from '../runtime/index.js';
import { desiredReplicas, type Replicated, type ReplicatedKind } from './adapter.js';
import { podsToDelete } from './rank.js';
import { calculateStatus, statusChanged } from './status.js';

/** Upstream BurstReplicas: at most this many creates or deletes per sync. */
export const BURST_REPLICAS = 500;

export interface ReplicaSyncDeps {
  adapter: ReplicatedKind;
  owners: Informer<Replicated>;
  pods: Informer<Pod>;
  /** The API client of the owner kind (status writes, the adoption re-check). */
  client: Pick<ResourceClient<Replicated>, 'get' | 'patch'>;
  podControl: PodControl;
  expectations: Expectations;
  clock: Clock;
  burstReplicas?: number;
}

interface ManageError {
  scalingUp: boolean;
  message: string;
  err: unknown;
}

export class ReplicaSync implements Reconciler {
  constructor(private readonly d: ReplicaSyncDeps) {}

  async reconcile(req: Request): Promise<Result | void> {
    const d = this.d;
    const key = requestKey(req);
    const rs = d.owners.store.getByName(req.namespace, req.name);
    if (!rs) {
      d.expectations.delete(key);
      return;
    }
    let selector: Selector;
    try {
      selector = d.adapter.selector(rs);
    } catch (err) {
      throw new TerminalError(`invalid pod selector: ${(err as Error).message}`);
    }
    const needsSync = d.expectations.satisfied(key);
    const kind = d.adapter.kind;
    const controllerRef = newControllerRef(rs, kind);
    const candidates = claimCandidates(d.pods, req.namespace, rs.metadata.uid ?? '').filter(isPodActive);
    const claim = await claimObjects(candidates, {
      owner: rs,
      controllerRef,
      selector,
      patch: (p, body) => d.podControl.patchPod(req.namespace, p.metadata.name ?? '', { body }),
      canAdopt: recheckOwner(() => d.client.get(req.namespace, req.name), rs),
    });
    if (claim.errors.length) throw claim.errors[0];
    const pods = claim.claimed;
    let manageError: ManageError | undefined;
    if (needsSync && !rs.metadata.deletionTimestamp) manageError = await this.manage(rs, pods, key);
    const nowMs = d.clock.now();
    const status = calculateStatus(rs, pods, { nowMs, manageError });
    // A merge patch of /status: only this controller writes it, and a spec change made meanwhile
    // (a deployment scaling) must not make the status write fail.
    if (statusChanged(rs, status)) await d.client.patch(req.namespace, req.name, { type: 'merge', subresource: 'status', body: { status: { ...status, conditions: status.conditions ?? null } } });
    if (manageError) throw manageError.err;
    return nextAvailabilityCheck(rs, pods, nowMs);
  }

  private async manage(rs: Replicated, pods: Pod[], key: string): Promise<ManageError | undefined> {
    const d = this.d;
    const burst = d.burstReplicas ?? BURST_REPLICAS;
    const ns = rs.metadata.namespace ?? '';
    const diff = pods.length - desiredReplicas(rs);
    if (diff < 0) {
      const n = Math.min(-diff, burst);
      const template = rs.spec.template;
      if (!template) return { scalingUp: true, message: 'the pod template is missing', err: new TerminalError('the pod template is missing') };
      d.expectations.expectCreations(key, n);
      const controllerRef = newControllerRef(rs, d.adapter.kind);
      const { successes, error } = await slowStartBatch(n, async () => {
        try {
          await d.podControl.createPod(ns, template, { owner: rs, controllerRef });
        } catch (err) {
          if (isNamespaceTerminating(err)) return; // the namespace is going away: nothing to do
          throw err;
        }
      });
      for (let i = successes; i < n; i++) d.expectations.creationObserved(key);
      return error === undefined ? undefined : { scalingUp: true, message: (error as Error)?.message ?? String(error), err: error };
    }
    if (diff > 0) {
      const n = Math.min(diff, burst);
      const victims = podsToDelete(pods, this.relatedPods(rs), n, d.clock.now());
      d.expectations.expectDeletions(key, victims.map(podKey));
      const results = await Promise.allSettled(victims.map((p) => d.podControl.deletePod(ns, p.metadata.name ?? '', { owner: rs })));
      let first: unknown;
      results.forEach((r, i) => {
        if (r.status === 'rejected') {
          d.expectations.deletionObserved(key, podKey(victims[i]!));
          first ??= r.reason;
        }
      });
      return first === undefined ? undefined : { scalingUp: false, message: (first as Error)?.message ?? String(first), err: first };
    }
    return undefined;
  }

  /** Active pods of every replica set with the same controller owner (a Deployment's). */
  private relatedPods(rs: Replicated): Pod[] {
    const owner = rs.metadata.ownerReferences?.find((r) => r.controller === true);
    const siblings = owner ? this.d.owners.store.byIndex(OWNER_UID_INDEX, owner.uid) : [rs];
    return siblings.flatMap((s) => this.d.pods.store.byIndex(OWNER_UID_INDEX, s.metadata.uid ?? '')).filter(isPodActive);
  }
}

function isNamespaceTerminating(err: unknown): boolean {
  const e = err as { code?: number; status?: { details?: { causes?: { reason?: string }[] } }; message?: string };
  return e?.code === 403 && /because it is being terminated/.test(e.message ?? '');
}

/** When a ready pod becomes available (minReadySeconds), look again then. */
function nextAvailabilityCheck(rs: Replicated, pods: Pod[], nowMs: number): Result | void {
  const minReady = rs.spec.minReadySeconds ?? 0;
  if (!minReady) return;
  let soonest = Infinity;
  for (const p of pods) {
    if (!isPodReady(p) || isPodAvailable(p, minReady, nowMs)) continue;
    const since = Date.parse(p.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime ?? '');
    const at = Number.isFinite(since) ? since + minReady * 1000 : nowMs + minReady * 1000;
    soonest = Math.min(soonest, at);
  }
  if (soonest === Infinity) return;
  return { requeueAfterMs: Math.max(0, soonest - nowMs) + 10 };
}
