/**
 * StatefulPodControl (upstream stateful_pod_control.go): creates a pod after its claims,
 * deletes pods, repairs identity and storage, and keeps the claims' owner references as the
 * retention policy says. Records upstream's events ("create Pod web-0 in StatefulSet web
 * successful").
 */
import type { StatefulSet } from '../../api/apps/v1/index.js';
import type { PersistentVolumeClaim, Pod } from '../../api/core/v1/index.js';
import type { ReadonlyStore, ResourceClient, EventRecorder } from '../../client/index.js';
import { deepClone, isAlreadyExists, isNotFound } from '../../machinery/index.js';
import { claimOwnerRefs, claimsFor, parseOrdinal, retentionPolicy, sameOwners, updateIdentity, updateStorage } from './identity.js';

/** What the update algorithm does to pods and claims. */
export interface StatefulPodControl {
  createPod(set: StatefulSet, pod: Pod): Promise<void>;
  deletePod(set: StatefulSet, pod: Pod): Promise<void>;
  /** Repairs identity and storage of an existing pod and its claims' owner references. */
  updatePod(set: StatefulSet, pod: Pod): Promise<void>;
  /** With whenScaled Delete, a claim still owned by an older pod of this name blocks creation. */
  claimIsStale(set: StatefulSet, pod: Pod): boolean;
  /** The claims' owner references already follow the retention policy. */
  claimsMatchPolicy(set: StatefulSet, pod: Pod): boolean;
  /** Makes the claims' owner references follow the retention policy. */
  updateClaims(set: StatefulSet, pod: Pod): Promise<void>;
  /** Creates claims a pending pod is missing. */
  createMissingClaims(set: StatefulSet, pod: Pod): Promise<void>;
}

export interface StatefulPodControlDeps {
  pvcs: ReadonlyStore<PersistentVolumeClaim>;
  podClient: Pick<ResourceClient<Pod>, 'create' | 'delete' | 'update'>;
  pvcClient: Pick<ResourceClient<PersistentVolumeClaim>, 'create' | 'patch'>;
  events: Pick<EventRecorder, 'event'>;
}

function errText(err: unknown): string {
  return (err as Error)?.message ?? String(err);
}

export class RealStatefulPodControl implements StatefulPodControl {
  constructor(private readonly deps: StatefulPodControlDeps) {}

  private podEvent(verb: string, set: StatefulSet, pod: Pod, err?: unknown): void {
    const title = verb[0]!.toUpperCase() + verb.slice(1);
    if (err === undefined) {
      this.deps.events.event(set, { type: 'Normal', reason: `Successful${title}`, message: `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful` });
    } else {
      this.deps.events.event(set, { type: 'Warning', reason: `Failed${title}`, message: `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errText(err)}` });
    }
  }

  private claimEvent(set: StatefulSet, claim: PersistentVolumeClaim, pod: Pod, err?: unknown): void {
    if (err === undefined) {
      this.deps.events.event(set, { type: 'Normal', reason: 'SuccessfulCreate', message: `create Claim ${claim.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success` });
    } else {
      this.deps.events.event(set, { type: 'Warning', reason: 'FailedCreate', message: `create Claim ${claim.metadata.name} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errText(err)}` });
    }
  }

  /** Creates the pod's claims that do not exist yet; throws on a claim being deleted. */
  private async createClaims(set: StatefulSet, pod: Pod): Promise<void> {
    const { ordinal } = parseOrdinal(pod.metadata.name);
    for (const claim of claimsFor(set, ordinal).values()) {
      const existing = this.deps.pvcs.getByName(claim.metadata.namespace, claim.metadata.name ?? '');
      if (existing) {
        if (existing.metadata.deletionTimestamp) throw new Error(`pvc ${claim.metadata.name} is being deleted`);
        continue;
      }
      claim.metadata.ownerReferences = claimOwnerRefs(claim, set, { name: pod.metadata.name ?? '', uid: pod.metadata.uid, ordinal });
      if (claim.metadata.ownerReferences.length === 0) delete claim.metadata.ownerReferences;
      try {
        await this.deps.pvcClient.create(claim);
        this.claimEvent(set, claim, pod);
      } catch (err) {
        if (isAlreadyExists(err)) continue;
        this.claimEvent(set, claim, pod, err);
        throw err;
      }
    }
  }

