/** Types of core/v1 PodSpec and PodTemplateSpec. */
import type { LabelSelector, ObjectMeta } from '../../meta.js';
import type { Affinity } from './affinity.js';
import type {
  AppArmorProfile,
  Container,
  EphemeralContainer,
  SELinuxOptions,
  SeccompProfile,
  WindowsSecurityContextOptions,
} from './container-types.js';
import type { ResourceList, ResourceRequirements } from './resources.js';
import type { Toleration } from './taint.js';
import type { Volume } from './volume.js';

export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';
export type DNSPolicy = 'ClusterFirstWithHostNet' | 'ClusterFirst' | 'Default' | 'None';

/** A kernel parameter to set in the pod. */
export interface Sysctl {
  name: string;
  value: string;
}

/** Security attributes applied to every container of the pod. */
export interface PodSecurityContext {
  seLinuxOptions?: SELinuxOptions;
  windowsOptions?: WindowsSecurityContextOptions;
  /** UID to run container entrypoints as. */
  runAsUser?: number;
  /** GID to run container entrypoints as. */
  runAsGroup?: number;
  /** Require containers to run as a non-root user. */
  runAsNonRoot?: boolean;
  /** Groups added to each container's first process, besides its primary GID. */
  supplementalGroups?: number[];
  /** Merge or Strict: how supplemental groups are computed. */
  supplementalGroupsPolicy?: 'Merge' | 'Strict';
  /** A group that owns the pod's volumes, added to every container. */
  fsGroup?: number;
  /** Namespaced sysctls for the pod. */
  sysctls?: Sysctl[];
  /** OnRootMismatch or Always: when volume ownership is changed to fsGroup. */
  fsGroupChangePolicy?: 'OnRootMismatch' | 'Always';
  seccompProfile?: SeccompProfile;
  appArmorProfile?: AppArmorProfile;
  /** Recursive or MountOption: how SELinux labels are applied to volumes. */
  seLinuxChangePolicy?: string;
}

/** A reference to an object by name in the same namespace. */
export interface LocalObjectReference {
  /** Name of the referent. */
  name?: string;
}

/** An entry for the pod's /etc/hosts. */
export interface HostAlias {
  /** IP address of the host file entry. */
  ip: string;
  /** Hostnames for the IP address. */
  hostnames?: string[];
}

/** A resolver option. */
export interface PodDNSConfigOption {
  name?: string;
  value?: string;
}

/** DNS parameters of a pod, merged with those generated from dnsPolicy. */
export interface PodDNSConfig {
  /** DNS server IPs (at most 3). */
  nameservers?: string[];
  /** DNS search domains for host-name lookup. */
  searches?: string[];
  /** Resolver options such as ndots. */
  options?: PodDNSConfigOption[];
}

/** A pod condition that must be True for the pod to count as ready. */
export interface PodReadinessGate {
  /** Condition type in the pod's condition list. */
  conditionType: string;
}

/** How to spread matching pods among topology domains. */
export interface TopologySpreadConstraint {
  /** Greatest permitted difference in matching pods between domains. Must be greater than 0. */
  maxSkew: number;
  /** Node label key whose values define the domains. */
  topologyKey: string;
  /** DoNotSchedule or ScheduleAnyway: what to do with a pod that does not satisfy the constraint. */
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  /** Pods matching this selector are counted. */
  labelSelector?: LabelSelector;
  /** Minimum number of eligible domains (DoNotSchedule only). */
  minDomains?: number;
  /** Honor or Ignore: whether node affinity and selectors limit the domains. */
  nodeAffinityPolicy?: 'Honor' | 'Ignore';
  /** Honor or Ignore: whether node taints limit the domains. */
  nodeTaintsPolicy?: 'Honor' | 'Ignore';
  /** Pod label keys whose values are added to the selector. */
  matchLabelKeys?: string[];
}

/** The OS a pod's containers need. */
export interface PodOS {
  /** linux or windows. */
  name: string;
}

/** A gate that keeps the pod from being scheduled while present. */
export interface PodSchedulingGate {
  /** Name of the gate, a qualified name unique within the pod. */
  name: string;
}

/** A resource claim the pod's containers may use. */
export interface PodResourceClaim {
  /** Name of the claim within the pod, a DNS label. */
  name: string;
  /** An existing ResourceClaim in the pod's namespace. */
  resourceClaimName?: string;
  /** A ResourceClaimTemplate from which a claim is created for the pod. */
  resourceClaimTemplateName?: string;
}

