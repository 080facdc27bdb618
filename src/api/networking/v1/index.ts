import type { KindDefinition } from '../../kind.js';
import { ingress } from './ingress.js';
import { ingressClass } from './ingressclass.js';
import { networkPolicy } from './networkpolicy.js';

export type * from './ingress-types.js';
export type { IngressClass, IngressClassSpec, IngressClassParametersReference } from './ingressclass.js';
export type {
  NetworkPolicy,
  NetworkPolicySpec,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicyIngressRule,
  NetworkPolicyEgressRule,
  IPBlock,
  PolicyType,
} from './networkpolicy.js';
export { DEFAULT_INGRESS_CLASS_ANNOTATION } from './ingressclass.js';
export { INGRESS_CLASS_ANNOTATION } from './ingress-validation.js';
export { parseCidr, isStrictSubnet, type Cidr } from './cidr.js';
export { ingress, ingressClass, networkPolicy };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const networkingV1Kinds: KindDefinition<any>[] = [ingressClass, ingress, networkPolicy];
