/** A Handle over a fixed list of NodeInfos, for plugin unit tests. */
import type { Pod } from '../../api/core/v1/index.js';
import type { PodDisruptionBudget } from '../../api/policy/v1/index.js';
import type { Labels, Selector } from '../../machinery/index.js';
import { FakeClock } from '../../util/index.js';
import { CycleState } from '../framework/cycle-state.js';
import type { Handle, NodeLister, SchedulerApi } from '../framework/interface.js';
import type { NodeInfo } from '../framework/node-info.js';
import type { PodInfo } from '../framework/pod-info.js';
import type { Status } from '../framework/status.js';

export class ListLister implements NodeLister {
  constructor(readonly nodes: NodeInfo[]) {}

  list(): readonly NodeInfo[] {
    return this.nodes;
  }

  get(name: string): NodeInfo | undefined {
    return this.nodes.find((n) => n.name === name);
  }

  havePodsWithAffinity(): readonly NodeInfo[] {
    return this.nodes.filter((n) => n.podsWithAffinity.length > 0);
  }

  havePodsWithRequiredAntiAffinity(): readonly NodeInfo[] {
    return this.nodes.filter((n) => n.podsWithRequiredAntiAffinity.length > 0);
  }
}

export interface FakeApiCalls {
  bound: { pod: string; node: string }[];
  preempted: { victim: string; preemptor: string; node: string }[];
  cleared: string[];
}

export function fakeApi(): SchedulerApi & { calls: FakeApiCalls } {
  const calls: FakeApiCalls = { bound: [], preempted: [], cleared: [] };
  return {
    calls,
    bind: async (pod, node) => void calls.bound.push({ pod: pod.metadata.name ?? '', node }),
    preemptPod: async (victim, preemptor, node) => void calls.preempted.push({ victim: victim.metadata.name ?? '', preemptor: preemptor.metadata.name ?? '', node }),
    clearNomination: async (pod) => void calls.cleared.push(pod.metadata.name ?? ''),
  };
}

export interface FakeHandleOptions {
  namespaces?: Record<string, Labels>;
  pdbs?: PodDisruptionBudget[];
  spreadSelector?: (pod: Pod) => Selector | undefined;
  nominated?: Record<string, PodInfo[]>;
  /** Filter used by runFilterPluginsWithNominatedPods (default: everything fits). */
  filter?: (state: CycleState, pod: PodInfo, node: NodeInfo) => Status | undefined;
}

export class FakeHandle implements Handle {
  readonly nodes: ListLister;
  readonly clock = new FakeClock();
  readonly api = fakeApi();
  readonly events: { pod: string; reason: string; message: string }[] = [];

  constructor(
    nodes: NodeInfo[],
    private readonly opts: FakeHandleOptions = {},
  ) {
    this.nodes = new ListLister(nodes);
  }

  namespaceLabels(ns: string): Labels | undefined {
    return this.opts.namespaces?.[ns];
  }

  *namespaces(): Iterable<{ name: string; labels: Labels }> {
    for (const [name, labels] of Object.entries(this.opts.namespaces ?? {})) yield { name, labels };
  }

  podDisruptionBudgets(): readonly PodDisruptionBudget[] {
    return this.opts.pdbs ?? [];
  }

  defaultSpreadSelector(pod: Pod): Selector | undefined {
    return this.opts.spreadSelector?.(pod);
  }

  nominatedPodsForNode(nodeName: string): readonly PodInfo[] {
    return this.opts.nominated?.[nodeName] ?? [];
  }

  clearNominatedNode(): void {}

  runFilterPluginsWithNominatedPods(state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined {
    return this.opts.filter?.(state, pod, node);
  }

  runPreFilterExtensionAddPod(): Status | undefined {
    return undefined;
  }

  runPreFilterExtensionRemovePod(): Status | undefined {
    return undefined;
  }

  event(pod: Pod, _type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.events.push({ pod: pod.metadata.name ?? '', reason, message });
  }
}

export function newState(): CycleState {
  return new CycleState();
}
