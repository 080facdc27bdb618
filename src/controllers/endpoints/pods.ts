/** Which pods back a Service, at which address and port (upstream endpointutil and podutil.FindPort). */
import { isIPv6 } from 'node:net';
import type { Pod, Service, ServicePort } from '../../api/core/v1/index.js';
import type { ReadonlyStore } from '../../client/index.js';
import { NAMESPACE_INDEX } from '../../client/index.js';
import { selectorFromSet } from '../../machinery/index.js';
import type { Request } from '../runtime/index.js';

export type IPFamily = 'IPv4' | 'IPv6';

/**
 * A pod with an IP that is not finished (by its restart policy) belongs in endpoints;
 * terminating pods only when `includeTerminating` (upstream ShouldPodBeInEndpoints).
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (!pod.status?.podIP && !pod.status?.podIPs?.length) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  const phase = pod.status?.phase;
  switch (pod.spec?.restartPolicy) {
    case 'Never':
      return phase !== 'Failed' && phase !== 'Succeeded';
    case 'OnFailure':
      return phase !== 'Succeeded';
    default:
      return true;
  }
}

/** The pod's IP of `family`, if it has one. */
export function podIPOf(pod: Pod, family: IPFamily): string | undefined {
  const ips = pod.status?.podIPs?.map((p) => p.ip) ?? (pod.status?.podIP ? [pod.status.podIP] : []);
  return ips.find((ip) => (family === 'IPv6') === isIPv6(ip));
}

/** The port a service port reaches on this pod: a number, or a named container port (upstream FindPort). */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const proto = sp.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === proto) return p.containerPort;
  }
  return undefined;
}

/** The pod's hostname goes into its endpoints when its subdomain is the service's name. */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return !!pod.spec?.hostname && pod.spec.subdomain === svc.metadata.name && pod.metadata.namespace === svc.metadata.namespace;
}

/** The service's IP families (IPv4 when unset). */
export function serviceFamilies(svc: Service): IPFamily[] {
  const f = (svc.spec?.ipFamilies ?? []).filter((x): x is IPFamily => x === 'IPv4' || x === 'IPv6');
  return f.length ? f : ['IPv4'];
}

export function isHeadless(svc: Service): boolean {
  return svc.spec?.clusterIP === 'None';
}

/** The pods a service with a selector selects (none for a service without one). */
export function podsForService(svc: Service, pods: ReadonlyStore<Pod>): Pod[] {
  const sel = svc.spec?.selector;
  if (!sel || Object.keys(sel).length === 0) return [];
  const s = selectorFromSet(sel);
  return pods.byIndex(NAMESPACE_INDEX, svc.metadata.namespace ?? '').filter((p) => s.matches(p.metadata.labels));
}

/** Services in the pod's namespace whose selector matches it (what a pod change concerns). */
export function servicesForPod(pod: Pod, services: ReadonlyStore<Service>): Request[] {
  const out: Request[] = [];
  for (const svc of services.byIndex(NAMESPACE_INDEX, pod.metadata.namespace ?? '')) {
    const sel = svc.spec?.selector;
    if (!sel || Object.keys(sel).length === 0) continue;
    if (selectorFromSet(sel).matches(pod.metadata.labels)) out.push({ namespace: svc.metadata.namespace ?? '', name: svc.metadata.name ?? '' });
  }
  return out;
}