/** The specification of a pod. */
export interface PodSpec {
  /** Volumes that the pod's containers may mount. */
  volumes?: Volume[];
  /** Containers run in order before the app containers start. */
  initContainers?: Container[];
  /** The pod's containers; at least one. Cannot be added or removed after creation. */
  containers: Container[];
  /** Debugging containers added to a running pod through the ephemeralcontainers subresource. */
  ephemeralContainers?: EphemeralContainer[];
  /** Always, OnFailure or Never, for all containers. Defaults to Always. */
  restartPolicy?: RestartPolicy;
  /** Seconds the pod has to stop gracefully after a deletion request. Defaults to 30. */
  terminationGracePeriodSeconds?: number;
  /** Seconds the pod may be active, from its start, before the system marks it failed. */
  activeDeadlineSeconds?: number;
  /** ClusterFirst, ClusterFirstWithHostNet, Default or None. Defaults to ClusterFirst. */
  dnsPolicy?: DNSPolicy;
  /** Labels a node must have for the pod to be scheduled on it. */
  nodeSelector?: Record<string, string>;
  /** Name of the ServiceAccount the pod runs as. */
  serviceAccountName?: string;
  /** Deprecated alias of serviceAccountName. */
  serviceAccount?: string;
  /** Whether a service account token is mounted automatically. */
  automountServiceAccountToken?: boolean;
  /** The node the pod is bound to. Set by the scheduler (through the binding subresource) when empty. */
  nodeName?: string;
  /** Use the host's network namespace. */
  hostNetwork?: boolean;
  /** Use the host's PID namespace. */
  hostPID?: boolean;
  /** Use the host's IPC namespace. */
  hostIPC?: boolean;
  /** Share one process namespace among the pod's containers. */
  shareProcessNamespace?: boolean;
  /** Pod-level security attributes. Defaults to an empty context. */
  securityContext?: PodSecurityContext;
  /** Secrets used to pull the pod's images. */
  imagePullSecrets?: LocalObjectReference[];
  /** The pod's hostname; defaults to the pod name. */
  hostname?: string;
  /** With hostname, gives the pod the FQDN "<hostname>.<subdomain>.<namespace>.svc.<cluster-domain>". */
  subdomain?: string;
  /** Scheduling constraints. */
  affinity?: Affinity;
  /** The scheduler that schedules the pod. Defaults to "default-scheduler". */
  schedulerName?: string;
  /** Taints the pod tolerates. */
  tolerations?: Toleration[];
  /** Entries added to the pod's /etc/hosts. */
  hostAliases?: HostAlias[];
  /** Name of the PriorityClass giving the pod its priority. */
  priorityClassName?: string;
  /** Priority value, filled from priorityClassName by admission. */
  priority?: number;
  /** DNS parameters besides those from dnsPolicy. */
  dnsConfig?: PodDNSConfig;
  /** Extra conditions that must be True for the pod to be ready. */
  readinessGates?: PodReadinessGate[];
  /** RuntimeClass used to run the pod. */
  runtimeClassName?: string;
  /** Whether information about services is injected into environment variables. Defaults to true. */
  enableServiceLinks?: boolean;
  /** PreemptLowerPriority or Never. Defaults to PreemptLowerPriority. */
  preemptionPolicy?: 'PreemptLowerPriority' | 'Never';
  /** Resources used by the pod's sandbox, on top of its containers' requests. */
  overhead?: ResourceList;
  /** How matching pods are spread across topology domains. */
  topologySpreadConstraints?: TopologySpreadConstraint[];
  /** Set the pod's hostname to its FQDN. */
  setHostnameAsFQDN?: boolean;
  /** The OS of the pod's containers. */
  os?: PodOS;
  /** Use the host's user namespace. Defaults to true. */
  hostUsers?: boolean;
  /** Gates that block scheduling while present; they may only be removed. */
  schedulingGates?: PodSchedulingGate[];
  /** Resource claims the containers may reference. */
  resourceClaims?: PodResourceClaim[];
  /** Pod-level resource requirements. */
  resources?: ResourceRequirements;
}

/** Describes the pods that a controller creates. */
export interface PodTemplateSpec {
  /** Metadata of the created pods (labels, annotations). */
  metadata?: ObjectMeta;
  /** Specification of the created pods. */
  spec?: PodSpec;
}
