/**
 * The EndpointSlice controller's reconcile: a Service with a selector gets EndpointSlices
 * (labelled kubernetes.io/service-name and managed-by endpointslice-controller.k8s.io, owned
 * by the service) listing every pod that should be in endpoints, terminating ones included,
 * with ready/serving/terminating conditions and ports resolved per pod. Slices it wrote but
 * does not yet see in its cache make it wait, so a stale cache never duplicates a slice.
 */
import type { Pod, Service } from '../../api/core/v1/index.js';
import type { Endpoint, EndpointPort, EndpointSlice } from '../../api/discovery/v1/index.js';
import type { ReadonlyStore } from '../../client/index.js';
import { NAMESPACE_INDEX } from '../../client/index.js';
import { isNotFound } from '../../machinery/index.js';
import { isPodReady, type Reconciler, type Request, type Result } from '../runtime/index.js';
import { HEADLESS_LABEL } from './endpoints.js';
import { findPort, isHeadless, podIPOf, podsForService, serviceFamilies, shouldPodBeInEndpoints, shouldSetHostname } from './pods.js';
import { groupKey, planSlices, type EndpointGroup } from './slices.js';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';

/** How long to wait for the cache to show this controller's own writes. */
const WRITE_WAIT_MS = 5000;

export interface EndpointSliceWrites {
  create(s: EndpointSlice): Promise<EndpointSlice>;
  update(s: EndpointSlice): Promise<EndpointSlice>;
  delete(namespace: string, name: string): Promise<unknown>;
}

export interface EndpointSliceSyncDeps {
  services: ReadonlyStore<Service>;
  pods: ReadonlyStore<Pod>;
  slices: ReadonlyStore<EndpointSlice>;
  nodeZone(nodeName: string): string | undefined;
  writes: EndpointSliceWrites;
  maxPerSlice?: number;
}

/** The endpoint of one pod (upstream podToEndpoint). */
export function podToEndpoint(pod: Pod, svc: Service, ip: string, zone: string | undefined): Endpoint {
  const serving = isPodReady(pod);
  const terminating = Boolean(pod.metadata.deletionTimestamp);
  const ready = svc.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const ep: Endpoint = {
    addresses: [ip],
    conditions: { ready, serving, terminating },
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  if (zone) ep.zone = zone;
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec.hostname;
  return ep;
}

function endpointPorts(pod: Pod, svc: Service): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const ep: EndpointPort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
    out.push(ep);
  }
  return out;
}

export class EndpointSliceSync implements Reconciler {
  /** Per service: slices written (name → resourceVersion, 'created', or '' for deleted) not yet seen in the cache. */
  private readonly written = new Map<string, { at: number; slices: Map<string, string> }>();

  constructor(private readonly d: EndpointSliceSyncDeps) {}

  async reconcile(req: Request): Promise<Result | void> {
    const key = `${req.namespace}/${req.name}`;
    if (!this.cacheCaughtUp(key, req.namespace)) return { requeueAfterMs: 20 };
    const svc = this.d.services.getByName(req.namespace, req.name);
    const existing = this.d.slices
      .byIndex(NAMESPACE_INDEX, req.namespace)
      .filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === req.name && s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY);
    if (!svc || svc.spec?.type === 'ExternalName' || !svc.spec?.selector) {
      // Slices of a deleted service go with it (garbage collector); a service without a selector is managed by others.
      if (!svc) this.written.delete(key);
      return;
    }
    const labels: Record<string, string> = { ...svc.metadata.labels, [SERVICE_NAME_LABEL]: req.name, [MANAGED_BY_LABEL]: MANAGED_BY };
    if (isHeadless(svc)) labels[HEADLESS_LABEL] = '';
    const plan = planSlices(existing, this.desiredGroups(svc), {
      labels,
      maxPerSlice: this.d.maxPerSlice,
      template: (g) => ({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          generateName: `${req.name}-`,
          namespace: req.namespace,
          labels,
          ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: req.name, uid: svc.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
        },
        addressType: g.addressType,
        endpoints: [],
        ports: g.ports,
      }),
    });
    const seen = this.written.get(key)?.slices ?? new Map<string, string>();
    for (const s of plan.create) seen.set((await this.d.writes.create(s)).metadata.name ?? '', 'created');
    for (const s of plan.update) {
      const stored = await this.d.writes.update(s);
      seen.set(stored.metadata.name ?? '', stored.metadata.resourceVersion ?? '');
    }
    for (const s of plan.delete) {
      try {
        await this.d.writes.delete(req.namespace, s.metadata.name ?? '');
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      seen.set(s.metadata.name ?? '', '');
    }
    if (seen.size) this.written.set(key, { at: Date.now(), slices: seen });
  }

  /** True when every slice this controller wrote for the service shows in the cache as written. */
  private cacheCaughtUp(key: string, namespace: string): boolean {
    const w = this.written.get(key);
    if (!w) return true;
    if (Date.now() - w.at > WRITE_WAIT_MS) {
      this.written.delete(key); // someone else changed them meanwhile: act on what the cache says
      return true;
    }
    for (const [name, rv] of w.slices) {
      const cached = this.d.slices.getByName(namespace, name);
      const ok = rv === '' ? !cached : rv === 'created' ? !!cached : !!cached && Number(cached.metadata.resourceVersion) >= Number(rv);
      if (!ok) return false;
    }
    this.written.delete(key);
    return true;
  }

  private desiredGroups(svc: Service): EndpointGroup[] {
    const groups = new Map<string, EndpointGroup>();
    for (const family of serviceFamilies(svc)) {
      for (const pod of podsForService(svc, this.d.pods)) {
        if (!shouldPodBeInEndpoints(pod, true)) continue;
        const ip = podIPOf(pod, family);
        if (!ip) continue;
        const ports = endpointPorts(pod, svc);
        const k = groupKey(family, ports);
        let g = groups.get(k);
        if (!g) groups.set(k, (g = { addressType: family, ports, endpoints: [] }));
        g.endpoints.push(podToEndpoint(pod, svc, ip, pod.spec?.nodeName ? this.d.nodeZone(pod.spec.nodeName) : undefined));
      }
    }
    for (const g of groups.values()) g.endpoints.sort((a, b) => (a.targetRef?.name ?? '').localeCompare(b.targetRef?.name ?? ''));
    return [...groups.values()];
  }
}
