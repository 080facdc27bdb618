/** What the parts of a simulated node fleet share: API clients, the request limiter, time, logs, node state. */
import type { Lease } from '../../api/coordination/v1/index.js';
import type { Node, NodeCondition, Pod, ResourceList } from '../../api/core/v1/index.js';
import type { ResourceClient } from '../../client/index.js';
import { isApiError } from '../../machinery/index.js';
import type { Clock } from '../../util/index.js';
import type { IpPool } from './ip-pool.js';
import type { Limiter } from './limiter.js';
import type { SimEvent } from './sim-pod.js';

/** One simulated node's state. */
export interface SimNode {
  name: string;
  podCIDR: string;
  address: string;
  pool: IpPool;
  /** status.allocatable, for the kubelet's resource admission. */
  allocatable: ResourceList;
  uid?: string;
  /** The last Lease the server answered (its resourceVersion makes the next renewal a compare-and-swap). */
  lease?: Lease;
  /** The Node and Lease exist. */
  registered: boolean;
  /** lose(): no heartbeats and no pod work until restore(). */
  lost: boolean;
  /** The node's conditions as last written or seen. */
  conditions: NodeCondition[];
  /** When the node status was last reported. */
  lastReportAt: number;
  /** Consecutive failed Lease renewals. */
  failures: number;
}

export interface FleetContext {
  pods: ResourceClient<Pod>;
  nodes: ResourceClient<Node>;
  leases: ResourceClient<Lease>;
  limiter: Limiter;
  clock: Clock;
  log: (line: string) => void;
  signal: AbortSignal;
  /** Our nodes by name. */
  byName: Map<string, SimNode>;
  /** Records an Event about a pod as the node's kubelet (absent: events are off). */
  record?: (nodeName: string, pod: Pod, event: SimEvent) => void;
}

/** Worth retrying: connection trouble, 429, 5xx, a timeout. */
export function isRetryable(err: unknown): boolean {
  if (isApiError(err)) return err.code === 429 || err.code >= 500;
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && /^E[A-Z_]+$/.test(code);
}

/** A short description of an error for logs. */
export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
