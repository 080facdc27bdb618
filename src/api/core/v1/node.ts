/** core/v1 Node: a worker machine. */
import { defineKind } from '../../kind.js';
import type { KubeObject } from '../../meta.js';
import { ageColumn, col, formatAge, nameColumn } from '../../printing.js';
import { type FieldError, forbidden, invalid } from '../../validation/field-errors.js';
import { ipFamilyOf } from '../../validation/ip.js';
import { type ResourceList, normalizeResourceList, validateResourceList } from './resources.js';
import { type Taint, validateTaints } from './taint.js';

/** An observation about the node (Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable). */
export interface NodeCondition {
  /** Type of the condition. */
  type: string;
  /** True, False or Unknown. */
  status: 'True' | 'False' | 'Unknown';
  /** Last time the condition was heartbeated. */
  lastHeartbeatTime?: string;
  /** Last time the condition changed status. */
  lastTransitionTime?: string;
  /** A one-word CamelCase reason for the last transition. */
  reason?: string;
  /** A human-readable message about the last transition. */
  message?: string;
}

/** An address of the node. */
export interface NodeAddress {
  /** Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS. */
  type: string;
  /** The address. */
  address: string;
}

/** Facts about the node reported by the kubelet. */
export interface NodeSystemInfo {
  machineID: string;
  systemUUID: string;
  bootID: string;
  /** Kernel version reported by `uname -r`. */
  kernelVersion: string;
  /** OS image reported by /etc/os-release (e.g. "Debian GNU/Linux 12 (bookworm)"). */
  osImage: string;
  /** Container runtime version, e.g. "containerd://1.7.0". */
  containerRuntimeVersion: string;
  /** Kubelet version. */
  kubeletVersion: string;
  /** Deprecated: kube-proxy version. */
  kubeProxyVersion?: string;
  operatingSystem: string;
  architecture: string;
  /** Swap memory information. */
  swap?: { capacity?: number };
}

export interface NodeSpec {
  /** The pod IP range assigned to the node. */
  podCIDR?: string;
  /** The pod IP ranges assigned to the node, at most one per IP family; the first equals podCIDR. */
  podCIDRs?: string[];
  /** ID of the node assigned by the cloud provider, "<ProviderName>://<ProviderSpecificNodeID>". */
  providerID?: string;
  /** Keep new pods off the node (it is cordoned). */
  unschedulable?: boolean;
  /** Taints of the node. */
  taints?: Taint[];
  /** Deprecated: dynamic kubelet configuration. */
  configSource?: Record<string, unknown>;
  /** Deprecated. */
  externalID?: string;
}

export interface NodeStatus {
  /** Total resources of the node. */
  capacity?: ResourceList;
  /** Resources of the node available for scheduling. Defaults to capacity. */
  allocatable?: ResourceList;
  /** Deprecated node lifecycle phase. */
  phase?: string;
  /** Current service state of the node. */
  conditions?: NodeCondition[];
  /** Addresses reachable to the node. */
  addresses?: NodeAddress[];
  /** Endpoints of daemons running on the node (the kubelet's port). */
  daemonEndpoints?: { kubeletEndpoint?: { Port: number } };
  /** General information about the node. */
  nodeInfo?: NodeSystemInfo;
  /** Container images on the node. */
  images?: { names?: string[]; sizeBytes?: number }[];
  /** Volumes attached and mounted on the node. */
  volumesInUse?: string[];
  /** Volumes attached to the node. */
  volumesAttached?: { name: string; devicePath: string }[];
  /** The runtime handlers available on the node. */
  runtimeHandlers?: { name?: string; features?: Record<string, unknown> }[];
  /** Features supported by the node. */
  features?: Record<string, unknown>;
}

export interface Node extends KubeObject {
  /** The behaviour of the node. */
  spec?: NodeSpec;
  /** The most recently observed status of the node. */
  status?: NodeStatus;
}

const NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_ROLE_LABEL = 'kubernetes.io/role';

/** Roles from node-role.kubernetes.io/<role> labels and the kubernetes.io/role label, sorted. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(NODE_ROLE_PREFIX) && k.length > NODE_ROLE_PREFIX.length) roles.add(k.slice(NODE_ROLE_PREFIX.length));
    else if (k === NODE_ROLE_LABEL && v) roles.add(v);
  }
  return [...roles].sort();
}

/** The Status cell: Ready, NotReady or Unknown, plus ",SchedulingDisabled" when cordoned. */
export function nodeStatusText(node: Node): string {
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

function address(node: Node, type: string): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>';
}

