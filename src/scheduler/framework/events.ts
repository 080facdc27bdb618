/**
 * Cluster events: what changed in the cluster, so that the queue moves back only the
 * unschedulable pods whose rejecting plugins care (upstream framework.ClusterEvent).
 */
import type { KubeObject } from '../../api/meta.js';
import type { PodInfo } from './pod-info.js';

export type EventResource = 'Pod' | 'AssignedPod' | 'UnscheduledPod' | 'Node' | 'Namespace' | 'PodDisruptionBudget' | 'Service' | 'StorageClass' | '*';

/** Action bits; an update event carries the bits of what changed. */
export const ActionType = {
  Add: 1 << 0,
  Delete: 1 << 1,
  UpdateNodeAllocatable: 1 << 2,
  UpdateNodeLabel: 1 << 3,
  UpdateNodeTaint: 1 << 4,
  UpdateNodeCondition: 1 << 5,
  UpdateNodeAnnotation: 1 << 6,
  UpdatePodLabel: 1 << 7,
  UpdatePodScaleDown: 1 << 8,
  UpdatePodTolerations: 1 << 9,
  UpdatePodSchedulingGatesEliminated: 1 << 10,
  /** Any other change. */
  UpdateOther: 1 << 11,
} as const;

const UPDATE_BITS = (1 << 12) - 1 - ActionType.Add - ActionType.Delete;
export const ANY_UPDATE = UPDATE_BITS;
export const ALL_ACTIONS = (1 << 12) - 1;

export interface ClusterEvent {
  resource: EventResource;
  /** Bits of ActionType. */
  action: number;
  /** For logs and metrics, e.g. 'NodeAdd'. */
  label: string;
}

export type QueueingHint = 'Queue' | 'Skip';

/**
 * Decides whether an event may make a pod rejected by this plugin schedulable. Missing means
 * "Queue". `oldObj`/`newObj` are the changed object before and after (undefined for adds/deletes).
 */
export type QueueingHintFn = (pod: PodInfo, oldObj: KubeObject | undefined, newObj: KubeObject | undefined) => QueueingHint;

export interface ClusterEventWithHint {
  event: Pick<ClusterEvent, 'resource' | 'action'>;
  hint?: QueueingHintFn;
}

/** Whether a registered event (possibly a wildcard) covers an actual one. */
export function eventMatches(registered: Pick<ClusterEvent, 'resource' | 'action'>, actual: ClusterEvent): boolean {
  const r = registered.resource;
  const resourceOk =
    r === '*' ||
    r === actual.resource ||
    (r === 'Pod' && (actual.resource === 'AssignedPod' || actual.resource === 'UnscheduledPod'));
  return resourceOk && (registered.action & actual.action) !== 0;
}

export const EVENTS = {
  NodeAdd: { resource: 'Node', action: ActionType.Add, label: 'NodeAdd' },
  NodeDelete: { resource: 'Node', action: ActionType.Delete, label: 'NodeDelete' },
  AssignedPodAdd: { resource: 'AssignedPod', action: ActionType.Add, label: 'AssignedPodAdd' },
  AssignedPodDelete: { resource: 'AssignedPod', action: ActionType.Delete, label: 'AssignedPodDelete' },
  UnscheduledPodAdd: { resource: 'UnscheduledPod', action: ActionType.Add, label: 'UnscheduledPodAdd' },
  UnscheduledPodDelete: { resource: 'UnscheduledPod', action: ActionType.Delete, label: 'UnscheduledPodDelete' },
  /** Every pod goes back (the periodic flush of long-waiting pods, and forced retries). */
  Wildcard: { resource: '*', action: ALL_ACTIONS, label: 'WildCardEvent' },
} as const satisfies Record<string, ClusterEvent>;
