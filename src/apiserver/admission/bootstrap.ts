/**
 * What every cluster has from the first start: the namespaces default, kube-system, kube-public
 * and kube-node-lease, and the `kubernetes` Service on the first service IP. Then the allocation
 * records are reconciled with the stored Services (a crash between allocating and storing leaks).
 */
import type { KubeObject } from '../../api/meta.js';
import { isAlreadyExists, isNotFound } from '../../machinery/index.js';
import type { Backend } from '../../storage/index.js';
import type { ClusterIPAllocator, PortAllocator } from '../allocators/index.js';
import type { ApiServices } from '../handlers/context.js';
import type { RequestScope } from '../registry/hooks.js';
import { decodeStored } from '../registry/codec.js';
import { resourcePrefix, SERVICES } from '../registry/keys.js';
import { SYSTEM_NAMESPACES } from './namespace-lifecycle.js';
import type { ServiceLike } from './services.js';

export interface BootstrapDeps {
  backend: Backend;
  clusterIPs: ClusterIPAllocator;
  nodePorts: PortAllocator;
  /** Port the apiserver listens on (the kubernetes Service's target). */
  apiPort?: number;
}

const SYSTEM_PRIORITY_CLASSES: [string, number][] = [
  ['system-node-critical', 2000001000],
  ['system-cluster-critical', 2000000000],
];

const SYSTEM_USER = { name: 'system:apiserver', groups: ['system:masters'] };

/** Creates the object unless it exists (checked first: admission may allocate before the store sees the duplicate). */
async function ensure(services: ApiServices, scope: Omit<RequestScope, 'dryRun' | 'subresource' | 'user'>, obj: KubeObject): Promise<void> {
  const full: RequestScope = { ...scope, dryRun: false, subresource: '', user: SYSTEM_USER, fieldManager: 'gantry-apiserver' };
  try {
    await services.store.get(full);
    return;
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  try {
    await services.store.create(full, obj);
  } catch (e) {
    if (!isAlreadyExists(e)) throw e;
  }
}

async function allServices(backend: Backend): Promise<ServiceLike[]> {
  const out: ServiceLike[] = [];
  let token: string | undefined;
  do {
    const page = await backend.list(resourcePrefix(SERVICES), { limit: 500, continue: token });
    for (const kv of page.items) out.push(decodeStored(kv) as ServiceLike);
    token = page.continue;
  } while (token);
  return out;
}

export async function bootstrapCluster(services: ApiServices, deps: BootstrapDeps): Promise<void> {
  const nsKind = services.scheme.resource('', 'v1', 'namespaces')!;
  for (const name of SYSTEM_NAMESPACES) {
    await ensure(services, { kind: nsKind, namespace: '', name }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  const pcKind = services.scheme.resource('scheduling.k8s.io', 'v1', 'priorityclasses');
  if (pcKind) {
    for (const [name, value] of SYSTEM_PRIORITY_CLASSES) {
      await ensure(services, { kind: pcKind, namespace: '', name }, {
        apiVersion: 'scheduling.k8s.io/v1',
        kind: 'PriorityClass',
        metadata: { name },
        value,
        description: 'Used for system critical pods that must not be moved from their current node.',
      } as KubeObject);
    }
  }
  const svcKind = services.scheme.resource('', 'v1', 'services');
  if (!svcKind) return;
  const existing = await allServices(deps.backend);
  await deps.clusterIPs.repair(
    existing.map((s) => ({ namespace: s.metadata.namespace ?? '', name: s.metadata.name ?? '', uid: s.metadata.uid ?? '', ips: s.spec?.clusterIPs ?? (s.spec?.clusterIP ? [s.spec.clusterIP] : []) })),
  );
  await deps.nodePorts.repair(
    existing.map((s) => ({ namespace: s.metadata.namespace ?? '', name: s.metadata.name ?? '', uid: s.metadata.uid ?? '', ports: (s.spec?.ports ?? []).map((p) => p.nodePort).filter((n): n is number => Boolean(n)) })),
  );
  await ensure(services, { kind: svcKind, namespace: 'default', name: 'kubernetes' }, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      type: 'ClusterIP',
      clusterIP: deps.clusterIPs.kubernetesServiceIP,
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: deps.apiPort ?? 6443 }],
      sessionAffinity: 'None',
    },
  } as KubeObject);
}
