/** Validation of core/v1 Service, worded as upstream's ValidateService and ValidateServiceUpdate. */
import { type FieldError, duplicate, fieldPath, forbidden, invalid, notSupported, required } from '../../validation/field-errors.js';
import { invalidRendered } from '../../validation/go-format.js';
import { validateIP } from '../../validation/ip.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from '../../validation/names.js';
import { validateLabels } from '../../validation/object-meta.js';
import { validatePortNumOrName } from './probe.js';
import type { Service, ServicePort, ServiceSpec } from './service-types.js';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
const FAMILIES = ['IPv4', 'IPv6'];
const MAX_AFFINITY_SECONDS = 86400;
const PORT_RANGE = 'must be between 1 and 65535, inclusive';

export function isHeadless(spec: ServiceSpec | undefined): boolean {
  return spec?.clusterIP === 'None';
}

/** LoadBalancer and NodePort services, and ClusterIP services with external IPs, take outside traffic. */
export function isExternallyAccessible(spec: ServiceSpec | undefined): boolean {
  const t = spec?.type;
  return t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && (spec?.externalIPs ?? []).length > 0);
}

function goStrings(values: readonly string[] | undefined): string {
  return values ? `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}` : '[]string(nil)';
}

function isPort(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;
}

function validatePort(p: ServicePort, requireName: boolean, names: Set<string>, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !p.name) errs.push(required(fieldPath(field, 'name')));
  else if (p.name) {
    errs.push(...isDNS1123Label(p.name).map((m) => invalid(fieldPath(field, 'name'), p.name, m)));
    if (names.has(p.name)) errs.push(duplicate(fieldPath(field, 'name'), p.name));
    else names.add(p.name);
  }
  if (!isPort(p.port)) errs.push(invalid(fieldPath(field, 'port'), p.port ?? 0, PORT_RANGE));
  if (!p.protocol) errs.push(required(fieldPath(field, 'protocol')));
  else if (!PROTOCOLS.includes(p.protocol)) errs.push(notSupported(fieldPath(field, 'protocol'), p.protocol, PROTOCOLS));
  errs.push(...validatePortNumOrName(p.targetPort, fieldPath(field, 'targetPort')));
  if (p.appProtocol !== undefined) {
    errs.push(...isQualifiedName(p.appProtocol).map((m) => invalid(fieldPath(field, 'appProtocol'), p.appProtocol, m)));
  }
  return errs;
}

function validatePorts(spec: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const ports = spec.ports ?? [];
  const names = new Set<string>();
  const pairs = new Set<string>();
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const f = fieldPath('spec', 'ports', i);
    errs.push(...validatePort(p, ports.length > 1, names, f));
    if (spec.type === 'ClusterIP' && p.nodePort) errs.push(forbidden(fieldPath(f, 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
    if (p.nodePort) {
      const np = `${p.protocol}/${p.nodePort}`;
      if (nodePorts.has(np)) errs.push(duplicate(fieldPath(f, 'nodePort'), p.nodePort));
      nodePorts.add(np);
    }
    const pair = `${p.protocol}/${p.port}`;
    if (pairs.has(pair)) errs.push(duplicate(f, { port: p.port, protocol: p.protocol }));
    pairs.add(pair);
  });
  return errs;
}

function validateTypeRules(spec: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const first = 'spec.clusterIPs[0]';
  switch (spec.type) {
    case 'LoadBalancer':
    case 'NodePort':
      if (isHeadless(spec)) errs.push(invalid(first, 'None', `may not be set to 'None' for ${spec.type} services`));
      break;
    case 'ExternalName': {
      if ((spec.clusterIPs ?? []).length || spec.clusterIP) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
      if ((spec.ipFamilies ?? []).length) errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
      if (spec.ipFamilyPolicy) errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
      const cname = (spec.externalName ?? '').replace(/\.$/, '');
      if (!cname) errs.push(required('spec.externalName'));
      else errs.push(...isDNS1123Subdomain(cname).map((m) => invalid('spec.externalName', cname, m)));
      break;
    }
  }
  if (!spec.type) errs.push(required('spec.type'));
  else if (!TYPES.includes(spec.type)) errs.push(notSupported('spec.type', spec.type, TYPES));
  return errs;
}

function validateAffinity(spec: ServiceSpec): FieldError[] {
  const f = 'spec.sessionAffinityConfig';
  if (!spec.sessionAffinity) return [required('spec.sessionAffinity')];
  if (spec.sessionAffinity === 'None') {
    return spec.sessionAffinityConfig ? [forbidden(f, 'must not be set when session affinity is None')] : [];
  }
  if (spec.sessionAffinity !== 'ClientIP') return [notSupported('spec.sessionAffinity', spec.sessionAffinity, ['ClientIP', 'None'])];
  const why = 'when session affinity type is ClientIP';
  const cfg = spec.sessionAffinityConfig;
  if (!cfg) return [required(f, why)];
  if (!cfg.clientIP) return [required(`${f}.clientIP`, why)];
  const t = cfg.clientIP.timeoutSeconds;
  if (t === undefined || t === null) return [required(`${f}.clientIP.timeoutSeconds`, why)];
  return t > 0 && t <= MAX_AFFINITY_SECONDS ? [] : [invalid(`${f}.clientIP.timeoutSeconds`, t, `must be greater than 0 and less than ${MAX_AFFINITY_SECONDS}`)];
}

function validateClusterIPs(spec: ServiceSpec): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips = spec.clusterIPs ?? [];
  if (spec.clusterIP && ips.length && spec.clusterIP !== ips[0]) {
    errs.push(invalidRendered('spec.clusterIPs', goStrings(ips), 'first value must match `clusterIP`'));
  }
  if (spec.ipFamilyPolicy && !FAMILY_POLICIES.includes(spec.ipFamilyPolicy)) {
    errs.push(notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, FAMILY_POLICIES));
  }
  const seen = new Set<string>();
  (spec.ipFamilies ?? []).forEach((fam, i) => {
    if (!FAMILIES.includes(fam)) errs.push(notSupported(`spec.ipFamilies[${i}]`, fam, FAMILIES));
    if (seen.has(fam)) errs.push(duplicate(`spec.ipFamilies[${i}]`, fam));
    seen.add(fam);
  });
  if (isHeadless(spec)) {
    if (ips.length > 1) errs.push(invalidRendered('spec.clusterIPs', goStrings(ips), "must not have more than one value when the first is 'None'"));
    return errs;
  }
  ips.forEach((ip, i) => {
    if (ip === 'None') errs.push(invalid(`spec.clusterIPs[${i}]`, ip, "may only be set to 'None' as the first value"));
    else if (ip) errs.push(...validateIP(ip, `spec.clusterIPs[${i}]`));
  });
  if (ips.length > 1 && spec.ipFamilyPolicy === 'SingleStack') {
    errs.push(invalidRendered('spec.clusterIPs', goStrings(ips), "must be at most one value when `ipFamilyPolicy` is 'SingleStack'"));
  }
  return errs;
}

