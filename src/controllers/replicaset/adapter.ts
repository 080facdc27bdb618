/**
 * What the replica controller needs of its kind, so one implementation serves apps/v1
 * ReplicaSet (a LabelSelector) and core/v1 ReplicationController (a label map selector).
 */
import { replicaSet, type ReplicaSet, type ReplicaSetStatus } from '../../api/apps/v1/index.js';
import { replicationController, type PodTemplateSpec, type ReplicationController } from '../../api/core/v1/index.js';
import type { KindDefinition } from '../../api/kind.js';
import type { KubeObject } from '../../api/meta.js';
import { Selector, selectorFromLabelSelector, selectorFromSet } from '../../machinery/index.js';

export type ReplicaStatus = ReplicaSetStatus;

export interface Replicated extends KubeObject {
  spec: { replicas?: number; minReadySeconds?: number; template?: PodTemplateSpec };
  status?: ReplicaStatus;
}

export interface ReplicatedKind<T extends Replicated = Replicated> {
  kind: KindDefinition<T>;
  /** Event source component. */
  component: string;
  /** The pod selector. Throws SelectorError for an invalid one. */
  selector(obj: T): Selector;
}

export const replicaSetKind: ReplicatedKind = {
  kind: replicaSet as unknown as KindDefinition<Replicated>,
  component: 'replicaset-controller',
  selector: (rs) => selectorFromLabelSelector((rs as unknown as ReplicaSet).spec.selector),
};

export const replicationControllerKind: ReplicatedKind = {
  kind: replicationController as unknown as KindDefinition<Replicated>,
  component: 'replication-controller',
  selector: (rc) => {
    const sel = (rc as unknown as ReplicationController).spec?.selector;
    // An RC without a selector matches nothing (the API defaults it from the template).
    return sel && Object.keys(sel).length ? selectorFromSet(sel) : Selector.nothing();
  },
};

/** spec.replicas with the API default of 1. */
export function desiredReplicas(obj: Replicated): number {
  const r = obj.spec?.replicas;
  return typeof r === 'number' && r >= 0 ? r : 1;
}
