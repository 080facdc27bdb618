/**
 * The deployment controller's reconcile (upstream syncDeployment): claim the replica sets,
 * find or create the new one (revision annotations, pod-template-hash), then pause, scale or
 * roll out (RollingUpdate or Recreate) and report status and conditions.
 */
import { deployment as deploymentKind, type Deployment, type ReplicaSet } from '../../api/apps/v1/index.js';
import type { Pod } from '../../api/core/v1/index.js';
import type { Informer } from '../../client/index.js';
import { OWNER_UID_INDEX } from '../../client/index.js';
import { isAlreadyExists, newControllerRef, selectorFromLabelSelector, type Selector } from '../../machinery/index.js';
import type { Clock } from '../../util/index.js';
import { TerminalError, claimCandidates, claimObjects, recheckOwner, type Reconciler, type Request, type Result } from '../runtime/index.js';
import { REVISION_ANNOTATION, desiredReplicasAnnotation, maxRevision, setNewReplicaSetAnnotations } from './annotations.js';
import { PROGRESSING, REASONS, getCondition, hasProgressDeadline, newCondition, setCondition } from './conditions.js';
import { maxSurge, newRSNewReplicas } from './replicas.js';
import { POD_TEMPLATE_HASH_LABEL, activeReplicaSets, computeHash, equalIgnoreHash, findNewReplicaSet, findOldReplicaSets, replicasOf, statusSum } from './replicasets.js';
import { rolloutRecreate, rolloutRolling, syncScaling, syncStatusOnly, type RolloutOps } from './rollout.js';
import type { SyncRun } from './scale.js';
import { compactStatus } from './status.js';
import type { DeploymentWrites } from './writes.js';

export interface DeploymentSyncDeps {
  deployments: Informer<Deployment>;
  replicaSets: Informer<ReplicaSet>;
  pods: Informer<Pod>;
  writes: DeploymentWrites;
  events: { event: SyncRun['event'] };
  clock: Clock;
}

export class DeploymentSync implements Reconciler {
  constructor(private readonly deps: DeploymentSyncDeps) {}

