/** discovery.k8s.io/v1 EndpointSlice: a subset of the endpoints of a Service. */
import { isIPv4, isIPv6 } from 'node:net';
import type { ObjectReference } from '../../core/v1/object-reference.js';
import { defineKind } from '../../kind.js';
import type { KubeObject } from '../../meta.js';
import { ageColumn, col, formatAge, nameColumn } from '../../printing.js';
import { type FieldError, duplicate, invalid, notSupported, required, tooMany, IMMUTABLE } from '../../validation/field-errors.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from '../../validation/names.js';
import { validateLabels } from '../../validation/object-meta.js';

export type AddressType = 'IPv4' | 'IPv6' | 'FQDN';

/** The state of an endpoint. */
export interface EndpointConditions {
  /** Whether the endpoint is ready for traffic (and not terminating). */
  ready?: boolean;
  /** Whether the endpoint can serve traffic, regardless of terminating. */
  serving?: boolean;
  /** Whether the endpoint is terminating. */
  terminating?: boolean;
}

/** A zone an endpoint should serve. */
export interface ForZone {
  /** The zone's name. */
  name: string;
}

/** A node an endpoint should serve. */
export interface ForNode {
  /** The node's name. */
  name: string;
}

/** Topology hints for consumers of the endpoint. */
export interface EndpointHints {
  /** Zones this endpoint should serve (topology-aware routing). */
  forZones?: ForZone[];
  /** Nodes this endpoint should serve. */
  forNodes?: ForNode[];
}

/** One backend of the Service. */
export interface Endpoint {
  /** The endpoint's addresses, of the slice's addressType; consumers use the first. 1 to 100. */
  addresses: string[];
  /** The endpoint's state. */
  conditions?: EndpointConditions;
  /** A DNS label for the endpoint, used by DNS for headless Services. */
  hostname?: string;
  /** The object backing the endpoint, usually a Pod. */
  targetRef?: ObjectReference;
  /** Deprecated topology labels; use nodeName and zone. */
  deprecatedTopology?: Record<string, string>;
  /** The node hosting the endpoint. */
  nodeName?: string;
  /** The zone the endpoint is in. */
  zone?: string;
  /** Hints for how consumers should route to the endpoint. */
  hints?: EndpointHints;
}

/** A port the endpoints serve. */
export interface EndpointPort {
  /** The port's name, matching the Service port's name. Defaults to "". */
  name?: string;
  /** TCP (default), UDP or SCTP. */
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  /** The port number; every port when unset. */
  port?: number;
  /** The application protocol, e.g. "http" or "kubernetes.io/h2c". */
  appProtocol?: string;
}

/** A set of endpoints of a Service (labelled kubernetes.io/service-name). */
export interface EndpointSlice extends KubeObject {
  /** IPv4, IPv6 or FQDN: the kind of address in every endpoint. Immutable. */
  addressType: AddressType;
  /** The endpoints; at most 1000. */
  endpoints: Endpoint[];
  /** The ports every endpoint serves; none means no ports are exposed. */
  ports?: EndpointPort[];
}

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const MAX_ENDPOINTS = 1000;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 20000;
const MAX_TOPOLOGY_LABELS = 16;
const MAX_ZONE_HINTS = 8;

/** Upstream's IPv4 predicates on the first octet(s), and the IPv6 ones on the prefix. */
function endpointIPProblems(ip: string): string[] {
  const errs: string[] = [];
  const v4 = isIPv4(ip) ? ip.split('.').map(Number) : undefined;
  const low = ip.toLowerCase();
  if (v4 ? v4.every((o) => o === 0) : /^[0:]+$/.test(low)) errs.push(`may not be unspecified (${ip})`);
  if (v4 ? v4[0] === 127 : low === '::1') errs.push('may not be in the loopback range (127.0.0.0/8, ::1/128)');
  if (v4 ? v4[0] === 169 && v4[1] === 254 : /^fe[89ab]/.test(low)) errs.push('may not be in the link-local range (169.254.0.0/16, fe80::/10)');
  if (v4 ? v4[0] === 224 && v4[1] === 0 && v4[2] === 0 : /^ff02:/.test(low)) {
    errs.push('may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)');
  }
  return errs;
}

/** IsFullyQualifiedDomainName. */
function fqdnErrors(name: string, field: string): FieldError[] {
  if (!name) return [required(field)];
  const trimmed = name.endsWith('.') ? name.slice(0, -1) : name;
  const sub = isDNS1123Subdomain(trimmed);
  if (sub.length) return [invalid(field, trimmed, sub.join(','))];
  const labels = trimmed.split('.');
  if (labels.length < 2) return [invalid(field, trimmed, 'should be a domain with at least two segments separated by dots')];
  for (const label of labels) {
    const errs = isDNS1123Label(label);
    if (errs.length) return [invalid(field, label, errs.join(','))];
  }
  return [];
}

function validateAddress(address: string, type: AddressType, field: string): FieldError[] {
  switch (type) {
    case 'IPv4':
      return isIPv4(address) ? endpointIPProblems(address).map((m) => invalid(field, address, m)) : [invalid(field, address, 'must be a valid IPv4 address')];
    case 'IPv6':
      return isIPv6(address) ? endpointIPProblems(address).map((m) => invalid(field, address, m)) : [invalid(field, address, 'must be a valid IPv6 address')];
    case 'FQDN':
      return fqdnErrors(address, field);
    default:
      return [];
  }
}

