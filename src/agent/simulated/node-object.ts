/**
 * The Node a simulated node registers (capacity, labels, nodeInfo, addresses, pod CIDR), its
 * conditions as a healthy kubelet reports them, and its Lease in kube-node-lease. A template
 * (a Node manifest) may set labels, annotations, taints, unschedulable, capacity and allocatable.
 */
import { arch, release } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Node, NodeCondition } from '../../api/core/v1/index.js';
import type { Lease } from '../../api/coordination/v1/index.js';
import { rfc3339, rfc3339Micro } from '../../util/index.js';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
export const KUBELET_VERSION = 'v1.32.0-gantry';
export const RUNTIME_VERSION = 'simulated://1.0';
export const KUBELET_PORT = 10250;

export const DEFAULT_CAPACITY: Readonly<Record<string, string>> = Object.freeze({
  cpu: '8',
  memory: '32Gi',
  pods: '110',
  'ephemeral-storage': '100Gi',
  'hugepages-1Gi': '0',
  'hugepages-2Mi': '0',
});

/** What makes one simulated node itself. */
export interface NodeIdentity {
  name: string;
  podCIDR: string;
  address: string;
}

/** Go's GOARCH for this machine, as the kubernetes.io/arch label carries it. */
export function goArch(nodeArch: string = arch()): string {
  const table: Record<string, string> = { x64: 'amd64', ia32: '386', arm: 'arm', arm64: 'arm64', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };
  return table[nodeArch] ?? nodeArch;
}

function isStringMap(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
}

/**
 * Checks a template and keeps the parts a template may set. Throws a clear Error for a
 * manifest that is not a Node or has fields of the wrong type; the API server validates the rest.
 */
export function checkNodeTemplate(raw: unknown, source = 'node template'): Node {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${source}: not a Node manifest (expected an object)`);
  const t = raw as Record<string, unknown>;
  if (t.kind !== undefined && t.kind !== 'Node') throw new Error(`${source}: kind is ${JSON.stringify(t.kind)}, expected Node`);
  if (t.apiVersion !== undefined && t.apiVersion !== 'v1') throw new Error(`${source}: apiVersion is ${JSON.stringify(t.apiVersion)}, expected v1`);
  const md = (t.metadata ?? {}) as Record<string, unknown>;
  const spec = (t.spec ?? {}) as Record<string, unknown>;
  const status = (t.status ?? {}) as Record<string, unknown>;
  for (const [field, v] of [
    ['metadata.labels', md.labels],
    ['metadata.annotations', md.annotations],
    ['status.capacity', status.capacity],
    ['status.allocatable', status.allocatable],
  ] as const) {
    if (v !== undefined && !isStringMap(v)) throw new Error(`${source}: ${field} must be a map of strings (quote quantities such as "8")`);
  }
  if (spec.taints !== undefined && !Array.isArray(spec.taints)) throw new Error(`${source}: spec.taints must be a list`);
  if (spec.unschedulable !== undefined && typeof spec.unschedulable !== 'boolean') throw new Error(`${source}: spec.unschedulable must be true or false`);
  const out: Node = { metadata: {}, spec: {}, status: {} };
  if (md.labels) out.metadata.labels = { ...(md.labels as Record<string, string>) };
  if (md.annotations) out.metadata.annotations = { ...(md.annotations as Record<string, string>) };
  if (spec.taints) out.spec!.taints = structuredClone(spec.taints) as NonNullable<Node['spec']>['taints'];
  if (spec.unschedulable !== undefined) out.spec!.unschedulable = spec.unschedulable as boolean;
  if (status.capacity) out.status!.capacity = { ...(status.capacity as Record<string, string>) };
  if (status.allocatable) out.status!.allocatable = { ...(status.allocatable as Record<string, string>) };
  return out;
}

/** The pods capacity a template gives (default 110). */
export function maxPodsOf(template: Node | undefined): number {
  const v = Number(template?.status?.allocatable?.pods ?? template?.status?.capacity?.pods ?? DEFAULT_CAPACITY.pods);
  return Number.isFinite(v) && v > 0 ? v : Number(DEFAULT_CAPACITY.pods);
}

const HEALTHY: [string, string, string][] = [
  ['MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  ['DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  ['PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  ['Ready', 'KubeletReady', 'kubelet is posting ready status'],
];

/**
 * A healthy node's conditions heartbeated at `now`. lastTransitionTime is kept from `previous`
 * where the status is unchanged (so a node the node controller marked Unknown transitions back).
 */
export function healthyConditions(now: number, previous: NodeCondition[] = []): NodeCondition[] {
  const at = rfc3339(now);
  return HEALTHY.map(([type, reason, message]) => {
    const status = type === 'Ready' ? 'True' : 'False';
    const old = previous.find((c) => c.type === type);
    const since = old && old.status === status && old.lastTransitionTime ? old.lastTransitionTime : at;
    return { type, status, lastHeartbeatTime: at, lastTransitionTime: since, reason, message };
  });
}

/** The Node a simulated node registers. */
export function buildNode(id: NodeIdentity, template: Node | undefined, now: number): Node {
  const capacity = { ...DEFAULT_CAPACITY, ...(template?.status?.capacity ?? {}) };
  const allocatable = { ...capacity, ...(template?.status?.allocatable ?? {}) };
  const os = 'linux';
  const goarch = goArch();
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: id.name,
      labels: {
        'beta.kubernetes.io/arch': goarch,
        'beta.kubernetes.io/os': os,
        'kubernetes.io/arch': goarch,
        'kubernetes.io/hostname': id.name,
        'kubernetes.io/os': os,
        'node.kubernetes.io/instance-type': 'simulated',
        ...(template?.metadata.labels ?? {}),
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
        ...(template?.metadata.annotations ?? {}),
      },
    },
    spec: { podCIDR: id.podCIDR, podCIDRs: [id.podCIDR] },
    status: {
      capacity,
      allocatable,
      conditions: healthyConditions(now),
      addresses: [
        { type: 'InternalIP', address: id.address },
        { type: 'Hostname', address: id.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
      nodeInfo: {
        machineID: randomUUID().replace(/-/g, ''),
        systemUUID: randomUUID(),
        bootID: randomUUID(),
        kernelVersion: release(),
        osImage: 'Gantry simulated node',
        containerRuntimeVersion: RUNTIME_VERSION,
        kubeletVersion: KUBELET_VERSION,
        operatingSystem: os,
        architecture: goarch,
      },
    },
  };
  if (template?.spec?.taints?.length) node.spec!.taints = structuredClone(template.spec.taints);
  if (template?.spec?.unschedulable) node.spec!.unschedulable = true;
  return node;
}

/** The node's Lease in kube-node-lease, held by the node and owned by its Node object. */
export function buildLease(node: { name: string; uid?: string }, opts: { durationSeconds: number; now: number }): Lease {
  const lease: Lease = {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: node.name, namespace: NODE_LEASE_NAMESPACE },
    spec: { holderIdentity: node.name, leaseDurationSeconds: opts.durationSeconds, renewTime: rfc3339Micro(opts.now) },
  };
  if (node.uid) lease.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: node.name, uid: node.uid }];
  return lease;
}
