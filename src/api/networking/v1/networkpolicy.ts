/** networking.k8s.io/v1 NetworkPolicy: which traffic may reach or leave a set of pods. */
import { defineKind } from '../../kind.js';
import type { KubeObject, LabelSelector } from '../../meta.js';
import { ageColumn, col, formatAge, nameColumn } from '../../printing.js';
import { type FieldError, forbidden, invalid, notSupported, required } from '../../validation/field-errors.js';
import type { IntOrString } from '../../validation/intstr.js';
import { formatLabelSelector, validateLabelSelector } from '../../validation/label-selector.js';
import { isValidPortName } from '../../validation/names.js';
import { isStrictSubnet, parseCidr } from './cidr.js';
import { isValidPortNum } from './ingress-validation.js';

/** An IP range, minus some sub-ranges. */
export interface IPBlock {
  /** The range, e.g. 192.168.1.0/24 or 2001:db8::/64. */
  cidr: string;
  /** Sub-ranges of cidr to leave out. */
  except?: string[];
}

/** A set of peers: pods by label (optionally in selected namespaces), or an IP block. */
export interface NetworkPolicyPeer {
  /** Pods selected by label, in the policy's namespace unless namespaceSelector is set. */
  podSelector?: LabelSelector;
  /** Namespaces selected by label; with podSelector, the selected pods in those namespaces. */
  namespaceSelector?: LabelSelector;
  /** An IP range; may not be combined with the selectors. */
  ipBlock?: IPBlock;
}

/** A port (or port range) and protocol. */
export interface NetworkPolicyPort {
  /** TCP (default), UDP or SCTP. */
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  /** A port number or a named pod port; every port when unset. */
  port?: IntOrString;
  /** With a numeric port, the end of the range port..endPort. */
  endPort?: number;
}

/** Traffic allowed into the selected pods. */
export interface NetworkPolicyIngressRule {
  /** Ports the traffic may reach; every port when empty. */
  ports?: NetworkPolicyPort[];
  /** Sources allowed; every source when empty. */
  from?: NetworkPolicyPeer[];
}

/** Traffic allowed out of the selected pods. */
export interface NetworkPolicyEgressRule {
  /** Destination ports allowed; every port when empty. */
  ports?: NetworkPolicyPort[];
  /** Destinations allowed; every destination when empty. */
  to?: NetworkPolicyPeer[];
}

export type PolicyType = 'Ingress' | 'Egress';

/** The pods the policy applies to and the traffic it allows. */
export interface NetworkPolicySpec {
  /** The pods the policy applies to; an empty selector selects every pod in the namespace. */
  podSelector: LabelSelector;
  /** Allowed incoming traffic. */
  ingress?: NetworkPolicyIngressRule[];
  /** Allowed outgoing traffic. */
  egress?: NetworkPolicyEgressRule[];
  /** Which directions the policy restricts; defaults to Ingress, plus Egress when egress rules are given. */
  policyTypes?: PolicyType[];
}

export interface NetworkPolicy extends KubeObject {
  /** The desired policy. */
  spec?: NetworkPolicySpec;
}

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const POLICY_TYPES = ['Ingress', 'Egress'];
const CIDR_MSG = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

