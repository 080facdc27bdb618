/**
 * The Endpoints controller's reconcile (upstream endpoints_controller syncService): one
 * Endpoints object per Service with a selector, named as the service, listing its pods' IPs
 * per port set, ready ones under addresses and the others under notReadyAddresses
 * (publishNotReadyAddresses puts every pod under addresses). A deleted service's Endpoints go.
 */
import type { EndpointAddress, EndpointPort, EndpointSubset, Endpoints, Pod, Service } from '../../api/core/v1/index.js';
import { semanticEqual } from '../../api/validation/semantic-equal.js';
import type { ReadonlyStore } from '../../client/index.js';
import { isNotFound } from '../../machinery/index.js';
import { isPodReady, type Reconciler, type Request } from '../runtime/index.js';
import { findPort, isHeadless, podIPOf, podsForService, serviceFamilies, shouldPodBeInEndpoints, shouldSetHostname } from './pods.js';

export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';
/** Upstream truncates an Endpoints object to this many addresses. */
export const MAX_ENDPOINTS_CAPACITY = 1000;

export interface EndpointsWrites {
  create(ep: Endpoints): Promise<unknown>;
  update(ep: Endpoints): Promise<unknown>;
  delete(namespace: string, name: string): Promise<unknown>;
}

export interface EndpointsSyncDeps {
  services: ReadonlyStore<Service>;
  pods: ReadonlyStore<Pod>;
  endpoints: ReadonlyStore<Endpoints>;
  writes: EndpointsWrites;
}

function compareIP(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  if (pa.length === 4 && pb.length === 4) {
    for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
    return 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function byAddress(a: EndpointAddress, b: EndpointAddress): number {
  return compareIP(a.ip, b.ip) || (a.targetRef?.uid ?? '').localeCompare(b.targetRef?.uid ?? '');
}

/** Groups addresses by identical port sets, sorted (upstream RepackSubsets + SortSubsets). */
export function repackSubsets(entries: { address: EndpointAddress; ready: boolean; ports: EndpointPort[] }[]): EndpointSubset[] {
  const groups = new Map<string, { ports: EndpointPort[]; ready: Map<string, EndpointAddress>; notReady: Map<string, EndpointAddress> }>();
  for (const e of entries) {
    const ports = [...e.ports].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port);
    const key = JSON.stringify(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, ready: new Map(), notReady: new Map() }));
    const id = `${e.address.ip}/${e.address.targetRef?.uid ?? ''}`;
    (e.ready ? g.ready : g.notReady).set(id, e.address);
  }
  const subsets: EndpointSubset[] = [];
  for (const [key, g] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    for (const id of g.ready.keys()) g.notReady.delete(id);
    const subset: EndpointSubset = {};
    if (g.ready.size) subset.addresses = [...g.ready.values()].sort(byAddress);
    if (g.notReady.size) subset.notReadyAddresses = [...g.notReady.values()].sort(byAddress);
    if (key !== '[]') subset.ports = g.ports;
    subsets.push(subset);
  }
  return subsets;
}

export class EndpointsSync implements Reconciler {
  constructor(private readonly d: EndpointsSyncDeps) {}

  async reconcile(req: Request): Promise<void> {
    const svc = this.d.services.getByName(req.namespace, req.name);
    if (!svc) {
      try {
        if (this.d.endpoints.getByName(req.namespace, req.name)) await this.d.writes.delete(req.namespace, req.name);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      return;
    }
    if (svc.spec?.type === 'ExternalName' || !svc.spec?.selector) return;
    const subsets = this.desiredSubsets(svc);
    const { subsets: capped, truncated } = truncate(subsets);
    const labels: Record<string, string> = { ...svc.metadata.labels };
    if (isHeadless(svc)) labels[HEADLESS_LABEL] = '';
    else delete labels[HEADLESS_LABEL];
    const current = this.d.endpoints.getByName(req.namespace, req.name);
    const annotations = { ...current?.metadata.annotations };
    if (truncated) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
    else delete annotations[OVER_CAPACITY_ANNOTATION];
    if (current && semanticEqual(current.subsets ?? [], capped) && semanticEqual(current.metadata.labels ?? {}, labels) && semanticEqual(current.metadata.annotations ?? {}, annotations)) return;
    const body: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { ...(current?.metadata ?? { name: req.name, namespace: req.namespace }), labels, annotations },
      subsets: capped,
    };
    if (Object.keys(annotations).length === 0) delete body.metadata.annotations;
    if (current) await this.d.writes.update(body);
    else await this.d.writes.create(body);
  }

  private desiredSubsets(svc: Service): EndpointSubset[] {
    const family = serviceFamilies(svc)[0]!;
    const tolerateUnready = svc.spec?.publishNotReadyAddresses === true;
    const entries: { address: EndpointAddress; ready: boolean; ports: EndpointPort[] }[] = [];
    for (const pod of podsForService(svc, this.d.pods)) {
      if (!shouldPodBeInEndpoints(pod, tolerateUnready)) continue;
      const ip = podIPOf(pod, family);
      if (!ip) continue;
      const address: EndpointAddress = { ip, targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid } };
      if (pod.spec?.nodeName) address.nodeName = pod.spec.nodeName;
      if (shouldSetHostname(pod, svc)) address.hostname = pod.spec.hostname;
      const ready = tolerateUnready || isPodReady(pod);
      const svcPorts = svc.spec?.ports ?? [];
      if (svcPorts.length === 0) {
        if (isHeadless(svc)) entries.push({ address, ready, ports: [] });
        continue;
      }
      for (const sp of svcPorts) {
        const port = findPort(pod, sp);
        if (port === undefined) continue;
        const ep: EndpointPort = { port, protocol: sp.protocol ?? 'TCP' };
        if (sp.name) ep.name = sp.name;
        if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
        entries.push({ address, ready, ports: [ep] });
      }
    }
    return repackSubsets(entries);
  }
}

/** Keeps at most MAX_ENDPOINTS_CAPACITY addresses (ready first). */
function truncate(subsets: EndpointSubset[]): { subsets: EndpointSubset[]; truncated: boolean } {
  const total = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0), 0);
  if (total <= MAX_ENDPOINTS_CAPACITY) return { subsets, truncated: false };
  let room = MAX_ENDPOINTS_CAPACITY;
  const out = subsets.map((s) => {
    const copy: EndpointSubset = { ...s };
    if (copy.addresses) copy.addresses = copy.addresses.slice(0, Math.max(0, room));
    room -= copy.addresses?.length ?? 0;
    if (copy.notReadyAddresses) copy.notReadyAddresses = copy.notReadyAddresses.slice(0, Math.max(0, room));
    room -= copy.notReadyAddresses?.length ?? 0;
    return copy;
  });
  return { subsets: out.filter((s) => s.addresses?.length || s.notReadyAddresses?.length), truncated: true };
}
