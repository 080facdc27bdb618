/**
 * Service IP and NodePort allocation: on create (and type changes) the apiserver allocates
 * spec.clusterIP(s) and nodePorts, releases them on delete, and answers a taken or out-of-range
 * request with 422 as kube-apiserver does.
 */
import type { KubeObject } from '../../api/meta.js';
import { invalidRendered } from '../../api/validation/go-format.js';
import { ApiError } from '../../machinery/index.js';
import {
  AllocationError,
  allocationFieldDetail,
  allocationInternalMessage,
  type ClusterIPAllocator,
  type Owner,
  type PortAllocator,
} from '../allocators/index.js';
import type { KindHooks, RequestScope } from '../registry/hooks.js';

interface ServicePort {
  name?: string;
  port: number;
  nodePort?: number;
}

export interface ServiceLike extends KubeObject {
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    ports?: ServicePort[];
  };
}

function needsClusterIP(svc: ServiceLike): boolean {
  const t = svc.spec?.type ?? 'ClusterIP';
  return t !== 'ExternalName' && svc.spec?.clusterIP !== 'None';
}

function needsNodePorts(svc: ServiceLike): boolean {
  const t = svc.spec?.type;
  return t === 'NodePort' || t === 'LoadBalancer';
}

function ownerOf(svc: ServiceLike): Owner {
  return { namespace: svc.metadata.namespace ?? '', name: svc.metadata.name ?? '', uid: svc.metadata.uid ?? '' };
}