/** A CIDR such as "10.244.1.0/24" or "fd00::/64". */
function validateCIDR(value: string, field: string): FieldError[] {
  const [ip, bits, ...rest] = value.split('/');
  const fam = ipFamilyOf(ip ?? '');
  const max = fam === 6 ? 128 : 32;
  const ok = fam !== 0 && rest.length === 0 && bits !== undefined && /^[0-9]+$/.test(bits) && Number(bits) <= max;
  return ok ? [] : [invalid(field, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

function validateNode(node: Node): FieldError[] {
  const errs = validateTaints(node.spec?.taints, 'spec.taints');
  const cidrs = node.spec?.podCIDRs ?? [];
  cidrs.forEach((c, i) => errs.push(...validateCIDR(c, `spec.podCIDRs[${i}]`)));
  if (cidrs.length > 1) {
    const families = new Set(cidrs.map((c) => ipFamilyOf(c.split('/')[0] ?? '')));
    if (cidrs.length > 2 || families.size !== cidrs.length) {
      errs.push(invalid('spec.podCIDRs', cidrs, 'may specify no more than one CIDR for each IP family'));
    }
  }
  errs.push(...validateResourceList(node.status?.capacity, 'status.capacity'));
  errs.push(...validateResourceList(node.status?.allocatable, 'status.allocatable'));
  return errs;
}

function validateNodeUpdate(node: Node, old: Node): FieldError[] {
  const errs = validateNode(node);
  const was = old.spec?.podCIDRs ?? [];
  const now = node.spec?.podCIDRs ?? [];
  if (was.length && (was.length !== now.length || was.some((c, i) => c !== now[i]))) {
    errs.push(forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
  }
  if (old.spec?.providerID && node.spec?.providerID !== old.spec.providerID) {
    errs.push(forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  return errs;
}

export const node = defineKind<Node>({
  group: '',
  version: 'v1',
  kind: 'Node',
  plural: 'nodes',
  singular: 'node',
  namespaced: false,
  shortNames: ['no'],
  statusSubresource: true,
  extraSubresources: [{ name: 'proxy', kind: 'NodeProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] }],
  generationFields: [],
  defaults(n) {
    const spec = n.spec;
    if (spec?.podCIDR && !spec.podCIDRs?.length) spec.podCIDRs = [spec.podCIDR];
    if (spec && !spec.podCIDR && spec.podCIDRs?.length) spec.podCIDR = spec.podCIDRs[0];
    const st = n.status;
    if (!st) return;
    normalizeResourceList(st.capacity);
    normalizeResourceList(st.allocatable);
    if (!st.allocatable && st.capacity) st.allocatable = { ...st.capacity };
  },
  validate: validateNode,
  validateUpdate: validateNodeUpdate,
  validateStatusUpdate: (n) => validateNode(n),
  table: {
    columns: [
      nameColumn,
      col('Status', 0, 'string', 'The status of the node'),
      col('Roles', 0, 'string', 'The roles of the node'),
      ageColumn,
      col('Version', 0, 'string', 'The kubelet version of the node.'),
      col('Internal-IP', 1, 'string', 'The first InternalIP address of the node.'),
      col('External-IP', 1, 'string', 'The first ExternalIP address of the node.'),
      col('OS-Image', 1, 'string', 'The OS image reported by the node.'),
      col('Kernel-Version', 1, 'string', 'The kernel version reported by the node.'),
      col('Container-Runtime', 1, 'string', 'The container runtime version reported by the node.'),
    ],
    cells(n, now) {
      const info = n.status?.nodeInfo;
      const roles = nodeRoles(n);
      return [
        n.metadata.name,
        nodeStatusText(n),
        roles.length ? roles.join(',') : '<none>',
        formatAge(n.metadata.creationTimestamp, now),
        info?.kubeletVersion ?? '',
        address(n, 'InternalIP'),
        address(n, 'ExternalIP'),
        info?.osImage || '<unknown>',
        info?.kernelVersion || '<unknown>',
        info?.containerRuntimeVersion || '<unknown>',
      ];
    },
  },
  fieldSelectors: { 'spec.unschedulable': (n) => String(n.spec?.unschedulable ?? false) },
});
