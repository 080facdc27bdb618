/** Which kind-specific hooks apply to which kind, and the start-up work they need. */
import type { AnyKind } from '../../api/scheme.js';
import type { Backend } from '../../storage/index.js';
import { ClusterIPAllocator, PortAllocator } from '../allocators/index.js';
import type { ApiServices } from '../handlers/context.js';
import type { KindHooks } from '../registry/hooks.js';
import { bootstrapCluster } from './bootstrap.js';
import { namespaceDeletion, namespaceLifecycle } from './namespace-lifecycle.js';
import { podAdmission } from './pod-admission.js';
import { limitRanger, resourceQuota } from './quota.js';
import { podDeletion } from './pods.js';
import { ServiceAllocation } from './services.js';

/** Runs several hook sets in order for one kind. */
function combine(list: KindHooks[]): KindHooks {
  if (list.length === 1) return list[0]!;
  const out: KindHooks = {};
  out.beforeCreate = async (o, s) => { for (const h of list) await h.beforeCreate?.(o, s); };
  out.rollbackCreate = async (o, s) => { for (const h of list) await h.rollbackCreate?.(o, s); };
  out.prepareUpdate = (o, old, s) => { for (const h of list) h.prepareUpdate?.(o, old, s); };
  out.beforeUpdate = async (o, old, s) => { for (const h of list) await h.beforeUpdate?.(o, old, s); };
  out.rollbackUpdate = async (o, old, s) => { for (const h of list) await h.rollbackUpdate?.(o, old, s); };
  out.afterUpdate = async (o, old) => { for (const h of list) await h.afterUpdate?.(o, old); };
  out.afterDelete = async (o) => { for (const h of list) await h.afterDelete?.(o); };
  const grace = list.find((h) => h.deleteGraceSeconds);
  if (grace) out.deleteGraceSeconds = grace.deleteGraceSeconds!.bind(grace);
  const begin = list.find((h) => h.beginDelete);
  if (begin) out.beginDelete = begin.beginDelete!.bind(begin);
  const pending = list.find((h) => h.pendingFinalizers);
  if (pending) out.pendingFinalizers = pending.pendingFinalizers!.bind(pending);
  return out;
}

export interface HookOptions {
  serviceCIDR?: string;
  nodePortRange?: string;
}

export class KindHookRegistry {
  private readonly cache = new Map<AnyKind, KindHooks>();
  private readonly lifecycle: KindHooks;
  private readonly quota: KindHooks;
  readonly clusterIPs: ClusterIPAllocator;
  readonly nodePorts: PortAllocator;
  private readonly services: ServiceAllocation;

  constructor(
    private readonly backend: Backend,
    opts: HookOptions = {},
  ) {
    this.lifecycle = namespaceLifecycle(backend);
    this.quota = resourceQuota(backend);
    this.clusterIPs = new ClusterIPAllocator(backend, { cidr: opts.serviceCIDR });
    this.nodePorts = new PortAllocator(backend, { range: opts.nodePortRange });
    this.services = new ServiceAllocation(this.clusterIPs, this.nodePorts);
  }

  for(kind: AnyKind): KindHooks {
    let h = this.cache.get(kind);
    if (!h) {
      const list: KindHooks[] = [];
      if (kind.namespaced) list.push(this.lifecycle);
      const id = `${kind.group}/${kind.plural}`;
      if (id === '/namespaces') list.push(namespaceDeletion());
      if (id === '/pods') list.push(podDeletion(), podAdmission(this.backend), limitRanger(this.backend));
      // Quota admission goes last, after everything that changes what the object requests.
      if (kind.namespaced && id !== '/events') list.push(this.quota);
      if (id === '/services') list.push(this.services.hooks());
      h = list.length ? combine(list) : {};
      this.cache.set(kind, h);
    }
    return h;
  }

  /** Creates the system namespaces and the kubernetes Service, then repairs allocations. */
  async start(services: ApiServices): Promise<void> {
    await bootstrapCluster(services, { backend: this.backend, clusterIPs: this.clusterIPs, nodePorts: this.nodePorts });
  }
}
