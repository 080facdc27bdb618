/** The Endpoints and EndpointSlice controllers' definitions. */
import { endpoints as endpointsKind, node as nodeKind, pod as podKind, service as serviceKind, type Endpoints, type Node, type Pod, type Service } from '../../api/core/v1/index.js';
import { endpointSlice as endpointSliceKind, type EndpointSlice } from '../../api/discovery/v1/index.js';
import type { KubeObject } from '../../api/meta.js';
import type { RestClient } from '../../client/index.js';
import { defineController, type ControllerContext, type ControllerDefinition } from '../runtime/index.js';
import { EndpointsSync, type EndpointsWrites } from './endpoints.js';
import { EndpointSliceSync, type EndpointSliceWrites } from './endpointslice.js';
import { servicesForPod } from './pods.js';

const ZONE_LABEL = 'topology.kubernetes.io/zone';

function podWatch(ctx: ControllerContext, pod: Pod) {
  return servicesForPod(pod, ctx.informers.informerFor<Service>(serviceKind).store);
}

export function endpointsWrites(client: RestClient): EndpointsWrites {
  const eps = client.resource<Endpoints>(endpointsKind);
  return { create: (e) => eps.create(e), update: (e) => eps.update(e), delete: (ns, name) => eps.delete(ns, name) };
}

export function endpointSliceWrites(client: RestClient): EndpointSliceWrites {
  const s = client.resource<EndpointSlice>(endpointSliceKind);
  return { create: (e) => s.create(e), update: (e) => s.update(e), delete: (ns, name) => s.delete(ns, name) };
}

export function endpointsController(opts: { writes?: (ctx: ControllerContext) => EndpointsWrites } = {}): ControllerDefinition {
  return defineController({
    name: 'endpoints-controller',
    aliases: ['endpoint'],
    component: 'endpoint-controller',
    for: serviceKind,
    watches: [
      { kind: podKind, map: (p: KubeObject, ctx) => podWatch(ctx, p as Pod) },
      { kind: endpointsKind, map: (e: KubeObject) => [{ namespace: e.metadata.namespace ?? '', name: e.metadata.name ?? '' }] },
    ],
    reconciler: (ctx) =>
      new EndpointsSync({
        services: ctx.informers.informerFor<Service>(serviceKind).store,
        pods: ctx.informers.informerFor<Pod>(podKind).store,
        endpoints: ctx.informers.informerFor<Endpoints>(endpointsKind).store,
        writes: opts.writes?.(ctx) ?? endpointsWrites(ctx.client),
      }),
  });
}

export function endpointSliceController(opts: { writes?: (ctx: ControllerContext) => EndpointSliceWrites; maxEndpointsPerSlice?: number } = {}): ControllerDefinition {
  return defineController({
    name: 'endpointslice-controller',
    aliases: ['endpointslice'],
    component: 'endpoint-slice-controller',
    for: serviceKind,
    owns: [endpointSliceKind],
    watches: [{ kind: podKind, map: (p: KubeObject, ctx) => podWatch(ctx, p as Pod) }],
    reconciler: (ctx) => {
      const nodes = ctx.informers.informerFor<Node>(nodeKind).store;
      return new EndpointSliceSync({
        services: ctx.informers.informerFor<Service>(serviceKind).store,
        pods: ctx.informers.informerFor<Pod>(podKind).store,
        slices: ctx.informers.informerFor<EndpointSlice>(endpointSliceKind).store,
        nodeZone: (name) => nodes.getByName(undefined, name)?.metadata.labels?.[ZONE_LABEL],
        writes: opts.writes?.(ctx) ?? endpointSliceWrites(ctx.client),
        maxPerSlice: opts.maxEndpointsPerSlice ?? (ctx.settings.maxEndpointsPerSlice as number | undefined),
      });
    },
  });
}
