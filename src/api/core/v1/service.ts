/** core/v1 Service: a stable virtual IP and DNS name for a set of pods. */
import { defineKind } from '../../kind.js';
import { ageColumn, col, formatAge, formatLabels, nameColumn } from '../../printing.js';
import { isDNS1035Label } from '../../validation/names.js';
import { ipFamilyOf } from '../../validation/ip.js';
import type { Service, ServicePort } from './service-types.js';
import { isExternallyAccessible, validateService, validateServiceUpdate } from './service-validation.js';

export * from './service-types.js';
export { isExternallyAccessible, isHeadless, validateService, validateServiceUpdate } from './service-validation.js';

/** Upstream's default ClientIP affinity timeout: three hours. */
export const DEFAULT_CLIENT_IP_TIMEOUT = 10800;

/** Upstream's Service defaults. Cluster IPs and node ports are allocated by the apiserver, not here. */
export function defaultService(svc: Service): void {
  const spec = (svc.spec ??= {});
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_TIMEOUT } };
  }
  spec.type ||= 'ClusterIP';
  for (const p of spec.ports ?? []) {
    p.protocol ||= 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (isExternallyAccessible(spec)) spec.externalTrafficPolicy ||= 'Cluster';
  if (spec.type !== 'ExternalName') spec.internalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer') {
    spec.allocateLoadBalancerNodePorts ??= true;
    for (const ing of svc.status?.loadBalancer?.ingress ?? []) if (ing.ip && !ing.ipMode) ing.ipMode = 'VIP';
  }
  // clusterIP and clusterIPs mirror each other (upstream's REST layer keeps them in step).
  if (spec.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
  if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
  if (spec.type !== 'ExternalName') {
    spec.ipFamilyPolicy ||= 'SingleStack';
    if (!spec.ipFamilies?.length) {
      const fam = spec.clusterIP && spec.clusterIP !== 'None' ? ipFamilyOf(spec.clusterIP) : 4;
      spec.ipFamilies = [fam === 6 ? 'IPv6' : 'IPv4'];
    }
  }
}

/** The Port(s) cell: "80/TCP", "80:30080/TCP", joined by ',' ("<none>" when empty). */
export function formatServicePorts(ports: ServicePort[] | undefined): string {
  const list = (ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`));
  return list.length ? list.join(',') : '<none>';
}

/** The External-IP cell, as upstream's getServiceExternalIP (server-side tables are always wide). */
export function serviceExternalIP(svc: Service): string {
  const spec = svc.spec ?? {};
  const external = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = [...new Set((svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter(Boolean))].sort();
      if (external.length) return [...lb, ...external].join(',');
      return lb.length ? lb.join(',') : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
  }
  return '<unknown>';
}

export const service = defineKind<Service>({
  group: '',
  version: 'v1',
  kind: 'Service',
  plural: 'services',
  singular: 'service',
  namespaced: true,
  shortNames: ['svc'],
  categories: ['all'],
  statusSubresource: true,
  extraSubresources: [{ name: 'proxy', kind: 'ServiceProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] }],
  nameValidator: isDNS1035Label,
  generationFields: [],
  defaults: defaultService,
  validate: validateService,
  validateUpdate: validateServiceUpdate,
  table: {
    columns: [
      nameColumn,
      col('Type', 0, 'string', 'How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName.'),
      col('Cluster-IP', 0, 'string', 'The virtual IP of the service.'),
      col('External-IP', 0, 'string', 'External IPs and load balancer addresses of the service.'),
      col('Port(s)', 0, 'string', 'The ports exposed by the service.'),
      ageColumn,
      col('Selector', 1, 'string', 'The pods the service routes traffic to.'),
    ],
    cells: (svc, now) => [
      svc.metadata.name,
      svc.spec?.type ?? '',
      svc.spec?.clusterIPs?.[0] || '<none>',
      serviceExternalIP(svc),
      formatServicePorts(svc.spec?.ports),
      formatAge(svc.metadata.creationTimestamp, now),
      formatLabels(svc.spec?.selector),
    ],
  },
  fieldSelectors: {
    'spec.clusterIP': (svc) => svc.spec?.clusterIP ?? '',
    'spec.type': (svc) => svc.spec?.type ?? '',
  },
});
