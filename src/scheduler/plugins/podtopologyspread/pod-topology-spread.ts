/** PodTopologySpread: the plugin object wiring filtering.ts and scoring.ts to the extension points. */
import type { CycleState } from '../../framework/cycle-state.js';
import { ActionType, type ClusterEventWithHint } from '../../framework/events.js';
import type {
  EnqueueExtensions,
  FilterPlugin,
  Handle,
  PreFilterExtensions,
  PreFilterPlugin,
  PreScorePlugin,
  ScorePlugin,
} from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { NAMES } from '../names.js';
import type { SpreadArgs } from './constraints.js';
import { DomainIndex } from './domain-index.js';
import { PRE_FILTER_KEY, PreFilterState, filter, preFilter } from './filtering.js';
import { normalize, preScore, score } from './scoring.js';

export class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = NAMES.PodTopologySpread;
  readonly preFilterExtensions: PreFilterExtensions;
  private readonly args: SpreadArgs;
  private readonly index = new DomainIndex();

  constructor(
    private readonly handle: Handle,
    args: SpreadArgs = {},
  ) {
    const type = args.defaultingType ?? 'System';
    if (type !== 'System' && type !== 'List') throw new Error(`PodTopologySpread: defaultingType must be System or List, got ${JSON.stringify(type)}`);
    if (type === 'System' && (args.defaultConstraints ?? []).length > 0) {
      throw new Error('PodTopologySpread: defaultConstraints must be empty when defaultingType is System');
    }
    for (const c of args.defaultConstraints ?? []) {
      if (c.labelSelector) throw new Error('PodTopologySpread: defaultConstraints may not have a labelSelector');
      if (!Number.isInteger(c.maxSkew) || c.maxSkew < 1) throw new Error('PodTopologySpread: defaultConstraints maxSkew must be a positive integer');
    }
    this.args = { defaultingType: type, defaultConstraints: args.defaultConstraints ?? [] };
    const update = (state: CycleState, pod: PodInfo, other: PodInfo, node: NodeInfo, delta: number): Status | undefined => {
      const s = state.read<PreFilterState>(PRE_FILTER_KEY);
      if (!s) return Status.error(`reading "${PRE_FILTER_KEY}" from cycleState: not found`, this.name);
      s.updateWithPod(other, pod.pod, node, delta);
      return undefined;
    };
    this.preFilterExtensions = {
      addPod: (state, pod, other, node) => update(state, pod, other, node, 1),
      removePod: (state, pod, other, node) => update(state, pod, other, node, -1),
    };
  }

  preFilter(state: CycleState, pod: PodInfo, _nodes?: readonly NodeInfo[]): Status | undefined {
    return preFilter(this.handle, this.index, this.args, state, pod);
  }

  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined {
    return filter(state, pod, node);
  }

  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | undefined {
    return preScore(this.handle, this.index, this.args, state, pod, nodes);
  }

  score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
    return score(state, pod, node);
  }

  normalizeScores(state: CycleState, _pod: PodInfo, scores: number[], nodes: readonly NodeInfo[]): void {
    normalize(state, scores, nodes);
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      { event: { resource: 'AssignedPod', action: ActionType.Add | ActionType.Delete | ActionType.UpdatePodLabel } },
      { event: { resource: 'Node', action: ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint } },
    ];
  }
}
