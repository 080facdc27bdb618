/**
 * The plugin contract (docs/design.md, "Scheduler plugin"). A plugin implements only the
 * extension points it needs. Everything up to Reserve runs synchronously inside one scheduling
 * cycle, so plugins read the cache directly and no snapshot copy is needed; `filter` must be
 * synchronous and pure. Permit may ask to wait; PreBind and Bind are asynchronous.
 * A returned `undefined` Status means Success.
 */
import type { Pod } from '../../api/core/v1/index.js';
import type { PodDisruptionBudget } from '../../api/policy/v1/index.js';
import type { Labels, Selector } from '../../machinery/index.js';
import type { Clock } from '../../util/index.js';
import type { CycleState } from './cycle-state.js';
import type { ClusterEventWithHint } from './events.js';
import type { NodeInfo } from './node-info.js';
import type { PodInfo } from './pod-info.js';
import type { Status } from './status.js';

export const MAX_NODE_SCORE = 100;

export interface Plugin {
  readonly name: string;
}

/** PreFilter may narrow the nodes to consider (e.g. NodeAffinity on metadata.name). */
export interface PreFilterResult {
  nodeNames: ReadonlySet<string>;
}

/** Incremental updates of PreFilter state when preemption adds or removes pods on a node. */
export interface PreFilterExtensions {
  addPod(state: CycleState, pod: PodInfo, podToAdd: PodInfo, node: NodeInfo): Status | undefined;
  removePod(state: CycleState, pod: PodInfo, podToRemove: PodInfo, node: NodeInfo): Status | undefined;
}

export interface PreFilterPlugin extends Plugin {
  /** Status Skip: the plugin's Filter is not run for this pod. */
  preFilter(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | PreFilterResult | undefined;
  readonly preFilterExtensions?: PreFilterExtensions;
}

export interface FilterPlugin extends Plugin {
  /** Synchronous and pure: may read `state` and `node`, never change them. */
  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined;
}

/** Per-node rejection statuses of one cycle. */
export interface NodeToStatus {
  get(nodeName: string): Status | undefined;
  /** The nodes whose status has this code (for preemption: Unschedulable, not Unresolvable). */
  nodesWithCode(code: Status['code']): NodeInfo[];
}

export interface PostFilterResult {
  /** The node the pod was nominated to (after preemption); '' clears a nomination. */
  nominatedNodeName?: string;
}

export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, pod: PodInfo, filtered: NodeToStatus): { result?: PostFilterResult; status: Status };
}

export interface PreScorePlugin extends Plugin {
  /** Status Skip: the plugin's Score is not run for this pod. */
  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | undefined;
}

export interface ScorePlugin extends Plugin {
  /** A score for one feasible node; throwing fails the cycle with an Error status. */
  score(state: CycleState, pod: PodInfo, node: NodeInfo): number;
  /** Scales the raw scores (index-aligned with `nodes`) into 0..MAX_NODE_SCORE, in place. */
  normalizeScores?(state: CycleState, pod: PodInfo, scores: number[], nodes: readonly NodeInfo[]): void;
}

export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: PodInfo, nodeName: string): Status | undefined;
  unreserve(state: CycleState, pod: PodInfo, nodeName: string): void;
}

export interface PermitResult {
  status: Status;
  /** With Wait: how long to wait for allow/reject before rejecting. */
  timeoutMs?: number;
}

export interface PermitPlugin extends Plugin {
  permit(state: CycleState, pod: PodInfo, nodeName: string): PermitResult | undefined;
}

export interface PreBindPlugin extends Plugin {
  preBind(state: CycleState, pod: PodInfo, nodeName: string, signal: AbortSignal): Promise<Status | undefined>;
}

export interface BindPlugin extends Plugin {
  /** Status Skip hands the pod to the next binder. */
  bind(state: CycleState, pod: PodInfo, nodeName: string, signal: AbortSignal): Promise<Status | undefined>;
}

