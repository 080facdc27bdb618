/**
 * What an object counts against a ResourceQuota (upstream pkg/quota/v1/evaluator/core): every
 * object counts once against `count/<resource>[.<group>]`; pods, services and claims also
 * against their legacy and compute names. Pods that finished, or whose deletion grace period
 * ran out, are not charged compute resources.
 */
import type { Container, PersistentVolumeClaim, Pod, PodSpec, ResourceList, Service } from '../core/v1/index.js';
import { computePodQOS } from '../core/v1/pod-qos.js';
import { compareQuantities, quantityFromValue, tryParseQuantity, type Quantity } from '../quantity.js';
import type { KubeObject } from '../meta.js';
import { addTo, one, type Usage } from './usage.js';

/** Which kind of object: the group and plural resource ('' and 'pods' for pods). */
export interface QuotaResource {
  group: string;
  resource: string;
}

/** `count/pods`, `count/deployments.apps`. */
export function objectCountName(r: QuotaResource): string {
  return r.group ? `count/${r.resource}.${r.group}` : `count/${r.resource}`;
}

/** Core resources whose plain name is also an object count. */
const LEGACY_COUNTS = new Set(['services', 'secrets', 'configmaps', 'replicationcontrollers', 'resourcequotas', 'persistentvolumeclaims']);

/** Names the pod evaluator handles (plus hugepages and extended requests). */
const POD_RESOURCES = new Set([
  'count/pods',
  'pods',
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
]);

/** Whether a quota resource name is one the evaluator of `r` produces. */
export function handlesResourceName(r: QuotaResource, name: string): boolean {
  if (name === objectCountName(r)) return true;
  if (r.group !== '') return false;
  if (r.resource === 'pods') {
    return POD_RESOURCES.has(name) || name.startsWith('hugepages-') || name.startsWith('requests.hugepages-') || isExtendedRequest(name);
  }
  if (r.resource === 'services') return name === 'services' || name === 'services.loadbalancers' || name === 'services.nodeports';
  if (r.resource === 'persistentvolumeclaims') {
    return name === 'persistentvolumeclaims' || name === 'requests.storage' || /\.storageclass\.storage\.k8s\.io\/(requests\.storage|persistentvolumeclaims)$/.test(name);
  }
  return LEGACY_COUNTS.has(r.resource) && name === r.resource;
}

/** `requests.<domain>/<name>` for an extended resource (not kubernetes.io). */
function isExtendedRequest(name: string): boolean {
  if (!name.startsWith('requests.')) return false;
  const rest = name.slice('requests.'.length);
  return rest.includes('/') && !rest.includes('kubernetes.io/');
}

function isExtendedResource(name: string): boolean {
  return name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.');
}

function addList(into: Map<string, Quantity>, list: ResourceList | undefined): void {
  for (const [k, v] of Object.entries(list ?? {})) {
    const q = tryParseQuantity(v);
    if (q) addTo(into, k, q);
  }
}

function maxList(into: Map<string, Quantity>, list: Map<string, Quantity>): void {
  for (const [k, v] of list) {
    const cur = into.get(k);
    if (!cur || compareQuantities(v, cur) > 0) into.set(k, v);
  }
}

/** Pod requests or limits: containers and sidecars add up; ordinary init containers set a floor (upstream PodRequests/PodLimits). */
export function podResourceTotals(spec: PodSpec, which: 'requests' | 'limits'): Map<string, Quantity> {
  const total = new Map<string, Quantity>();
  for (const c of spec.containers ?? []) addList(total, c.resources?.[which]);
  const sidecars = new Map<string, Quantity>();
  const initFloor = new Map<string, Quantity>();
  for (const c of (spec.initContainers ?? []) as (Container & { restartPolicy?: string })[]) {
    const own = new Map<string, Quantity>();
    addList(own, c.resources?.[which]);
    if (c.restartPolicy === 'Always') {
      for (const [k, v] of own) {
        addTo(total, k, v);
        addTo(sidecars, k, v);
      }
      maxList(initFloor, sidecars);
    } else {
      const withSidecars = new Map(own);
      for (const [k, v] of sidecars) addTo(withSidecars, k, v);
      maxList(initFloor, withSidecars);
    }
  }
  maxList(total, initFloor);
  for (const [k, v] of Object.entries(spec.overhead ?? {})) {
    const q = tryParseQuantity(v);
    if (q && (which === 'requests' || total.has(k))) addTo(total, k, q);
  }
  return total;
}

