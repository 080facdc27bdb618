/**
 * StatefulSetReconciler: upstream's StatefulSetController.sync. Claims the set's pods, works
 * out the current and update ControllerRevisions, runs the update algorithm, records the
 * status and trims the revision history.
 */
import type { ControllerRevision, StatefulSet, StatefulSetStatus } from '../../api/apps/v1/index.js';
import type { Pod } from '../../api/core/v1/index.js';
import { OWNER_UID_INDEX, type ReadonlyStore, type ResourceClient } from '../../client/index.js';
import { deepClone, deepEqual, selectorFromLabelSelector, type Selector } from '../../machinery/index.js';
import type { Clock } from '../../util/index.js';
import type { Reconciler, Request, Result } from '../runtime/index.js';
import { claimPods } from './claim-pods.js';
import {
  createRevision,
  equalRevisions,
  newRevision,
  nextRevisionNumber,
  renumberRevision,
  sortRevisions,
  templateFromRevision,
  templatePatch,
  truncateHistory,
  type RevisionClient,
} from './history.js';
import { STATEFULSET_GVK, parseOrdinal, podRevision } from './identity.js';
import type { StatefulPodControl } from './pod-control.js';
import { SetControl, type Revisions } from './set-control.js';

export interface StatefulSetDeps {
  sets: ReadonlyStore<StatefulSet>;
  pods: ReadonlyStore<Pod>;
  revisions: ReadonlyStore<ControllerRevision>;
  setClient: Pick<ResourceClient<StatefulSet>, 'get' | 'updateStatus'>;
  podClient: Pick<ResourceClient<Pod>, 'patch'>;
  revisionClient: RevisionClient;
  control: StatefulPodControl;
  clock: Clock;
}

/** The current and update revisions of a set, creating or renumbering the update revision as needed. */
export async function resolveRevisions(
  client: RevisionClient,
  set: StatefulSet,
  owned: ControllerRevision[],
): Promise<{ current: ControllerRevision; update: ControllerRevision; collisionCount: number }> {
  const revisions = sortRevisions(owned);
  let collisionCount = set.status?.collisionCount ?? 0;
  const candidate = newRevision(set, {
    gvk: STATEFULSET_GVK,
    templateLabels: set.spec.template?.metadata?.labels,
    annotations: set.metadata.annotations,
    data: templatePatch(set.spec.template),
    revision: nextRevisionNumber(revisions),
    collisionCount,
  });
  const equal = equalRevisions(revisions, candidate);
  let update: ControllerRevision;
  const latest = revisions[revisions.length - 1];
  if (equal.length > 0 && latest && equal[equal.length - 1]!.metadata.name === latest.metadata.name) {
    update = latest;
  } else if (equal.length > 0) {
    update = await renumberRevision(client, equal[equal.length - 1]!, candidate.revision);
  } else {
    const made = await createRevision(client, candidate, { owner: set, collisionCount });
    update = made.revision;
    collisionCount = made.collisionCount;
  }
  const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
  return { current, update, collisionCount };
}

function statusChanged(a: StatefulSetStatus | undefined, b: StatefulSetStatus): boolean {
  const pick = (s: StatefulSetStatus | undefined) => ({
    observedGeneration: s?.observedGeneration,
    replicas: s?.replicas ?? 0,
    readyReplicas: s?.readyReplicas ?? 0,
    currentReplicas: s?.currentReplicas ?? 0,
    updatedReplicas: s?.updatedReplicas ?? 0,
    availableReplicas: s?.availableReplicas ?? 0,
    currentRevision: s?.currentRevision ?? '',
    updateRevision: s?.updateRevision ?? '',
    collisionCount: s?.collisionCount ?? 0,
  });
  return !deepEqual(pick(a), pick(b));
}

export class StatefulSetReconciler implements Reconciler {
  private readonly setControl: SetControl;

  constructor(private readonly deps: StatefulSetDeps) {
    this.setControl = new SetControl(deps.control, () => deps.clock.now());
  }

  async reconcile(req: Request): Promise<Result | void> {
    const cached = this.deps.sets.getByName(req.namespace, req.name);
    if (!cached) return;
    const set = deepClone(cached);
    let selector: Selector;
    try {
      selector = selectorFromLabelSelector(set.spec.selector);
    } catch {
      return; // validation refuses such selectors; nothing sensible to do
    }
    const pods = await claimPods(this.deps, set, {
      gvk: STATEFULSET_GVK,
      selector,
      getOwner: () => this.deps.setClient.get(set.metadata.namespace, set.metadata.name ?? ''),
      adoptable: (p) => parseOrdinal(p.metadata.name).parent === set.metadata.name,
    });
    const owned = this.deps.revisions.byIndex(OWNER_UID_INDEX, set.metadata.uid ?? '');
    const { current, update, collisionCount } = await resolveRevisions(this.deps.revisionClient, set, owned);
    const rev: Revisions = {
      currentName: current.metadata.name ?? '',
      updateName: update.metadata.name ?? '',
      currentTemplate: templateFromRevision(current),
      updateTemplate: templateFromRevision(update),
    };
    const result = await this.setControl.update(set, pods, rev);
    const status = { ...result.status, collisionCount };
    if (statusChanged(cached.status, status)) {
      await this.deps.setClient.updateStatus({ ...set, status });
    }
    const keep = new Set([rev.currentName, rev.updateName, ...pods.map(podRevision)]);
    const latest = this.deps.revisions.byIndex(OWNER_UID_INDEX, set.metadata.uid ?? '');
    await truncateHistory(this.deps.revisionClient, latest, { keep, limit: set.spec.revisionHistoryLimit ?? 10 });
    return result.requeueAfterMs !== undefined ? { requeueAfterMs: result.requeueAfterMs } : undefined;
  }
}
