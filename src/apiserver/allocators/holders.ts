/**
 * What a stored Service holds, in the shape `repair` takes. Typed structurally (the fields the
 * allocators read), so any Service object, typed or parsed JSON, fits.
 */
import type { ClusterIPHolder } from './cluster-ip-allocator.js';
import type { NodePortHolder } from './port-allocator.js';
import type { Owner } from './record.js';

export interface ServiceLike {
  metadata?: { namespace?: string; name?: string; uid?: string };
  spec?: {
    clusterIP?: string;
    clusterIPs?: string[];
    ports?: { nodePort?: number }[];
    healthCheckNodePort?: number;
  };
}

function ownerOf(svc: ServiceLike): Owner | null {
  const m = svc?.metadata;
  if (!m || typeof m.uid !== 'string' || m.uid === '') return null;
  return { namespace: m.namespace ?? '', name: m.name ?? '', uid: m.uid };
}

/** The ClusterIPs a Service holds (`spec.clusterIPs`, else `spec.clusterIP`); null without a uid. */
export function clusterIPHolderOf(svc: ServiceLike): ClusterIPHolder | null {
  const owner = ownerOf(svc);
  if (!owner) return null;
  const spec = svc.spec ?? {};
  const ips = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : spec.clusterIP ? [spec.clusterIP] : [];
  return { ...owner, ips };
}

/** The node ports a Service holds (each port's `nodePort` and `healthCheckNodePort`); null without a uid. */
export function nodePortHolderOf(svc: ServiceLike): NodePortHolder | null {
  const owner = ownerOf(svc);
  if (!owner) return null;
  const spec = svc.spec ?? {};
  const ports = (Array.isArray(spec.ports) ? spec.ports : []).map((p) => p?.nodePort ?? 0);
  if (spec.healthCheckNodePort) ports.push(spec.healthCheckNodePort);
  return { ...owner, ports };
}