  async createPod(set: StatefulSet, pod: Pod): Promise<void> {
    try {
      await this.createClaims(set, pod);
    } catch (err) {
      this.podEvent('create', set, pod, err);
      throw err;
    }
    let created: Pod;
    try {
      created = await this.deps.podClient.create(pod);
    } catch (err) {
      if (isAlreadyExists(err)) throw err;
      this.podEvent('create', set, pod, err);
      throw err;
    }
    this.podEvent('create', set, pod);
    if (retentionPolicy(set).whenScaled === 'Delete' || retentionPolicy(set).whenDeleted === 'Delete') await this.updateClaims(set, created);
  }

  async deletePod(set: StatefulSet, pod: Pod): Promise<void> {
    try {
      await this.deps.podClient.delete(pod.metadata.namespace, pod.metadata.name ?? '', { preconditions: { uid: pod.metadata.uid } });
    } catch (err) {
      if (isNotFound(err)) return;
      this.podEvent('delete', set, pod, err);
      throw err;
    }
    this.podEvent('delete', set, pod);
  }

  async updatePod(set: StatefulSet, pod: Pod): Promise<void> {
    const next = deepClone(pod);
    updateIdentity(set, next);
    updateStorage(set, next);
    try {
      await this.createClaims(set, next);
      await this.updateClaims(set, next);
      if (JSON.stringify(next) !== JSON.stringify(pod)) await this.deps.podClient.update(next);
    } catch (err) {
      if (isNotFound(err)) return;
      this.podEvent('update', set, pod, err);
      throw err;
    }
  }

  claimIsStale(set: StatefulSet, pod: Pod): boolean {
    if (retentionPolicy(set).whenScaled === 'Retain') return false;
    const { ordinal } = parseOrdinal(pod.metadata.name);
    for (const claim of claimsFor(set, ordinal).values()) {
      const existing = this.deps.pvcs.getByName(claim.metadata.namespace, claim.metadata.name ?? '');
      const podRef = existing?.metadata.ownerReferences?.find((r) => r.kind === 'Pod' && r.name === pod.metadata.name);
      if (podRef && podRef.uid !== pod.metadata.uid) return true;
    }
    return false;
  }

  private claimUpdates(set: StatefulSet, pod: Pod): { claim: PersistentVolumeClaim; refs: ReturnType<typeof claimOwnerRefs> }[] {
    const { ordinal } = parseOrdinal(pod.metadata.name);
    const out: { claim: PersistentVolumeClaim; refs: ReturnType<typeof claimOwnerRefs> }[] = [];
    for (const claim of claimsFor(set, ordinal).values()) {
      const existing = this.deps.pvcs.getByName(claim.metadata.namespace, claim.metadata.name ?? '');
      if (!existing) continue;
      const refs = claimOwnerRefs(existing, set, { name: pod.metadata.name ?? '', uid: pod.metadata.uid, ordinal });
      if (!sameOwners(refs, existing.metadata.ownerReferences)) out.push({ claim: existing, refs });
    }
    return out;
  }

  claimsMatchPolicy(set: StatefulSet, pod: Pod): boolean {
    return this.claimUpdates(set, pod).length === 0;
  }

  async updateClaims(set: StatefulSet, pod: Pod): Promise<void> {
    for (const { claim, refs } of this.claimUpdates(set, pod)) {
      try {
        await this.deps.pvcClient.patch(claim.metadata.namespace, claim.metadata.name ?? '', {
          type: 'merge',
          body: { metadata: { resourceVersion: claim.metadata.resourceVersion, ownerReferences: refs.length ? refs : null } },
        });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
  }

  async createMissingClaims(set: StatefulSet, pod: Pod): Promise<void> {
    await this.createClaims(set, pod);
  }
}
