/**
 * The ReplicaSet and ReplicationController controllers: definitions for the runtime, with the
 * pod handlers that feed expectations and map orphan pods to the replica sets that may adopt them.
 */
import { pod as podKind, type Pod } from '../../api/core/v1/index.js';
import type { KubeObject } from '../../api/meta.js';
import { NAMESPACE_INDEX, type Informer } from '../../client/index.js';
import { controllerRef } from '../../machinery/index.js';
import {
  Expectations,
  RealPodControl,
  defineController,
  podKey,
  refersToKind,
  requestKey,
  type ControllerContext,
  type ControllerDefinition,
  type PodControl,
  type Request,
} from '../runtime/index.js';
import { replicaSetKind, replicationControllerKind, type Replicated, type ReplicatedKind } from './adapter.js';
import { ReplicaSync } from './sync.js';

export interface ReplicaControllerOptions {
  /** Replace the real pod writes (tests). */
  podControl?: (ctx: ControllerContext) => PodControl;
  burstReplicas?: number;
}

/** Replica sets (of `adapter`'s kind) in the pod's namespace whose selector matches an orphan pod. */
function orphanOwners(adapter: ReplicatedKind, pod: Pod, ctx: ControllerContext): Request[] {
  if (controllerRef(pod) || pod.metadata.deletionTimestamp) return [];
  const owners = ctx.informers.informerFor<Replicated>(adapter.kind).store.byIndex(NAMESPACE_INDEX, pod.metadata.namespace ?? '');
  const out: Request[] = [];
  for (const o of owners) {
    try {
      if (adapter.selector(o).matches(pod.metadata.labels)) out.push({ namespace: o.metadata.namespace ?? '', name: o.metadata.name ?? '' });
    } catch {
      // an invalid selector matches nothing
    }
  }
  return out;
}

/** Lowers expectations as pod creations and deletions show up in the cache. */
function observePods(adapter: ReplicatedKind, pods: Informer<Pod>, owners: Informer<Replicated>, exp: Expectations): void {
  const ownerKey = (p: Pod): string | undefined => {
    const ref = controllerRef(p);
    if (!ref || !refersToKind(ref, adapter.kind)) return undefined;
    const owner = owners.store.getByName(p.metadata.namespace, ref.name);
    return owner && owner.metadata.uid === ref.uid ? requestKey({ namespace: p.metadata.namespace ?? '', name: ref.name }) : undefined;
  };
  const deleted = (p: Pod): void => {
    const ref = controllerRef(p);
    if (ref && refersToKind(ref, adapter.kind)) exp.deletionObserved(requestKey({ namespace: p.metadata.namespace ?? '', name: ref.name }), podKey(p));
  };
  pods.addEventHandler({
    onAdd: (p) => {
      if (p.metadata.deletionTimestamp) return deleted(p);
      const k = ownerKey(p);
      if (k) exp.creationObserved(k);
    },
    onUpdate: (old, cur) => {
      if (cur.metadata.deletionTimestamp && !old.metadata.deletionTimestamp) deleted(cur);
    },
    onDelete: (p) => deleted(p),
  });
}

function replicaController(adapter: ReplicatedKind, names: { name: string; aliases: string[] }, opts: ReplicaControllerOptions): ControllerDefinition {
  return defineController({
    ...names,
    component: adapter.component,
    for: adapter.kind,
    owns: [podKind],
    watches: [{ kind: podKind, map: (p: KubeObject, ctx) => orphanOwners(adapter, p as Pod, ctx) }],
    reconciler: (ctx) => {
      const owners = ctx.informers.informerFor<Replicated>(adapter.kind);
      const pods = ctx.informers.informerFor<Pod>(podKind);
      const expectations = new Expectations({ clock: ctx.clock });
      observePods(adapter, pods, owners, expectations);
      return new ReplicaSync({
        adapter,
        owners,
        pods,
        client: ctx.client.resource<Replicated>(adapter.kind),
        podControl: opts.podControl?.(ctx) ?? new RealPodControl(ctx.client, ctx.events),
        expectations,
        clock: ctx.clock,
        burstReplicas: opts.burstReplicas,
      });
    },
  });
}

export function replicaSetController(opts: ReplicaControllerOptions = {}): ControllerDefinition {
  return replicaController(replicaSetKind, { name: 'replicaset-controller', aliases: ['replicaset'] }, opts);
}

export function replicationControllerController(opts: ReplicaControllerOptions = {}): ControllerDefinition {
  return replicaController(replicationControllerKind, { name: 'replicationcontroller-controller', aliases: ['replicationcontroller'] }, opts);
}
