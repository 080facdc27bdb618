/** Ingress validation, worded as upstream networking validation. */
import type { FieldError } from '../../validation/field-errors.js';
import { invalid, notSupported, required } from '../../validation/field-errors.js';
import { invalidRendered } from '../../validation/go-format.js';
import { isDNS1035Label, isDNS1123Subdomain, isValidPathSegmentName, isValidPortName } from '../../validation/names.js';
import { isIP } from 'node:net';
import type { HTTPIngressPath, Ingress, IngressBackend, IngressRule, IngressTLS, TypedLocalObjectReference } from './ingress-types.js';

const WILDCARD_RE = /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];

/** The legacy class annotation that may not be combined with spec.ingressClassName. */
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

export function isWildcardDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push('must be no more than 253 characters');
  if (!WILDCARD_RE.test(value)) {
    errs.push(
      "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of " +
        "lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', " +
        "regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  }
  return errs;
}

/** IsValidPortNum. */
export function isValidPortNum(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

/** A host that may be a wildcard ("*.example.com") or a plain DNS subdomain. */
function hostErrors(host: string): string[] {
  return host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
}

/** validateIngressTypedLocalObjectReference (also used by IngressClass parameters). */
export function validateTypedReference(ref: TypedLocalObjectReference, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (ref.apiGroup) for (const m of isDNS1123Subdomain(ref.apiGroup)) errs.push(invalid(`${field}.apiGroup`, ref.apiGroup, m));
  if (!ref.kind) errs.push(required(`${field}.kind`, 'kind is required'));
  else for (const m of isValidPathSegmentName(ref.kind)) errs.push(invalid(`${field}.kind`, ref.kind, m));
  if (!ref.name) errs.push(required(`${field}.name`, 'name is required'));
  else for (const m of isValidPathSegmentName(ref.name)) errs.push(invalid(`${field}.name`, ref.name, m));
  return errs;
}

function validateBackend(b: IngressBackend, field: string): FieldError[] {
  if (b.resource && b.service) return [invalid(field, '', 'cannot set both resource and service backends')];
  if (b.resource) return validateTypedReference(b.resource, `${field}.resource`);
  if (!b.service) return [invalid(field, '', 'resource or service backend is required')];
  const errs: FieldError[] = [];
  const svc = b.service;
  if (!svc.name) errs.push(required(`${field}.service.name`));
  else for (const m of isDNS1035Label(svc.name)) errs.push(invalid(`${field}.service.name`, svc.name, m));
  const name = svc.port?.name ?? '';
  const num = svc.port?.number ?? 0;
  if (name && num) errs.push(invalid(field, '', 'cannot set both port name & port number'));
  else if (name) for (const m of isValidPortName(name)) errs.push(invalid(`${field}.service.port.name`, name, m));
  else if (num) for (const m of isValidPortNum(num)) errs.push(invalid(`${field}.service.port.number`, num, m));
  else errs.push(required(field, 'port name or number is required'));
  return errs;
}

function validatePath(p: HTTPIngressPath, field: string): FieldError[] {
  if (!p.pathType) return [required(`${field}.pathType`, 'pathType must be specified')];
  const errs: FieldError[] = [];
  const path = p.path ?? '';
  if (p.pathType === 'Exact' || p.pathType === 'Prefix') {
    if (!path.startsWith('/')) errs.push(invalid(`${field}.path`, path, 'must be an absolute path'));
    for (const seq of INVALID_SEQUENCES) {
      if (path.includes(seq)) errs.push(invalid(`${field}.path`, path, `must not contain '${seq}'`));
    }
    for (const suffix of INVALID_SUFFIXES) {
      if (path.endsWith(suffix)) errs.push(invalid(`${field}.path`, path, `cannot end with '${suffix}'`));
    }
  } else if (p.pathType === 'ImplementationSpecific') {
    if (path && !path.startsWith('/')) errs.push(invalid(`${field}.path`, path, 'must be an absolute path'));
  } else {
    errs.push(notSupported(`${field}.pathType`, p.pathType, PATH_TYPES));
  }
  errs.push(...validateBackend(p.backend ?? {}, `${field}.backend`));
  return errs;
}

function validateRule(rule: IngressRule, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (rule.host) {
    if (isIP(rule.host)) errs.push(invalid(`${field}.host`, rule.host, 'must be a DNS name, not an IP address'));
    for (const m of hostErrors(rule.host)) errs.push(invalid(`${field}.host`, rule.host, m));
  }
  if (rule.http) {
    if (!rule.http.paths?.length) errs.push(required(`${field}.http.paths`));
    (rule.http.paths ?? []).forEach((p, i) => errs.push(...validatePath(p, `${field}.http.paths[${i}]`)));
  }
  return errs;
}

function validateTls(tls: IngressTLS[]): FieldError[] {
  const errs: FieldError[] = [];
  tls.forEach((t, i) =>
    (t.hosts ?? []).forEach((h, j) => {
      for (const m of hostErrors(h)) errs.push(invalid(`spec.tls[${i}].hosts[${j}]`, h, m));
    }),
  );
  return errs;
}

/** ValidateIngressCreate / ValidateIngressSpec. */
export function validateIngress(ing: Ingress): FieldError[] {
  const spec = ing.spec ?? {};
  const errs: FieldError[] = [];
  const rules = spec.rules ?? [];
  if (rules.length === 0 && !spec.defaultBackend) {
    const rendered = spec.rules ? '[]networking.IngressRule{}' : '[]networking.IngressRule(nil)';
    errs.push(invalidRendered('spec', rendered, 'either `defaultBackend` or `rules` must be specified'));
  }
  if (spec.defaultBackend) errs.push(...validateBackend(spec.defaultBackend, 'spec.defaultBackend'));
  rules.forEach((r, i) => errs.push(...validateRule(r, `spec.rules[${i}]`)));
  errs.push(...validateTls(spec.tls ?? []));
  if (spec.ingressClassName) {
    for (const m of isDNS1123Subdomain(spec.ingressClassName)) errs.push(invalid('spec.ingressClassName', spec.ingressClassName, m));
  }
  const annotation = ing.metadata.annotations?.[INGRESS_CLASS_ANNOTATION];
  if (spec.ingressClassName != null && annotation) {
    errs.push(invalid(`metadata.annotations.${INGRESS_CLASS_ANNOTATION}`, annotation, 'can not be set when the class field is also set'));
  }
  return errs;
}

/** Status addresses must be IPs (hostnames are free-form DNS names). */
export function validateIngressStatus(ing: Ingress): FieldError[] {
  const errs: FieldError[] = [];
  (ing.status?.loadBalancer?.ingress ?? []).forEach((lb, i) => {
    const field = `status.loadBalancer.ingress[${i}]`;
    if (lb.ip && !isIP(lb.ip)) errs.push(invalid(`${field}.ip`, lb.ip, 'must be a valid IP address'));
    if (lb.hostname) {
      for (const m of isDNS1123Subdomain(lb.hostname)) errs.push(invalid(`${field}.hostname`, lb.hostname, m));
      if (isIP(lb.hostname)) errs.push(invalid(`${field}.hostname`, lb.hostname, 'must be a DNS name, not an IP address'));
    }
  });
  return errs;
}