function validateTrafficPolicies(spec: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  if (!isExternallyAccessible(spec)) {
    if (spec.externalTrafficPolicy) {
      errs.push(invalid('spec.externalTrafficPolicy', spec.externalTrafficPolicy, 'may only be set for externally-accessible services'));
    }
  } else if (!spec.externalTrafficPolicy) {
    errs.push(required('spec.externalTrafficPolicy'));
  } else if (!TRAFFIC_POLICIES.includes(spec.externalTrafficPolicy)) {
    errs.push(notSupported('spec.externalTrafficPolicy', spec.externalTrafficPolicy, TRAFFIC_POLICIES));
  }
  const needsHealthCheck = spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
  if (!needsHealthCheck && spec.healthCheckNodePort) {
    errs.push(invalid('spec.healthCheckNodePort', spec.healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  }
  if (spec.internalTrafficPolicy === undefined || spec.internalTrafficPolicy === null) {
    if (spec.type && spec.type !== 'ExternalName') errs.push(required('spec.internalTrafficPolicy'));
  } else if (!TRAFFIC_POLICIES.includes(spec.internalTrafficPolicy)) {
    errs.push(notSupported('spec.internalTrafficPolicy', spec.internalTrafficPolicy, TRAFFIC_POLICIES));
  }
  return errs;
}

function validateLoadBalancerFields(spec: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const lb = spec.type === 'LoadBalancer';
  if ((spec.loadBalancerSourceRanges ?? []).length && !lb) {
    errs.push(forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts !== null && !lb) {
    errs.push(forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (spec.loadBalancerClass !== undefined && spec.loadBalancerClass !== null) {
    if (!lb) errs.push(forbidden('spec.loadBalancerClass', 'may only be used when service type is LoadBalancer'));
    else errs.push(...isQualifiedName(spec.loadBalancerClass).map((m) => invalid('spec.loadBalancerClass', spec.loadBalancerClass, m)));
  }
  return errs;
}

/** Checks a service (metadata is checked by the caller). */
export function validateService(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  const errs: FieldError[] = [];
  if (!(spec.ports ?? []).length && !isHeadless(spec) && spec.type !== 'ExternalName') errs.push(required('spec.ports'));
  errs.push(...validateTypeRules(spec), ...validatePorts(spec));
  if (spec.selector) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  errs.push(...validateAffinity(spec), ...validateClusterIPs(spec));
  (spec.externalIPs ?? []).forEach((ip, i) => errs.push(...validateIP(ip, `spec.externalIPs[${i}]`)));
  errs.push(...validateLoadBalancerFields(spec), ...validateTrafficPolicies(spec));
  return errs;
}

/** Update: clusterIPs may not change (except to or from ExternalName), nor the load balancer class once set. */
export function validateServiceUpdate(svc: Service, old: Service): FieldError[] {
  const errs = validateService(svc);
  const spec = svc.spec ?? {};
  const prev = old.spec ?? {};
  if (spec.type !== 'ExternalName' && prev.type !== 'ExternalName' && !(isHeadless(spec) && isHeadless(prev))) {
    const now = spec.clusterIPs ?? [];
    const was = prev.clusterIPs ?? [];
    if (now.length === was.length || now.length === 0) {
      was.forEach((ip, i) => {
        if (ip !== now[i]) errs.push(invalidRendered(`spec.clusterIPs[${i}]`, goStrings(now), 'may not change once set'));
      });
    } else if (now[0] !== was[0]) {
      errs.push(invalidRendered('spec.clusterIPs[0]', goStrings(now), 'may not change once set'));
    }
  }
  if (prev.type === 'LoadBalancer' && spec.type === 'LoadBalancer' && (prev.loadBalancerClass ?? null) !== (spec.loadBalancerClass ?? null)) {
    errs.push(invalid('spec.loadBalancerClass', spec.loadBalancerClass ?? null, 'may not change once set'));
  }
  return errs;
}
