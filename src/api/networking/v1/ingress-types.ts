/** networking.k8s.io/v1 Ingress types. */
import type { KubeObject } from '../../meta.js';

/** A reference to an object in the same namespace, by group, kind and name. */
export interface TypedLocalObjectReference {
  /** The group of the referenced resource; empty for the core group. */
  apiGroup?: string;
  /** The kind of the referenced resource. */
  kind: string;
  /** The name of the referenced resource. */
  name: string;
}

/** A port of a Service, by name or by number (exactly one). */
export interface ServiceBackendPort {
  /** The port's name in the Service. */
  name?: string;
  /** The port's number in the Service. */
  number?: number;
}

/** A Service to route traffic to. */
export interface IngressServiceBackend {
  /** The name of the Service, in the Ingress's namespace. */
  name: string;
  /** The port of the Service. */
  port?: ServiceBackendPort;
}

/** Where matching requests go: a Service, or another resource (exactly one). */
export interface IngressBackend {
  /** A Service backend. */
  service?: IngressServiceBackend;
  /** A resource backend such as an object-storage bucket. */
  resource?: TypedLocalObjectReference;
}

export type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

/** A path and the backend its requests go to. */
export interface HTTPIngressPath {
  /** Matched against the request path; must start with '/' for Exact and Prefix. */
  path?: string;
  /** How the path is matched: Exact, Prefix (by '/'-separated elements) or ImplementationSpecific. */
  pathType: PathType;
  /** Where requests matching the path go. */
  backend: IngressBackend;
}

/** HTTP rules: a list of paths. */
export interface HTTPIngressRuleValue {
  /** Paths and their backends. */
  paths: HTTPIngressPath[];
}

/** Routes requests for a host (or any host) to backends by path. */
export interface IngressRule {
  /** A fully qualified domain name, or a wildcard such as *.example.com; empty matches every host. */
  host?: string;
  /** The HTTP paths for the host. */
  http?: HTTPIngressRuleValue;
}

/** TLS for a set of hosts, with the certificate in a Secret. */
export interface IngressTLS {
  /** Hosts covered by the certificate. */
  hosts?: string[];
  /** The Secret holding the certificate and key for port 443. */
  secretName?: string;
}

/** The desired routing. */
export interface IngressSpec {
  /** The IngressClass that implements this Ingress. */
  ingressClassName?: string;
  /** Where requests that match no rule go. */
  defaultBackend?: IngressBackend;
  /** TLS configuration; port 443 is served when present. */
  tls?: IngressTLS[];
  /** Host and path rules. */
  rules?: IngressRule[];
}

/** A port the load balancer reports for an address. */
export interface IngressPortStatus {
  /** The port number. */
  port: number;
  /** TCP, UDP or SCTP. */
  protocol: string;
  /** A problem with the port, in CamelCase. */
  error?: string;
}

/** One address of the load balancer. */
export interface IngressLoadBalancerIngress {
  /** An IP address. */
  ip?: string;
  /** A DNS name. */
  hostname?: string;
  /** Ports of this address. */
  ports?: IngressPortStatus[];
}

/** The observed state of the Ingress. */
export interface IngressStatus {
  /** The addresses of the load balancer. */
  loadBalancer?: { ingress?: IngressLoadBalancerIngress[] };
}

/** Routes external HTTP(S) traffic to Services by host and path. */
export interface Ingress extends KubeObject {
  /** The desired routing. */
  spec?: IngressSpec;
  /** The load balancer's current state. */
  status?: IngressStatus;
}
