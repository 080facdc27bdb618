/**
 * The taints the node lifecycle controller owns (TaintNodesByCondition and taint-based
 * eviction): NoSchedule taints mirroring the node's conditions and cordon, and the not-ready /
 * unreachable NoExecute taints that start evictions.
 */
import type { Node, Taint } from '../../api/core/v1/index.js';
import { TAINTS } from '../daemonset/index.js';
import { rfc3339 } from '../runtime/index.js';

/** Condition type → status → NoSchedule taint key (upstream nodeConditionToTaintKeyStatusMap). */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINTS.notReady, Unknown: TAINTS.unreachable },
  MemoryPressure: { True: TAINTS.memoryPressure },
  DiskPressure: { True: TAINTS.diskPressure },
  NetworkUnavailable: { True: TAINTS.networkUnavailable },
  PIDPressure: { True: TAINTS.pidPressure },
};

const CONDITION_TAINT_KEYS = new Set(Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)));

/** The NoSchedule taints the node's conditions and spec.unschedulable call for. */
export function wantedNoScheduleTaints(node: Node): Taint[] {
  const out: Taint[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) out.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable) out.push({ key: TAINTS.unschedulable, effect: 'NoSchedule' });
  return out;
}

/** The NoExecute taint the Ready status calls for: not-ready for False, unreachable for Unknown. */
export function wantedNoExecuteTaint(readyStatus: string | undefined): string | undefined {
  if (readyStatus === 'False') return TAINTS.notReady;
  if (readyStatus === 'Unknown') return TAINTS.unreachable;
  return undefined;
}

function ownedNoSchedule(t: Taint): boolean {
  return t.effect === 'NoSchedule' && (t.key === TAINTS.unschedulable || CONDITION_TAINT_KEYS.has(t.key));
}

function ownedNoExecute(t: Taint): boolean {
  return t.effect === 'NoExecute' && (t.key === TAINTS.notReady || t.key === TAINTS.unreachable);
}

/**
 * The node's taints with the controller's own brought up to date, or undefined when nothing
 * changes. Other taints are kept; a kept NoExecute taint keeps its timeAdded.
 */
export function reconcileTaints(node: Node, readyStatus: string | undefined, now: number): Taint[] | undefined {
  const current = node.spec?.taints ?? [];
  const keep = current.filter((t) => !ownedNoSchedule(t) && !ownedNoExecute(t));
  const noSchedule = wantedNoScheduleTaints(node);
  const execKey = wantedNoExecuteTaint(readyStatus);
  const next: Taint[] = [...keep];
  for (const t of noSchedule) next.push(current.find((c) => c.key === t.key && c.effect === 'NoSchedule') ?? t);
  if (execKey) {
    const existing = current.find((c) => c.key === execKey && c.effect === 'NoExecute');
    next.push(existing ?? { key: execKey, effect: 'NoExecute', timeAdded: rfc3339(now) });
  }
  const sig = (ts: Taint[]) =>
    ts
      .map((t) => `${t.key}=${t.value ?? ''}:${t.effect}`)
      .sort()
      .join(',');
  return sig(next) === sig(current) ? undefined : next;
}
