/** core/v1 Endpoints: the addresses that implement a service (superseded by EndpointSlices). */
import { defineKind } from '../../kind.js';
import type { KubeObject } from '../../meta.js';
import { ageColumn, col, formatAge, nameColumn } from '../../printing.js';
import { type FieldError, fieldPath, invalid, notSupported, required } from '../../validation/field-errors.js';
import { validateIP } from '../../validation/ip.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from '../../validation/names.js';
import type { Protocol } from './container-types.js';
import type { ObjectReference } from './object-reference.js';

/** One endpoint address. */
export interface EndpointAddress {
  /** The IP of the endpoint. */
  ip: string;
  /** The hostname of the endpoint. */
  hostname?: string;
  /** The node hosting the endpoint. */
  nodeName?: string;
  /** The object providing the endpoint, usually a pod. */
  targetRef?: ObjectReference;
}

/** A port served at every address of a subset. */
export interface EndpointPort {
  /** Must match the name of the service port; optional when there is only one port. */
  name?: string;
  /** The port number. */
  port: number;
  /** TCP, UDP or SCTP. Defaults to TCP. */
  protocol?: Protocol;
  /** The application protocol of this port. */
  appProtocol?: string;
}

/** A group of addresses sharing a set of ports. */
export interface EndpointSubset {
  /** Addresses that are ready to serve traffic. */
  addresses?: EndpointAddress[];
  /** Addresses that are not ready yet (or have recently failed readiness). */
  notReadyAddresses?: EndpointAddress[];
  /** Ports available on every address. */
  ports?: EndpointPort[];
}

export interface Endpoints extends KubeObject {
  /** The sets of addresses and ports that make up the service. */
  subsets?: EndpointSubset[];
}

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateAddress(a: EndpointAddress, field: string): FieldError[] {
  const errs = validateIP(a.ip ?? '', fieldPath(field, 'ip'));
  if (a.hostname) errs.push(...isDNS1123Label(a.hostname).map((m) => invalid(fieldPath(field, 'hostname'), a.hostname, m)));
  if (a.nodeName) errs.push(...isDNS1123Subdomain(a.nodeName).map((m) => invalid(fieldPath(field, 'nodeName'), a.nodeName, m)));
  return errs;
}

function validatePort(p: EndpointPort, requireName: boolean, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !p.name) errs.push(required(fieldPath(field, 'name')));
  else if (p.name) errs.push(...isDNS1123Label(p.name).map((m) => invalid(fieldPath(field, 'name'), p.name, m)));
  if (!(Number.isInteger(p.port) && p.port >= 1 && p.port <= 65535)) {
    errs.push(invalid(fieldPath(field, 'port'), p.port, 'must be between 1 and 65535, inclusive'));
  }
  if (!p.protocol) errs.push(required(fieldPath(field, 'protocol')));
  else if (!PROTOCOLS.includes(p.protocol)) errs.push(notSupported(fieldPath(field, 'protocol'), p.protocol, PROTOCOLS));
  if (p.appProtocol) errs.push(...isQualifiedName(p.appProtocol).map((m) => invalid(fieldPath(field, 'appProtocol'), p.appProtocol, m)));
  return errs;
}

function validateEndpoints(ep: Endpoints): FieldError[] {
  const errs: FieldError[] = [];
  (ep.subsets ?? []).forEach((ss, i) => {
    const f = fieldPath('subsets', i);
    if (!ss.addresses?.length && !ss.notReadyAddresses?.length) {
      errs.push(required(f, 'must specify `addresses` or `notReadyAddresses`'));
    }
    (ss.addresses ?? []).forEach((a, j) => errs.push(...validateAddress(a, fieldPath(f, 'addresses', j))));
    (ss.notReadyAddresses ?? []).forEach((a, j) => errs.push(...validateAddress(a, fieldPath(f, 'notReadyAddresses', j))));
    const ports = ss.ports ?? [];
    ports.forEach((p, j) => errs.push(...validatePort(p, ports.length > 1, fieldPath(f, 'ports', j))));
  });
  return errs;
}

/** "ip:port" pairs, at most three then "+ N more...", as kubectl's Endpoints column. */
export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  const add = (s: string): void => {
    if (list.length < 3) list.push(s);
    count++;
  };
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    if (!ss.ports?.length) for (const a of addrs) add(a.ip);
    for (const p of ss.ports ?? []) for (const a of addrs) add(a.ip.includes(':') ? `[${a.ip}]:${p.port}` : `${a.ip}:${p.port}`);
  }
  const text = list.join(',');
  return count > 3 ? `${text} + ${count - 3} more...` : text;
}

export const endpoints = defineKind<Endpoints>({
  group: '',
  version: 'v1',
  kind: 'Endpoints',
  listKind: 'EndpointsList',
  plural: 'endpoints',
  singular: 'endpoints',
  namespaced: true,
  shortNames: ['ep'],
  generationFields: [],
  defaults(ep) {
    for (const ss of ep.subsets ?? []) for (const p of ss.ports ?? []) p.protocol ||= 'TCP';
  },
  validate: validateEndpoints,
  table: {
    columns: [nameColumn, col('Endpoints', 0, 'string', 'The addresses and ports that implement the service.'), ageColumn],
    cells: (ep, now) => [ep.metadata.name, formatEndpoints(ep), formatAge(ep.metadata.creationTimestamp, now)],
  },
});