  async reconcile(req: Request): Promise<Result | void> {
    const cached = this.deps.deployments.store.getByName(req.namespace, req.name);
    if (!cached) return;
    const d = structuredClone(cached);
    const run: SyncRun = { w: this.deps.writes, event: (o, e) => this.deps.events.event(o, e), nowMs: this.deps.clock.now() };
    const ops = this.opsFor(d, run);
    const sel = d.spec.selector;
    if (sel && typeof sel === 'object' && !sel.matchLabels && !sel.matchExpressions?.length) {
      run.event(d, { type: 'Warning', reason: 'SelectingAll', message: 'This deployment is selecting all pods. A non-empty selector is required.' });
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) await ops.writeStatus({ ...d.status, observedGeneration: d.metadata.generation });
      return;
    }
    let selector: Selector;
    try {
      selector = selectorFromLabelSelector(sel);
    } catch (err) {
      throw new TerminalError(`invalid selector: ${(err as Error).message}`);
    }
    const rsList = await this.claim(d, selector);
    const stateful = this.withReplicaSets(ops, d, rsList);
    if (d.metadata.deletionTimestamp) return syncStatusOnly(stateful, d);
    await this.checkPausedConditions(stateful, d, run.nowMs);
    if (d.spec.paused) return syncScaling(stateful, d);
    if (await this.isScalingEvent(stateful, d)) return syncScaling(stateful, d);
    return d.spec.strategy?.type === 'Recreate' ? rolloutRecreate(stateful, d) : rolloutRolling(stateful, d);
  }

  /** The replica sets this deployment controls, adopting and releasing by selector. */
  private async claim(d: Deployment, selector: Selector): Promise<ReplicaSet[]> {
    const ns = d.metadata.namespace ?? '';
    const res = await claimObjects(claimCandidates(this.deps.replicaSets, ns, d.metadata.uid ?? ''), {
      owner: d,
      controllerRef: newControllerRef(d, deploymentKind),
      selector,
      patch: (rs, body) => this.deps.writes.patchReplicaSet(ns, rs.metadata.name ?? '', body),
      canAdopt: recheckOwner(() => this.deps.writes.getDeployment(ns, d.metadata.name ?? ''), d),
    });
    if (res.errors.length) throw res.errors[0];
    return res.claimed.map((rs) => structuredClone(rs));
  }

  private opsFor(d: Deployment, run: SyncRun): RolloutOps {
    return {
      run,
      replicaSets: () => Promise.reject(new Error('replica sets not claimed yet')),
      writeStatus: async (status) => {
        const stored = await run.w.updateDeploymentStatus({ ...d, status: compactStatus(status) });
        d.metadata.resourceVersion = stored.metadata.resourceVersion;
        d.status = stored.status ?? status;
      },
      oldPodsRunning: (newRS, oldRSs) => this.oldPodsRunning(newRS, oldRSs),
    };
  }

  /** `ops` whose replicaSets() reads (and keeps current) this sync's claimed list. */
  private withReplicaSets(ops: RolloutOps, d: Deployment, rsList: ReplicaSet[]): RolloutOps {
    return {
      ...ops,
      replicaSets: async (create) => {
        const oldRSs = findOldReplicaSets(d, rsList);
        const newRS = await this.newReplicaSet(ops, d, rsList, oldRSs, create);
        if (newRS) {
          const i = rsList.findIndex((rs) => rs.metadata.uid === newRS.metadata.uid);
          if (i >= 0) rsList[i] = newRS;
          else rsList.push(newRS);
        }
        return { newRS, oldRSs: findOldReplicaSets(d, rsList) };
      },
    };
  }

  /** Upstream getNewReplicaSet: sync the existing new replica set's annotations, or create it. */
  private async newReplicaSet(ops: RolloutOps, d: Deployment, rsList: ReplicaSet[], oldRSs: ReplicaSet[], create: boolean): Promise<ReplicaSet | undefined> {
    const { run } = ops;
    const existing = findNewReplicaSet(d, rsList);
    const newRevision = maxRevision(oldRSs) + 1;
    if (existing) {
      const copy = structuredClone(existing);
      const annotated = setNewReplicaSetAnnotations(d, copy, newRevision, { exists: true, maxSurge: maxSurge(d) });
      if (annotated || (copy.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0)) {
        // A merge patch (no resourceVersion): the replica set's own status writes must not make it fail.
        const body = { metadata: { annotations: copy.metadata.annotations }, spec: { minReadySeconds: d.spec.minReadySeconds ?? 0 } };
        return run.w.patchReplicaSet(copy.metadata.namespace ?? '', copy.metadata.name ?? '', body);
      }
      await this.syncRevision(run, d, copy.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
      if (hasProgressDeadline(d) && !getCondition(d.status, PROGRESSING)) {
        const status = structuredClone(d.status ?? {});
        setCondition(status, newCondition(PROGRESSING, 'True', REASONS.foundNewRS, `Found new replica set "${copy.metadata.name}"`, run.nowMs));
        await ops.writeStatus(status);
      }
      return copy;
    }
    if (!create) return undefined;
    const rs = this.newReplicaSetObject(d);
    rs.spec.replicas = newRSNewReplicas(d, [...oldRSs, rs], rs);
    setNewReplicaSetAnnotations(d, rs, newRevision, { exists: false, maxSurge: maxSurge(d) });
    let created: ReplicaSet;
    let alreadyExisted = false;
    try {
      created = await run.w.createReplicaSet(rs);
    } catch (err) {
      if (!isAlreadyExists(err)) return this.createFailed(ops, d, rs, err);
      // The cache may not show it yet (e.g. our own earlier create whose answer was lost): read it.
      const found = this.deps.replicaSets.store.getByName(rs.metadata.namespace, rs.metadata.name ?? '') ?? (await run.w.getReplicaSet(rs.metadata.namespace ?? '', rs.metadata.name ?? ''));
      const ref = found?.metadata.ownerReferences?.find((r) => r.controller === true);
      if (!found || ref?.uid !== d.metadata.uid || !equalIgnoreHash(d.spec.template, found.spec.template)) {
        // A hash collision: another template has this name. Bump collisionCount and retry.
        await ops.writeStatus({ ...d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 });
        throw err;
      }
      created = structuredClone(found);
      alreadyExisted = true;
    }
    if (!alreadyExisted && replicasOf(created) > 0) {
      run.event(d, { type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled up replica set ${created.metadata.name} to ${replicasOf(created)}` });
    }
    await this.syncRevision(run, d, String(newRevision));
    if (!alreadyExisted && hasProgressDeadline(d)) {
      const status = structuredClone(d.status ?? {});
      setCondition(status, newCondition(PROGRESSING, 'True', REASONS.newReplicaSet, `Created new replica set "${created.metadata.name}"`, run.nowMs));
      await ops.writeStatus(status);
    }
    return created;
  }

  private newReplicaSetObject(d: Deployment): ReplicaSet {
    const hash = computeHash(d.spec.template, d.status?.collisionCount);
    const template = structuredClone(d.spec.template ?? {});
    template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash } };
    const selector = structuredClone(d.spec.selector);
    selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        ownerReferences: [newControllerRef(d, deploymentKind)],
        labels: { ...template.metadata.labels },
      },
      spec: { replicas: 0, selector, template },
    };
    if (d.spec.minReadySeconds) rs.spec.minReadySeconds = d.spec.minReadySeconds;
    return rs;
  }

  private async createFailed(ops: RolloutOps, d: Deployment, rs: ReplicaSet, err: unknown): Promise<never> {
    const msg = `Failed to create new replica set "${rs.metadata.name}": ${(err as Error)?.message ?? String(err)}`;
    if (!/because it is being terminated/.test((err as Error)?.message ?? '')) {
      if (hasProgressDeadline(d)) {
        const status = structuredClone(d.status ?? {});
        setCondition(status, newCondition(PROGRESSING, 'False', REASONS.failedRSCreate, msg, ops.run.nowMs));
        await ops.writeStatus(status).catch(() => {});
      }
      ops.run.event(d, { type: 'Warning', reason: REASONS.failedRSCreate, message: msg });
    }
    throw err;
  }

  /** Sets the deployment's revision annotation (a metadata patch: /status writes keep metadata). */
  private async syncRevision(run: SyncRun, d: Deployment, revision: string): Promise<void> {
    if (!revision || d.metadata.annotations?.[REVISION_ANNOTATION] === revision) return;
    const stored = await run.w.patchDeployment(d.metadata.namespace ?? '', d.metadata.name ?? '', { metadata: { annotations: { [REVISION_ANNOTATION]: revision } } });
    d.metadata.annotations = { ...d.metadata.annotations, [REVISION_ANNOTATION]: revision };
    d.metadata.resourceVersion = stored.metadata.resourceVersion;
  }

  /** Paused and resumed deployments get an Unknown Progressing condition, so resuming does not time out. */
  private async checkPausedConditions(ops: RolloutOps, d: Deployment, nowMs: number): Promise<void> {
    if (!hasProgressDeadline(d)) return;
    const cond = getCondition(d.status, PROGRESSING);
    if (cond?.reason === REASONS.timedOut) return;
    const pausedCond = cond?.reason === REASONS.paused;
    const status = structuredClone(d.status ?? {});
    if (d.spec.paused && !pausedCond) setCondition(status, newCondition(PROGRESSING, 'Unknown', REASONS.paused, 'Deployment is paused', nowMs));
    else if (!d.spec.paused && pausedCond) setCondition(status, newCondition(PROGRESSING, 'Unknown', REASONS.resumed, 'Deployment is resumed', nowMs));
    else return;
    await ops.writeStatus(status);
  }

  /** An active replica set whose desired-replicas annotation differs from spec.replicas. */
  private async isScalingEvent(ops: RolloutOps, d: Deployment): Promise<boolean> {
    const { newRS, oldRSs } = await ops.replicaSets(false);
    return activeReplicaSets([...oldRSs, newRS]).some((rs) => {
      const desired = desiredReplicasAnnotation(rs);
      return desired !== undefined && desired !== replicasOf(d);
    });
  }

  /** Old replica sets still have pods that are not finished (Recreate waits for them). */
  private oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): boolean {
    if (statusSum(oldRSs, 'replicas') > 0) return true;
    for (const rs of oldRSs) {
      if (newRS && rs.metadata.uid === newRS.metadata.uid) continue;
      for (const p of this.deps.pods.store.byIndex(OWNER_UID_INDEX, rs.metadata.uid ?? '')) {
        const phase = p.status?.phase;
        if (phase !== 'Succeeded' && phase !== 'Failed') return true;
      }
    }
    return false;
  }
}
