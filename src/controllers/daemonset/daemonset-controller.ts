/** The DaemonSet controller's declaration. */
import { controllerRevision, daemonSet, type ControllerRevision, type DaemonSet } from '../../api/apps/v1/index.js';
import { node as nodeKind, pod as podKind, type Node, type Pod } from '../../api/core/v1/index.js';
import { RealPodControl, defineController, type ControllerContext, type Request } from '../runtime/index.js';
import { DaemonSetReconciler } from './daemonset-sync.js';

/** A node change may change where every DaemonSet should run: queue them all. */
function allDaemonSets(_node: Node, ctx: ControllerContext): Request[] {
  return ctx.informers
    .informerFor<DaemonSet>(daemonSet)
    .store.list()
    .map((ds) => ({ namespace: ds.metadata.namespace ?? '', name: ds.metadata.name ?? '' }));
}

export const daemonSetController = defineController({
  name: 'daemonset-controller',
  aliases: ['daemonset'],
  component: 'daemonset-controller',
  for: daemonSet,
  owns: [podKind, controllerRevision],
  watches: [{ kind: nodeKind, map: allDaemonSets }],
  workers: 2,
  reconciler(ctx) {
    const sets = ctx.informers.informerFor<DaemonSet>(daemonSet);
    const pods = ctx.informers.informerFor<Pod>(podKind);
    const nodes = ctx.informers.informerFor<Node>(nodeKind);
    const revisions = ctx.informers.informerFor<ControllerRevision>(controllerRevision);
    const r = new DaemonSetReconciler({
      sets: sets.store,
      pods: pods.store,
      nodes: nodes.store,
      revisions: revisions.store,
      dsClient: ctx.client.resource<DaemonSet>(daemonSet),
      podClient: ctx.client.resource<Pod>(podKind),
      revisionClient: ctx.client.resource<ControllerRevision>(controllerRevision),
      podControl: new RealPodControl(ctx.client, ctx.events),
      events: ctx.events,
      clock: ctx.clock,
    });
    pods.addEventHandler({ onAdd: (p) => r.observePod('add', p), onUpdate: (_o, p) => r.observePod('update', p), onDelete: (p) => r.observePod('delete', p) });
    return r;
  },
});
