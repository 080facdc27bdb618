/**
 * The pods a workload controls (upstream ControllerRefManager.ClaimPods): those whose controller
 * reference points at it, plus orphans its selector matches (adopted), minus owned pods the
 * selector no longer matches (released). Adoption re-reads the owner first.
 */
import type { Pod } from '../../api/core/v1/index.js';
import type { KubeObject } from '../../api/meta.js';
import { NAMESPACE_INDEX, OWNER_UID_INDEX, type ReadonlyStore, type ResourceClient } from '../../client/index.js';
import { newControllerRef, type Selector } from '../../machinery/index.js';
import { claimObjects, recheckOwner } from '../runtime/index.js';

export interface ClaimPodsDeps {
  pods: ReadonlyStore<Pod>;
  podClient: Pick<ResourceClient<Pod>, 'patch'>;
}

export interface ClaimPodsOptions {
  gvk: { group: string; version: string; kind: string };
  selector: Selector;
  /** Reads the owner from the API (uncached) before adopting. */
  getOwner: () => Promise<KubeObject>;
  /** Extra test an orphan must pass to be adopted (StatefulSets: its name). */
  adoptable?: (pod: Pod) => boolean;
}

export async function claimPods(deps: ClaimPodsDeps, owner: KubeObject, opts: ClaimPodsOptions): Promise<Pod[]> {
  const owned = deps.pods.byIndex(OWNER_UID_INDEX, owner.metadata.uid ?? '');
  const orphans = deps.pods
    .byIndex(NAMESPACE_INDEX, owner.metadata.namespace ?? '')
    .filter((p) => !p.metadata.ownerReferences?.some((r) => r.controller) && (!opts.adoptable || opts.adoptable(p)));
  if (orphans.length === 0 && owned.every((p) => opts.selector.matches(p.metadata.labels))) return owned;
  const res = await claimObjects<Pod>([...owned, ...orphans], {
    owner,
    controllerRef: newControllerRef(owner, opts.gvk),
    selector: opts.selector,
    patch: (p, body) => deps.podClient.patch(p.metadata.namespace, p.metadata.name ?? '', { type: 'merge', body }),
    canAdopt: recheckOwner(opts.getOwner, owner),
  });
  return res.claimed;
}
