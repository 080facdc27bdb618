/** The deployment controller's definition: deployments, their replica sets, and pods for Recreate. */
import { deployment as deploymentKind, replicaSet as replicaSetKind, type Deployment, type ReplicaSet } from '../../api/apps/v1/index.js';
import { pod as podKind, type Pod } from '../../api/core/v1/index.js';
import type { KubeObject } from '../../api/meta.js';
import { NAMESPACE_INDEX } from '../../client/index.js';
import { controllerRef, selectorFromLabelSelector } from '../../machinery/index.js';
import { defineController, refersToKind, type ControllerContext, type ControllerDefinition, type Request } from '../runtime/index.js';
import { DeploymentSync } from './sync.js';
import { apiWrites, type DeploymentWrites } from './writes.js';

export interface DeploymentControllerOptions {
  /** Replace the API writes (tests). */
  writes?: (ctx: ControllerContext) => DeploymentWrites;
}

/** Deployments in the namespace whose selector matches an orphan replica set (they may adopt it). */
function orphanReplicaSetOwners(rs: ReplicaSet, ctx: ControllerContext): Request[] {
  if (controllerRef(rs) || rs.metadata.deletionTimestamp) return [];
  const ds = ctx.informers.informerFor<Deployment>(deploymentKind).store.byIndex(NAMESPACE_INDEX, rs.metadata.namespace ?? '');
  const out: Request[] = [];
  for (const d of ds) {
    try {
      const sel = selectorFromLabelSelector(d.spec.selector);
      if (!sel.isEmpty() && sel.matches(rs.metadata.labels)) out.push({ namespace: d.metadata.namespace ?? '', name: d.metadata.name ?? '' });
    } catch {
      // an invalid selector matches nothing
    }
  }
  return out;
}

/** A Recreate deployment waits for old pods to go: their changes concern it. */
function recreateOwnerOfPod(p: Pod, ctx: ControllerContext): Request[] {
  const ref = controllerRef(p);
  if (!ref || !refersToKind(ref, replicaSetKind)) return [];
  const ns = p.metadata.namespace ?? '';
  const rs = ctx.informers.informerFor<ReplicaSet>(replicaSetKind).store.getByName(ns, ref.name);
  const dref = rs && controllerRef(rs);
  if (!dref || !refersToKind(dref, deploymentKind)) return [];
  const d = ctx.informers.informerFor<Deployment>(deploymentKind).store.getByName(ns, dref.name);
  return d?.spec.strategy?.type === 'Recreate' ? [{ namespace: ns, name: dref.name }] : [];
}

export function deploymentController(opts: DeploymentControllerOptions = {}): ControllerDefinition {
  return defineController({
    name: 'deployment-controller',
    aliases: ['deployment'],
    component: 'deployment-controller',
    for: deploymentKind,
    owns: [replicaSetKind],
    watches: [
      { kind: replicaSetKind, map: (rs: KubeObject, ctx) => orphanReplicaSetOwners(rs as ReplicaSet, ctx) },
      { kind: podKind, map: (p: KubeObject, ctx) => recreateOwnerOfPod(p as Pod, ctx) },
    ],
    reconciler: (ctx) =>
      new DeploymentSync({
        deployments: ctx.informers.informerFor<Deployment>(deploymentKind),
        replicaSets: ctx.informers.informerFor<ReplicaSet>(replicaSetKind),
        pods: ctx.informers.informerFor<Pod>(podKind),
        writes: opts.writes?.(ctx) ?? apiWrites(ctx.client),
        events: ctx.events,
        clock: ctx.clock,
      }),
  });
}