function validatePort(p: NetworkPolicyPort, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p.protocol != null && !PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${field}.protocol`, p.protocol, PROTOCOLS));
  if (typeof p.port === 'number') {
    for (const m of isValidPortNum(p.port)) errs.push(invalid(`${field}.port`, p.port, m));
    if (p.endPort != null) {
      if (p.endPort < p.port) errs.push(invalid(`${field}.endPort`, p.port, 'must be greater than or equal to `port`'));
      for (const m of isValidPortNum(p.endPort)) errs.push(invalid(`${field}.endPort`, p.endPort, m));
    }
  } else if (typeof p.port === 'string') {
    if (p.endPort != null) errs.push(invalid(`${field}.endPort`, p.endPort, 'may not be specified when `port` is non-numeric'));
    for (const m of isValidPortName(p.port)) errs.push(invalid(`${field}.port`, p.port, m));
  } else if (p.endPort != null) {
    errs.push(invalid(`${field}.endPort`, p.endPort, 'may not be specified when `port` is not specified'));
  }
  return errs;
}

function validateIpBlock(b: IPBlock, field: string): FieldError[] {
  if (!b.cidr) return [required(`${field}.cidr`)];
  const outer = parseCidr(b.cidr);
  if (!outer) return [invalid(`${field}.cidr`, b.cidr, CIDR_MSG)];
  const errs: FieldError[] = [];
  (b.except ?? []).forEach((e, i) => {
    const inner = parseCidr(e);
    if (!inner) errs.push(invalid(`${field}.except[${i}]`, e, CIDR_MSG));
    else if (!isStrictSubnet(inner, outer)) errs.push(invalid(`${field}.except[${i}]`, e, 'must be a strict subset of `cidr`'));
  });
  return errs;
}

function validatePeer(peer: NetworkPolicyPeer, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  if (peer.podSelector) {
    n++;
    errs.push(...validateLabelSelector(peer.podSelector, `${field}.podSelector`));
  }
  if (peer.namespaceSelector) {
    n++;
    errs.push(...validateLabelSelector(peer.namespaceSelector, `${field}.namespaceSelector`));
  }
  if (peer.ipBlock) {
    n++;
    errs.push(...validateIpBlock(peer.ipBlock, `${field}.ipBlock`));
  }
  if (n === 0) errs.push(required(field, 'must specify a peer'));
  else if (n > 1 && peer.ipBlock) errs.push(forbidden(field, 'may not specify both ipBlock and another peer'));
  return errs;
}

function validateRules(
  rules: { ports?: NetworkPolicyPort[]; peers?: NetworkPolicyPeer[] }[],
  field: string,
  peerField: string,
): FieldError[] {
  return rules.flatMap((r, i) => [
    ...(r.ports ?? []).flatMap((p, j) => validatePort(p, `${field}[${i}].ports[${j}]`)),
    ...(r.peers ?? []).flatMap((p, j) => validatePeer(p, `${field}[${i}].${peerField}[${j}]`)),
  ]);
}

function validateNetworkPolicy(np: NetworkPolicy): FieldError[] {
  const spec = np.spec ?? ({ podSelector: {} } as NetworkPolicySpec);
  const errs = validateLabelSelector(spec.podSelector, 'spec.podSelector');
  errs.push(...validateRules((spec.ingress ?? []).map((r) => ({ ports: r.ports, peers: r.from })), 'spec.ingress', 'from'));
  errs.push(...validateRules((spec.egress ?? []).map((r) => ({ ports: r.ports, peers: r.to })), 'spec.egress', 'to'));
  const types = spec.policyTypes ?? [];
  if (types.length > POLICY_TYPES.length) {
    return [...errs, invalid('spec.policyTypes', types, 'may not specify more than two policyTypes')];
  }
  types.forEach((t, i) => {
    if (!POLICY_TYPES.includes(t)) errs.push(notSupported(`spec.policyTypes[${i}]`, t, POLICY_TYPES));
  });
  return errs;
}

function defaultPorts(rules: { ports?: NetworkPolicyPort[] }[] | undefined): void {
  for (const r of rules ?? []) for (const p of r.ports ?? []) p.protocol ??= 'TCP';
}

export const networkPolicy = defineKind<NetworkPolicy>({
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'NetworkPolicy',
  plural: 'networkpolicies',
  singular: 'networkpolicy',
  namespaced: true,
  shortNames: ['netpol'],
  generationFields: ['spec'],
  defaults(np) {
    np.spec ??= { podSelector: {} };
    np.spec.podSelector ??= {};
    defaultPorts(np.spec.ingress);
    defaultPorts(np.spec.egress);
    if (!np.spec.policyTypes?.length) {
      np.spec.policyTypes = np.spec.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'];
    }
  },
  validate: validateNetworkPolicy,
  table: {
    columns: [
      nameColumn,
      col('Pod-Selector', 0, 'string', 'Selects the pods to which this NetworkPolicy object applies.'),
      ageColumn,
    ],
    cells: (np, now) => [np.metadata.name, formatLabelSelector(np.spec?.podSelector ?? {}), formatAge(np.metadata.creationTimestamp, now)],
  },
});
