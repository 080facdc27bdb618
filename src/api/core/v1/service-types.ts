/** Types of core/v1 Service. */
import type { Condition, KubeObject } from '../../meta.js';
import type { IntOrString } from '../../validation/intstr.js';
import type { Protocol } from './container-types.js';

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
export type IPFamily = 'IPv4' | 'IPv6';
export type IPFamilyPolicy = 'SingleStack' | 'PreferDualStack' | 'RequireDualStack';

/** A port the service exposes. */
export interface ServicePort {
  /** Name of the port, a DNS label; required when the service has more than one port. */
  name?: string;
  /** TCP, UDP or SCTP. Defaults to TCP. */
  protocol?: Protocol;
  /** The application protocol (e.g. "http", "kubernetes.io/h2c"). */
  appProtocol?: string;
  /** The port the service listens on. */
  port: number;
  /** Number or name of the port on the selected pods. Defaults to `port`. */
  targetPort?: IntOrString;
  /** Port on every node for NodePort and LoadBalancer services; allocated when not given. */
  nodePort?: number;
}

/** Session affinity settings for ClientIP affinity. */
export interface SessionAffinityConfig {
  clientIP?: {
    /** Seconds a client stays with the same backend (1–86400). Defaults to 10800 (3 hours). */
    timeoutSeconds?: number;
  };
}

/** The desired state of a service. */
export interface ServiceSpec {
  /** The ports the service exposes. */
  ports?: ServicePort[];
  /** Traffic goes to pods whose labels match this selector. Without one, endpoints are managed by hand. */
  selector?: Record<string, string>;
  /** The service's virtual IP; allocated when empty; "None" makes a headless service. Immutable. */
  clusterIP?: string;
  /** The service's virtual IPs, one per IP family; the first equals clusterIP. */
  clusterIPs?: string[];
  /** ClusterIP (default), NodePort, LoadBalancer or ExternalName. */
  type?: ServiceType;
  /** IPs on which nodes also accept traffic for this service. */
  externalIPs?: string[];
  /** None (default) or ClientIP to keep a client on the same pod. */
  sessionAffinity?: 'None' | 'ClientIP';
  /** Deprecated: an IP requested from the load balancer. */
  loadBalancerIP?: string;
  /** Client CIDRs allowed to reach a LoadBalancer service. */
  loadBalancerSourceRanges?: string[];
  /** The DNS name an ExternalName service aliases (a CNAME record). */
  externalName?: string;
  /** Cluster (default) or Local: whether external traffic may go to pods on other nodes. */
  externalTrafficPolicy?: 'Cluster' | 'Local';
  /** Health-check node port of a LoadBalancer service with the Local policy. */
  healthCheckNodePort?: number;
  /** Publish addresses of pods that are not ready yet. */
  publishNotReadyAddresses?: boolean;
  /** Session affinity settings. */
  sessionAffinityConfig?: SessionAffinityConfig;
  /** The IP families of the service, in the order of clusterIPs. */
  ipFamilies?: IPFamily[];
  /** SingleStack, PreferDualStack or RequireDualStack. */
  ipFamilyPolicy?: IPFamilyPolicy;
  /** Whether node ports are allocated for a LoadBalancer service. Defaults to true. */
  allocateLoadBalancerNodePorts?: boolean;
  /** The load balancer implementation that handles the service. */
  loadBalancerClass?: string;
  /** Cluster (default) or Local: whether in-cluster traffic may go to pods on other nodes. */
  internalTrafficPolicy?: 'Cluster' | 'Local';
  /** How traffic is distributed among endpoints, e.g. PreferClose. */
  trafficDistribution?: string;
}

/** A load balancer entry point. */
export interface LoadBalancerIngress {
  ip?: string;
  hostname?: string;
  /** VIP or Proxy: how traffic for the IP reaches the nodes. */
  ipMode?: 'VIP' | 'Proxy';
  ports?: { port: number; protocol: Protocol; error?: string }[];
}

export interface ServiceStatus {
  /** The load balancer's ingress points, for LoadBalancer services. */
  loadBalancer?: { ingress?: LoadBalancerIngress[] };
  /** The current state of the service. */
  conditions?: Condition[];
}

/** A named abstraction of a set of pods and a policy to reach them. */
export interface Service extends KubeObject {
  /** The behaviour of the service. */
  spec?: ServiceSpec;
  /** The most recently observed status; set by the system. */
  status?: ServiceStatus;
}
