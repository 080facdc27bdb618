/**
 * Node health as upstream's node lifecycle controller judges it (tryUpdateNodeHealth): the
 * kubelet proves it is alive by renewing its Lease (kube-node-lease/<node>) or by changing its
 * Ready condition's heartbeat. Those are compared with what was seen before, never with the
 * kubelet's clock: the probe time is when *this* controller saw a change. Past the grace period
 * without one, Ready, MemoryPressure, DiskPressure and PIDPressure become Unknown.
 */
import type { Lease } from '../../api/coordination/v1/index.js';
import type { Node, NodeCondition } from '../../api/core/v1/index.js';
import { deepClone } from '../../machinery/index.js';
import { rfc3339 } from '../runtime/index.js';

export const DEFAULT_NODE_MONITOR_GRACE_MS = 40_000;
export const DEFAULT_NODE_STARTUP_GRACE_MS = 60_000;

/** What the controller remembers per node between syncs (upstream nodeHealthData). */
export interface NodeHealthRecord {
  /** When this controller last saw the node alive, ms. */
  probeTimestamp: number;
  readyTransitionTimestamp: number;
  /** The Ready condition as last seen. */
  savedReady?: NodeCondition;
  /** The Lease renewTime as last seen. */
  leaseRenewTime?: string;
}

export interface HealthResult {
  record: NodeHealthRecord;
  /** The Ready condition before this evaluation (a stand-in when the kubelet never posted one). */
  observedReady: NodeCondition;
  /** The Ready condition after it. */
  currentReady: NodeCondition;
  /** The node with Unknown conditions, when they must be written. */
  updatedNode?: Node;
  /** ms until the grace period runs out (when the node is still considered alive). */
  expiresInMs?: number;
}

const MONITORED = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

function condition(node: Node, type: string): NodeCondition | undefined {
  return node.status?.conditions?.find((c) => c.type === type);
}

function ms(t: string | undefined | null): number | undefined {
  if (!t) return undefined;
  const v = Date.parse(t);
  return Number.isFinite(v) ? v : undefined;
}

/** Evaluates one node (pure: the caller stores `record` and writes `updatedNode`). */
export function evaluateHealth(
  node: Node,
  opts: { lease?: Lease; saved?: NodeHealthRecord; now: number; monitorGraceMs: number; startupGraceMs: number },
): HealthResult {
  const { now, saved } = opts;
  const created = ms(node.metadata.creationTimestamp) ?? now;
  const current = condition(node, 'Ready');
  const observedReady: NodeCondition = current
    ? deepClone(current)
    : { type: 'Ready', status: 'Unknown', lastHeartbeatTime: node.metadata.creationTimestamp ?? undefined, lastTransitionTime: node.metadata.creationTimestamp ?? undefined };
  const grace = current ? opts.monitorGraceMs : opts.startupGraceMs;
  let record: NodeHealthRecord;
  if (!current) {
    record = saved ?? { probeTimestamp: created, readyTransitionTimestamp: created };
  } else if (!saved || !saved.savedReady) {
    record = { probeTimestamp: now, readyTransitionTimestamp: now, savedReady: deepClone(current), leaseRenewTime: saved?.leaseRenewTime };
  } else if (saved.savedReady.lastHeartbeatTime !== current.lastHeartbeatTime) {
    const transitioned = saved.savedReady.lastTransitionTime !== current.lastTransitionTime;
    record = { probeTimestamp: now, readyTransitionTimestamp: transitioned ? now : saved.readyTransitionTimestamp, savedReady: deepClone(current), leaseRenewTime: saved.leaseRenewTime };
  } else {
    record = { ...saved };
  }
  const renew = opts.lease?.spec?.renewTime;
  if (renew && (record.leaseRenewTime === undefined || (ms(record.leaseRenewTime) ?? 0) < (ms(renew) ?? 0))) {
    record.leaseRenewTime = renew;
    record.probeTimestamp = now;
  }
  if (now <= record.probeTimestamp + grace) {
    return { record, observedReady, currentReady: current ? deepClone(current) : observedReady, expiresInMs: record.probeTimestamp + grace - now + 1 };
  }
  const updated = deepClone(node);
  updated.status ??= {};
  const conds = (updated.status.conditions ??= []);
  const stamp = rfc3339(now);
  for (const type of MONITORED) {
    const c = conds.find((x) => x.type === type);
    if (!c) {
      conds.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: node.metadata.creationTimestamp ?? undefined, lastTransitionTime: stamp });
    } else if (c.status !== 'Unknown') {
      c.status = 'Unknown';
      c.reason = 'NodeStatusUnknown';
      c.message = 'Kubelet stopped posting node status.';
      c.lastTransitionTime = stamp;
    }
  }
  const currentReady = deepClone(conds.find((x) => x.type === 'Ready')!);
  const changed = JSON.stringify(currentReady) !== JSON.stringify(observedReady);
  if (changed) record = { ...record, readyTransitionTimestamp: now, savedReady: deepClone(currentReady) };
  return { record, observedReady, currentReady, updatedNode: changed ? updated : undefined };
}