/** upstream podComputeUsageHelper: the compute names a pod's requests and limits give. */
export function computeUsage(requests: Map<string, Quantity>, limits: Map<string, Quantity>): Usage {
  const u: Usage = new Map([['pods', one()]]);
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    const req = requests.get(r);
    if (req) {
      u.set(r, req);
      u.set(`requests.${r}`, req);
    }
    const lim = limits.get(r);
    if (lim) u.set(`limits.${r}`, lim);
  }
  for (const [k, v] of requests) {
    if (k.startsWith('hugepages-')) {
      u.set(k, v);
      u.set(`requests.${k}`, v);
    } else if (isExtendedResource(k)) {
      u.set(`requests.${k}`, v);
    }
  }
  return u;
}

/** upstream QuotaV1Pod: charged unless terminal or past its deletion grace period. */
export function podCharged(pod: Pod, now: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const del = pod.metadata.deletionTimestamp ? Date.parse(pod.metadata.deletionTimestamp) : NaN;
  const grace = pod.metadata.deletionGracePeriodSeconds;
  if (Number.isFinite(del) && grace != null && now > del + grace * 1000) return false;
  return true;
}

function podUsage(pod: Pod, now: number): Usage {
  const u: Usage = new Map([['count/pods', one()]]);
  if (!podCharged(pod, now)) return u;
  const spec = pod.spec ?? { containers: [] };
  for (const [k, v] of computeUsage(podResourceTotals(spec, 'requests'), podResourceTotals(spec, 'limits'))) u.set(k, v);
  return u;
}

function serviceUsage(svc: Service): Usage {
  const u: Usage = new Map([
    ['count/services', one()],
    ['services', one()],
  ]);
  const type = svc.spec?.type;
  const ports = svc.spec?.ports ?? [];
  if (type === 'LoadBalancer') u.set('services.loadbalancers', one());
  let nodePorts = 0;
  if (type === 'NodePort') nodePorts = ports.length;
  if (type === 'LoadBalancer') nodePorts = svc.spec?.allocateLoadBalancerNodePorts === false ? ports.filter((p) => p.nodePort).length : ports.length;
  if (nodePorts > 0) u.set('services.nodeports', quantityFromValue(nodePorts));
  return u;
}

function claimUsage(pvc: PersistentVolumeClaim): Usage {
  const u: Usage = new Map([
    ['count/persistentvolumeclaims', one()],
    ['persistentvolumeclaims', one()],
  ]);
  const storage = tryParseQuantity(pvc.spec?.resources?.requests?.storage);
  const sc = pvc.spec?.storageClassName ?? pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'];
  if (storage) u.set('requests.storage', storage);
  if (sc) {
    u.set(`${sc}.storageclass.storage.k8s.io/persistentvolumeclaims`, one());
    if (storage) u.set(`${sc}.storageclass.storage.k8s.io/requests.storage`, storage);
  }
  return u;
}

/** Everything `obj` (of resource `r`) counts against quota. */
export function usageOf(r: QuotaResource, obj: KubeObject, opts: { now?: number } = {}): Usage {
  if (r.group === '') {
    if (r.resource === 'pods') return podUsage(obj as Pod, opts.now ?? Date.now());
    if (r.resource === 'services') return serviceUsage(obj as Service);
    if (r.resource === 'persistentvolumeclaims') return claimUsage(obj as PersistentVolumeClaim);
  }
  const u: Usage = new Map([[objectCountName(r), one()]]);
  if (r.group === '' && LEGACY_COUNTS.has(r.resource)) u.set(r.resource, one());
  return u;
}

/** Whether a pod is BestEffort (no requests or limits of cpu or memory). */
export function isBestEffort(pod: Pod): boolean {
  return computePodQOS(pod.spec ?? { containers: [] }) === 'BestEffort';
}
