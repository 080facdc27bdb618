/** InterPodAffinity: the plugin object wiring filtering.ts and scoring.ts to the extension points. */
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
import { PRE_FILTER_KEY, PreFilterState, filter, preFilter } from './filtering.js';
import { normalize, preScore, score, type ScoringArgs } from './scoring.js';

export interface InterPodAffinityArgs {
  /** Weight of running pods' required affinity towards the incoming pod in scoring (0..100, default 1). */
  hardPodAffinityWeight?: number;
  ignorePreferredTermsOfExistingPods?: boolean;
}

export class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = NAMES.InterPodAffinity;
  private readonly args: ScoringArgs;
  readonly preFilterExtensions: PreFilterExtensions;

  constructor(
    private readonly handle: Handle,
    args: InterPodAffinityArgs = {},
  ) {
    const w = args.hardPodAffinityWeight ?? 1;
    if (!Number.isInteger(w) || w < 0 || w > 100) throw new Error(`InterPodAffinity: hardPodAffinityWeight must be an integer in 0..100, got ${w}`);
    this.args = { hardPodAffinityWeight: w, ignorePreferredTermsOfExistingPods: args.ignorePreferredTermsOfExistingPods ?? false };
    const update = (state: CycleState, pod: PodInfo, other: PodInfo, node: NodeInfo, delta: number): Status | undefined => {
      const s = state.read<PreFilterState>(PRE_FILTER_KEY);
      if (!s) return Status.error(`reading "${PRE_FILTER_KEY}" from cycleState: not found`, this.name);
      s.updateWithPod(pod, other, node, delta);
      return undefined;
    };
    this.preFilterExtensions = {
      addPod: (state, pod, other, node) => update(state, pod, other, node, 1),
      removePod: (state, pod, other, node) => update(state, pod, other, node, -1),
    };
  }

  preFilter(state: CycleState, pod: PodInfo): Status | undefined {
    return preFilter(this.handle, state, pod);
  }

  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined {
    return filter(state, pod, node);
  }

  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | undefined {
    return preScore(this.handle, this.args, state, pod, nodes);
  }

  score(state: CycleState, _pod: PodInfo, node: NodeInfo): number {
    return score(state, node);
  }

  normalizeScores(_state: CycleState, _pod: PodInfo, scores: number[]): void {
    normalize(scores);
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      { event: { resource: 'AssignedPod', action: ActionType.Add | ActionType.Delete | ActionType.UpdatePodLabel } },
      { event: { resource: 'Node', action: ActionType.Add | ActionType.UpdateNodeLabel } },
    ];
  }
}
