/**
 * Cluster state plugins read besides nodes and pods, from informer caches: namespace labels
 * (namespaceSelector), PodDisruptionBudgets (preemption), and the Services and controllers a
 * pod belongs to (default topology spreading). Every source is optional.
 */
import type { Namespace, Pod, ReplicationController, Service } from '../api/core/v1/index.js';
import type { ReplicaSet, StatefulSet } from '../api/apps/v1/index.js';
import type { KubeObject, LabelSelector } from '../api/meta.js';
import type { PodDisruptionBudget } from '../api/policy/v1/index.js';
import { NAMESPACE_INDEX, type ReadonlyStore } from '../client/index.js';
import { Selector, selectorFromLabelSelector, selectorFromSet, type Labels } from '../machinery/index.js';

export interface ClusterStores {
  namespaces?: ReadonlyStore<Namespace>;
  pdbs?: ReadonlyStore<PodDisruptionBudget>;
  services?: ReadonlyStore<Service>;
  replicationControllers?: ReadonlyStore<ReplicationController>;
  replicaSets?: ReadonlyStore<ReplicaSet>;
  statefulSets?: ReadonlyStore<StatefulSet>;
}

const NO_PDBS: readonly PodDisruptionBudget[] = Object.freeze([]);

function inNamespace<T extends KubeObject>(store: ReadonlyStore<T> | undefined, ns: string): T[] {
  if (!store) return [];
  return store.hasIndex(NAMESPACE_INDEX) ? store.byIndex(NAMESPACE_INDEX, ns) : store.list().filter((o) => o.metadata.namespace === ns);
}

export class ClusterInfo {
  constructor(private readonly stores: ClusterStores = {}) {}

  namespaceLabels(ns: string): Labels | undefined {
    return this.stores.namespaces?.getByName(undefined, ns)?.metadata.labels ?? (this.stores.namespaces ? {} : undefined);
  }

  *namespaces(): Iterable<{ name: string; labels: Labels }> {
    for (const ns of this.stores.namespaces?.list() ?? []) yield { name: ns.metadata.name ?? '', labels: ns.metadata.labels ?? {} };
  }

  podDisruptionBudgets(): readonly PodDisruptionBudget[] {
    return this.stores.pdbs?.list() ?? NO_PDBS;
  }

  /**
   * The selector for default spreading (upstream helper.DefaultSelector): the selectors of the
   * Services whose selector matches the pod, merged, plus the pod's controller's selector.
   */
  defaultSpreadSelector(pod: Pod): Selector | undefined {
    const ns = pod.metadata.namespace ?? '';
    const labels = pod.metadata.labels ?? {};
    const set: Record<string, string> = {};
    for (const svc of inNamespace(this.stores.services, ns)) {
      const sel = svc.spec?.selector;
      if (!sel || Object.keys(sel).length === 0 || !selectorFromSet(sel).matches(labels)) continue;
      Object.assign(set, sel);
    }
    let selector = selectorFromSet(set);
    const owner = (pod.metadata.ownerReferences ?? []).find((r) => r.controller);
    if (owner) {
      const group = owner.apiVersion.includes('/') ? owner.apiVersion.split('/')[0] : '';
      if (owner.kind === 'ReplicationController' && group === '') {
        const rc = this.stores.replicationControllers?.getByName(ns, owner.name);
        if (rc?.spec?.selector) selector = selectorFromSet({ ...set, ...rc.spec.selector });
      } else if (group === 'apps' && (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet')) {
        const store = owner.kind === 'ReplicaSet' ? this.stores.replicaSets : this.stores.statefulSets;
        const ctl = store?.getByName(ns, owner.name) as { spec?: { selector?: LabelSelector } } | undefined;
        if (ctl?.spec?.selector) selector = addSelector(selector, ctl.spec.selector);
      }
    }
    return selector.isEmpty() ? undefined : selector;
  }
}

function addSelector(base: Selector, ls: LabelSelector): Selector {
  try {
    return base.add(...selectorFromLabelSelector(ls).requirements);
  } catch {
    return base;
  }
}