export interface PostBindPlugin extends Plugin {
  postBind(state: CycleState, pod: PodInfo, nodeName: string): void;
}

/** Orders the active queue. */
export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean;
}

/** Events that may make a pod this plugin rejected schedulable again. */
export interface EnqueueExtensions extends Plugin {
  eventsToRegister(): ClusterEventWithHint[];
}

/** A pod in the scheduling queue. */
export interface QueuedPodInfo {
  podInfo: PodInfo;
  /** When the pod entered (or re-entered) the queue, ms. */
  timestamp: number;
  /** When the pod was first added; kept across attempts. */
  initialAttemptTimestamp: number | undefined;
  attempts: number;
  /** Plugins that rejected it in the last attempt. */
  unschedulablePlugins: Set<string>;
  pendingPlugins: Set<string>;
  /** Scheduling gates still present. */
  gated: boolean;
}

/** Nodes changed since a generation: names whose NodeInfo changed, was added or removed. */
export interface NodeChanges {
  names: ReadonlySet<string>;
  /** The generation to ask from next time. */
  generation: number;
}

/** The node list the plugins read (the scheduler's cache; there is no separate snapshot). */
export interface NodeLister {
  list(): readonly NodeInfo[];
  get(name: string): NodeInfo | undefined;
  havePodsWithAffinity(): readonly NodeInfo[];
  havePodsWithRequiredAntiAffinity(): readonly NodeInfo[];
  /**
   * What changed after `generation` (-1: everything is "changed"), so that plugins can keep
   * aggregates up to date incrementally; undefined when that history is no longer known.
   */
  changedSince?(generation: number): NodeChanges | undefined;
}

/** The API calls plugins make (binding, preemption), so tests can fake them. */
export interface SchedulerApi {
  bind(pod: Pod, nodeName: string, signal?: AbortSignal): Promise<void>;
  /** Deletes a preemption victim (after marking it with a DisruptionTarget condition). */
  preemptPod(victim: Pod, preemptor: Pod, nodeName: string): Promise<void>;
  /** Clears status.nominatedNodeName of a pod whose nomination was taken away. */
  clearNomination(pod: Pod): Promise<void>;
}

/** What plugins are given: cluster state and services of the framework. */
export interface Handle {
  readonly nodes: NodeLister;
  readonly clock: Clock;
  readonly api: SchedulerApi;
  /** The labels of a namespace (for namespaceSelector); undefined when unknown. */
  namespaceLabels(namespace: string): Labels | undefined;
  /** Every namespace known, with its labels. */
  namespaces(): Iterable<{ name: string; labels: Labels }>;
  podDisruptionBudgets(): readonly PodDisruptionBudget[];
  /**
   * The selector of the Services and controllers (ReplicaSet, ReplicationController,
   * StatefulSet) a pod belongs to, for default topology spreading; undefined when none.
   */
  defaultSpreadSelector(pod: Pod): Selector | undefined;
  /** Pods nominated to a node (waiting for preemption victims to go). */
  nominatedPodsForNode(nodeName: string): readonly PodInfo[];
  /** Removes a pod's nomination (after preemption picked another pod's node). */
  clearNominatedNode(pod: PodInfo): void;
  /** Runs the Filter plugins, taking nominated pods of equal or higher priority into account. */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined;
  runPreFilterExtensionAddPod(state: CycleState, pod: PodInfo, podToAdd: PodInfo, node: NodeInfo): Status | undefined;
  runPreFilterExtensionRemovePod(state: CycleState, pod: PodInfo, podToRemove: PodInfo, node: NodeInfo): Status | undefined;
  /** Records an event about a pod (best effort, may be dropped under load). */
  event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void;
}

/** Builds a plugin from its arguments (profile pluginConfig) and the handle. */
export type PluginFactory = (args: Record<string, unknown> | undefined, handle: Handle) => Plugin;