/** A value as Go's %#v prints it in field errors: []string{"a"}, 30080, "x". */
function goValue(value: unknown): string {
  if (Array.isArray(value)) return `[]string{${value.map((v) => JSON.stringify(String(v))).join(', ')}}`;
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

function invalidService(svc: ServiceLike, field: string, value: unknown, detail: string): ApiError {
  return ApiError.invalid({ group: '', kind: 'Service' }, svc.metadata.name ?? '', {
    causes: [invalidRendered(field, goValue(value), detail)],
  });
}

/** Holds what one request allocated, so that a failed or dry-run write can give it back. */
interface Taken {
  ips: string[];
  ports: number[];
}

/**
 * An update that leaves out spec.clusterIP(s) or a port's nodePort keeps the allocated ones
 * (kube-apiserver does the same, so that `kubectl replace` with a hand-written manifest works).
 */
function keepAllocated(svc: ServiceLike, old: ServiceLike): void {
  const spec = (svc.spec ??= {});
  const o = old.spec ?? {};
  if (!spec.clusterIP && o.clusterIP && (spec.type ?? 'ClusterIP') !== 'ExternalName') {
    spec.clusterIP = o.clusterIP;
    if (!spec.clusterIPs?.length) spec.clusterIPs = o.clusterIPs;
  }
  if (!needsNodePorts(svc) || !needsNodePorts(old)) return;
  for (const p of spec.ports ?? []) {
    if (p.nodePort) continue;
    const prev = (o.ports ?? []).find((q) => q.port === p.port && (q.name ?? '') === (p.name ?? ''));
    if (prev?.nodePort) p.nodePort = prev.nodePort;
  }
}

export class ServiceAllocation {
  private readonly pending = new WeakMap<KubeObject, Taken>();

  constructor(
    private readonly ips: ClusterIPAllocator,
    private readonly ports: PortAllocator,
  ) {}

  hooks(): KindHooks {
    return {
      beforeCreate: (obj, scope) => this.allocate(obj as ServiceLike, undefined, scope),
      rollbackCreate: (obj) => this.rollback(obj),
      prepareUpdate: (obj, old) => keepAllocated(obj as ServiceLike, old as ServiceLike),
      beforeUpdate: (obj, old, scope) => this.allocate(obj as ServiceLike, old as ServiceLike, scope),
      rollbackUpdate: (obj) => this.rollback(obj),
      afterUpdate: async (obj, old) => {
        this.pending.delete(obj);
        await this.releaseDropped(obj as ServiceLike, old as ServiceLike);
      },
      afterDelete: (obj) => this.releaseAll(obj as ServiceLike),
    };
  }

  private async allocate(svc: ServiceLike, old: ServiceLike | undefined, scope: RequestScope): Promise<void> {
    const taken: Taken = { ips: [], ports: [] };
    this.pending.set(svc, taken);
    const spec = (svc.spec ??= {});
    const owner = ownerOf(svc);
    const oldIP = old?.spec?.clusterIP;
    try {
      if (needsClusterIP(svc)) {
        if (old && oldIP && oldIP !== 'None') {
          if (spec.clusterIP && spec.clusterIP !== oldIP) {
            throw invalidService(svc, 'spec.clusterIPs[0]', spec.clusterIP, 'field is immutable');
          }
          spec.clusterIP = oldIP;
        } else if (spec.clusterIP) {
          taken.ips.push(await this.ips.allocateSpecific(spec.clusterIP, owner, { dryRun: scope.dryRun }));
        } else {
          const ip = await this.ips.allocate(owner, { dryRun: scope.dryRun });
          taken.ips.push(ip);
          spec.clusterIP = ip;
        }
        spec.clusterIPs = [spec.clusterIP!];
      } else if (spec.clusterIP === 'None') {
        spec.clusterIPs = ['None'];
      }
      await this.allocatePorts(svc, old, taken, scope);
    } catch (e) {
      await this.rollback(svc);
      throw this.toApiError(svc, e);
    }
  }

  private async allocatePorts(svc: ServiceLike, old: ServiceLike | undefined, taken: Taken, scope: RequestScope): Promise<void> {
    const ports = svc.spec?.ports ?? [];
    const held = new Set((old?.spec?.ports ?? []).map((p) => p.nodePort).filter((n): n is number => Boolean(n)));
    const owner = ownerOf(svc);
    if (!needsNodePorts(svc)) {
      for (const p of ports) delete p.nodePort;
      return;
    }
    for (const [i, p] of ports.entries()) {
      try {
        if (p.nodePort && held.has(p.nodePort)) continue;
        if (p.nodePort) {
          taken.ports.push(await this.ports.allocateSpecific(p.nodePort, owner, { dryRun: scope.dryRun }));
        } else {
          p.nodePort = await this.ports.allocate(owner, { dryRun: scope.dryRun });
          taken.ports.push(p.nodePort);
        }
      } catch (e) {
        if (e instanceof AllocationError && p.nodePort) {
          throw invalidService(svc, `spec.ports[${i}].nodePort`, p.nodePort, allocationFieldDetail(e));
        }
        throw e;
      }
    }
  }

  /** After an update is stored, give back what the old version held and the new one does not. */
  async releaseDropped(svc: ServiceLike, old: ServiceLike): Promise<void> {
    const keep = new Set((svc.spec?.ports ?? []).map((p) => p.nodePort));
    for (const p of old.spec?.ports ?? []) {
      if (p.nodePort && !keep.has(p.nodePort)) await this.ports.release(p.nodePort, { uid: old.metadata.uid });
    }
  }

  private async rollback(obj: KubeObject): Promise<void> {
    const taken = this.pending.get(obj);
    if (!taken) return;
    this.pending.delete(obj);
    const uid = obj.metadata.uid;
    for (const ip of taken.ips) await this.ips.release(ip, { uid }).catch(() => undefined);
    for (const port of taken.ports) await this.ports.release(port, { uid }).catch(() => undefined);
  }

  private async releaseAll(svc: ServiceLike): Promise<void> {
    const uid = svc.metadata.uid;
    for (const ip of svc.spec?.clusterIPs ?? []) if (ip !== 'None') await this.ips.release(ip, { uid }).catch(() => undefined);
    for (const p of svc.spec?.ports ?? []) if (p.nodePort) await this.ports.release(p.nodePort, { uid }).catch(() => undefined);
  }

  private toApiError(svc: ServiceLike, e: unknown): unknown {
    if (!(e instanceof AllocationError)) return e;
    if (e.kind === 'IP' && svc.spec?.clusterIP && e.item) {
      return invalidService(svc, 'spec.clusterIPs', [svc.spec.clusterIP], allocationFieldDetail(e));
    }
    return ApiError.internalError(new Error(allocationInternalMessage(e)));
  }
}
