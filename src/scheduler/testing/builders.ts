/** Test builders: pods, nodes and NodeInfos with just the fields the scheduler reads. */
import type { Container, Node, Pod, PodSpec, Taint, Toleration } from '../../api/core/v1/index.js';
import { NodeInfo } from '../framework/node-info.js';
import { newPodInfo, type PodInfo } from '../framework/pod-info.js';

let uid = 0;

export interface PodOptions {
  namespace?: string;
  labels?: Record<string, string>;
  /** Requests of a single container, e.g. { cpu: '100m', memory: '1Gi' }. */
  requests?: Record<string, string>;
  nodeName?: string;
  priority?: number;
  tolerations?: Toleration[];
  spec?: Partial<PodSpec>;
  uid?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
}

export function makePod(name: string, opts: PodOptions = {}): Pod {
  const container: Container = { name: 'c', image: 'pause' };
  if (opts.requests) container.resources = { requests: { ...opts.requests } };
  const spec: PodSpec = { containers: [container], schedulerName: 'default-scheduler', ...opts.spec };
  if (opts.nodeName) spec.nodeName = opts.nodeName;
  if (opts.priority !== undefined) spec.priority = opts.priority;
  if (opts.tolerations) spec.tolerations = opts.tolerations;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: opts.namespace ?? 'default',
      uid: opts.uid ?? `uid-${name}-${++uid}`,
      labels: opts.labels,
      creationTimestamp: opts.creationTimestamp,
      deletionTimestamp: opts.deletionTimestamp,
    },
    spec,
    status: { phase: 'Pending' },
  };
}

export function podInfo(name: string, opts: PodOptions = {}): PodInfo {
  return newPodInfo(makePod(name, opts));
}

export interface NodeOptions {
  labels?: Record<string, string>;
  /** Default: 4 cpu, 32Gi, 110 pods. */
  allocatable?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
}

export function makeNode(name: string, opts: NodeOptions = {}): Node {
  const allocatable = opts.allocatable ?? { cpu: '4', memory: '32Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `node-uid-${name}`, labels: { 'kubernetes.io/hostname': name, ...opts.labels } },
    spec: { taints: opts.taints, unschedulable: opts.unschedulable },
    status: {
      capacity: allocatable,
      allocatable,
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

/** A NodeInfo of `node` holding `pods` (their nodeName is set to the node's). */
export function nodeInfo(node: Node | string, pods: (Pod | PodInfo)[] = [], opts: NodeOptions = {}): NodeInfo {
  const n = typeof node === 'string' ? makeNode(node, opts) : node;
  const ni = new NodeInfo(n);
  for (const p of pods) {
    const pi = 'pod' in p && 'key' in p ? p : newPodInfo(p as Pod);
    ni.addPod(pi);
  }
  return ni;
}