function validateHints(hints: EndpointHints, field: string): FieldError[] {
  const zones = hints.forZones ?? [];
  if (zones.length > MAX_ZONE_HINTS) return [tooMany(`${field}.forZones`, zones.length, MAX_ZONE_HINTS)];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  zones.forEach((z, i) => {
    const f = `${field}.forZones[${i}].name`;
    if (seen.has(z.name)) errs.push(duplicate(f, z.name));
    seen.add(z.name);
    for (const m of isValidLabelValue(z.name ?? '')) errs.push(invalid(f, z.name, m));
  });
  return errs;
}

function validateEndpoint(ep: Endpoint, type: AddressType, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const addresses = ep.addresses ?? [];
  if (addresses.length === 0) errs.push(required(`${field}.addresses`, 'must contain at least 1 address'));
  else if (addresses.length > MAX_ADDRESSES) errs.push(tooMany(`${field}.addresses`, addresses.length, MAX_ADDRESSES));
  addresses.forEach((a, i) => errs.push(...validateAddress(a, type, `${field}.addresses[${i}]`)));
  if (ep.nodeName != null) for (const m of isDNS1123Subdomain(ep.nodeName)) errs.push(invalid(`${field}.nodeName`, ep.nodeName, m));
  const topology = ep.deprecatedTopology ?? {};
  if (Object.keys(topology).length > MAX_TOPOLOGY_LABELS) {
    errs.push(tooMany(`${field}.deprecatedTopology`, Object.keys(topology).length, MAX_TOPOLOGY_LABELS));
  }
  errs.push(...validateLabels(topology, `${field}.deprecatedTopology`));
  if (ep.zone != null) for (const m of isValidLabelValue(ep.zone)) errs.push(invalid(`${field}.zone`, ep.zone, m));
  if (ep.hostname != null) for (const m of isDNS1123Label(ep.hostname)) errs.push(invalid(`${field}.hostname`, ep.hostname, m));
  if (ep.hints) errs.push(...validateHints(ep.hints, `${field}.hints`));
  return errs;
}

function validatePorts(ports: EndpointPort[]): FieldError[] {
  if (ports.length > MAX_PORTS) return [tooMany('ports', ports.length, MAX_PORTS)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const f = `ports[${i}]`;
    const name = p.name ?? '';
    if (name) for (const m of isDNS1123Label(name)) errs.push(invalid(`${f}.name`, name, m));
    if (names.has(name)) errs.push(duplicate(`${f}.name`, name));
    names.add(name);
    if (!p.protocol) errs.push(required(`${f}.protocol`));
    else if (!PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${f}.protocol`, p.protocol, PROTOCOLS));
    if (p.appProtocol != null) for (const m of isQualifiedName(p.appProtocol)) errs.push(invalid(`${f}.appProtocol`, p.appProtocol, m));
  });
  return errs;
}

function validateEndpointSlice(eps: EndpointSlice): FieldError[] {
  const errs: FieldError[] = [];
  if (!eps.addressType) errs.push(required('addressType'));
  else if (!ADDRESS_TYPES.includes(eps.addressType)) errs.push(notSupported('addressType', eps.addressType, ADDRESS_TYPES));
  const endpoints = eps.endpoints ?? [];
  if (endpoints.length > MAX_ENDPOINTS) errs.push(tooMany('endpoints', endpoints.length, MAX_ENDPOINTS));
  else endpoints.forEach((ep, i) => errs.push(...validateEndpoint(ep, eps.addressType, `endpoints[${i}]`)));
  errs.push(...validatePorts(eps.ports ?? []));
  return errs;
}

/** Up to three entries, then "+ N more..."; "<unset>" for none (listWithMoreString). */
function listWithMore(items: string[]): string {
  if (items.length === 0) return '<unset>';
  const shown = items.slice(0, 3).join(',');
  return items.length > 3 ? `${shown} + ${items.length - 3} more...` : shown;
}

export function formatSlicePorts(ports: EndpointPort[] | undefined): string {
  return listWithMore((ports ?? []).map((p) => (p.port != null ? String(p.port) : p.name != null ? p.name : '*')));
}

export function formatSliceEndpoints(endpoints: Endpoint[] | undefined): string {
  return listWithMore((endpoints ?? []).flatMap((e) => e.addresses ?? []));
}

export const endpointSlice = defineKind<EndpointSlice>({
  group: 'discovery.k8s.io',
  version: 'v1',
  kind: 'EndpointSlice',
  plural: 'endpointslices',
  singular: 'endpointslice',
  namespaced: true,
  generationFields: ['addressType', 'endpoints', 'ports'],
  defaults(eps) {
    for (const p of eps.ports ?? []) {
      p.name ??= '';
      p.protocol ??= 'TCP';
    }
  },
  validate: validateEndpointSlice,
  validateUpdate(eps, old) {
    const errs = validateEndpointSlice(eps);
    if (eps.addressType !== old.addressType) errs.push(invalid('addressType', eps.addressType, IMMUTABLE));
    return errs;
  },
  table: {
    columns: [
      nameColumn,
      col('AddressType', 0, 'string', 'addressType specifies the type of address carried by this EndpointSlice.'),
      col('Ports', 0, 'string', 'ports specifies the list of network ports exposed by each endpoint in this slice.'),
      col('Endpoints', 0, 'string', 'endpoints is a list of unique endpoints in this slice.'),
      ageColumn,
    ],
    cells: (eps, now) => [
      eps.metadata.name,
      eps.addressType,
      formatSlicePorts(eps.ports),
      formatSliceEndpoints(eps.endpoints),
      formatAge(eps.metadata.creationTimestamp, now),
    ],
  },
  fieldSelectors: {
    addressType: (eps) => eps.addressType ?? '',
  },
});
