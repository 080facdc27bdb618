/** The node lifecycle controller's declaration (nodes, their Leases, and the pods on them). */
import { lease as leaseKind, type Lease } from '../../api/coordination/v1/index.js';
import { node as nodeKind, pod as podKind, type Node, type Pod } from '../../api/core/v1/index.js';
import { defineController } from '../runtime/index.js';
import { DEFAULT_NODE_MONITOR_GRACE_MS, DEFAULT_NODE_STARTUP_GRACE_MS } from './health.js';
import { NODE_LEASE_NAMESPACE, NodeLifecycleReconciler } from './nodelifecycle-sync.js';

/** Settings keys (ControllerSettings) of the node lifecycle controller. */
export const NODE_LIFECYCLE_SETTINGS = {
  /** --node-monitor-grace-period in ms (default 40 s). */
  monitorGraceMs: 'nodeMonitorGracePeriodMs',
  /** --node-startup-grace-period in ms (default 60 s). */
  startupGraceMs: 'nodeStartupGracePeriodMs',
} as const;

function ms(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}

export const nodeLifecycleController = defineController({
  name: 'node-lifecycle-controller',
  aliases: ['nodelifecycle'],
  component: 'node-controller',
  for: nodeKind,
  watches: [
    { kind: leaseKind, filter: { namespace: NODE_LEASE_NAMESPACE }, map: (l: Lease) => [{ namespace: '', name: l.metadata.name ?? '' }] },
    { kind: podKind, map: (p: Pod) => (p.spec?.nodeName ? [{ namespace: '', name: p.spec.nodeName }] : []) },
  ],
  workers: 5,
  reconciler(ctx) {
    const nodes = ctx.informers.informerFor<Node>(nodeKind);
    const leases = ctx.informers.informerFor<Lease>(leaseKind, { namespace: NODE_LEASE_NAMESPACE });
    const pods = ctx.informers.informerFor<Pod>(podKind);
    return new NodeLifecycleReconciler({
      nodes: nodes.store,
      leases: leases.store,
      pods: pods.store,
      nodeClient: ctx.client.resource<Node>(nodeKind),
      podClient: ctx.client.resource<Pod>(podKind),
      events: ctx.events,
      clock: ctx.clock,
      monitorGraceMs: ms(ctx.settings[NODE_LIFECYCLE_SETTINGS.monitorGraceMs], DEFAULT_NODE_MONITOR_GRACE_MS),
      startupGraceMs: ms(ctx.settings[NODE_LIFECYCLE_SETTINGS.startupGraceMs], DEFAULT_NODE_STARTUP_GRACE_MS),
    });
  },
});
