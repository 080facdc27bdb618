/** The StatefulSet controller's declaration. */
import { controllerRevision, statefulSet, type ControllerRevision, type StatefulSet } from '../../api/apps/v1/index.js';
import { persistentVolumeClaim, pod as podKind, type PersistentVolumeClaim, type Pod } from '../../api/core/v1/index.js';
import { defineController } from '../runtime/index.js';
import { RealStatefulPodControl } from './pod-control.js';
import { StatefulSetReconciler } from './statefulset-sync.js';

export const statefulSetController = defineController({
  name: 'statefulset-controller',
  aliases: ['statefulset'],
  component: 'statefulset-controller',
  for: statefulSet,
  owns: [podKind, controllerRevision],
  workers: 5,
  reconciler(ctx) {
    const sets = ctx.informers.informerFor<StatefulSet>(statefulSet);
    const pods = ctx.informers.informerFor<Pod>(podKind);
    const revisions = ctx.informers.informerFor<ControllerRevision>(controllerRevision);
    const pvcs = ctx.informers.informerFor<PersistentVolumeClaim>(persistentVolumeClaim);
    const podClient = ctx.client.resource<Pod>(podKind);
    return new StatefulSetReconciler({
      sets: sets.store,
      pods: pods.store,
      revisions: revisions.store,
      setClient: ctx.client.resource<StatefulSet>(statefulSet),
      podClient,
      revisionClient: ctx.client.resource<ControllerRevision>(controllerRevision),
      control: new RealStatefulPodControl({ pvcs: pvcs.store, podClient, pvcClient: ctx.client.resource<PersistentVolumeClaim>(persistentVolumeClaim), events: ctx.events }),
      clock: ctx.clock,
    });
  },
});
