/**
 * NodeAffinity: nodeSelector and required node affinity filter nodes; preferred node affinity
 * terms score them (sum of matching terms' weights, normalised to 0..100).
 */
import type { Node, PreferredSchedulingTerm } from '../../../api/core/v1/index.js';
import type { CycleState } from '../../framework/cycle-state.js';
import { ActionType, type ClusterEventWithHint } from '../../framework/events.js';
import type { EnqueueExtensions, FilterPlugin, PreFilterPlugin, PreFilterResult, PreScorePlugin, ScorePlugin } from '../../framework/interface.js';
import { CompiledTerm, RequiredNodeAffinity, nodeNamesFromAffinity } from '../../framework/node-affinity.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { NAMES } from '../names.js';
import { defaultNormalizeScore } from '../normalize.js';

export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

const REJECT = new Status('UnschedulableAndUnresolvable', [ERR_REASON_POD], NAMES.NodeAffinity);
const PRE_FILTER_KEY = 'PreFilter/NodeAffinity';
const PRE_SCORE_KEY = 'PreScore/NodeAffinity';

interface WeightedTerm {
  term: CompiledTerm;
  weight: number;
}

export class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = NAMES.NodeAffinity;

  preFilter(state: CycleState, pod: PodInfo): Status | PreFilterResult | undefined {
    const required = new RequiredNodeAffinity(pod.pod);
    if (required.isEmpty()) return Status.skip();
    state.write(PRE_FILTER_KEY, required);
    const names = nodeNamesFromAffinity(pod.pod);
    if (names === undefined) return undefined;
    if (names.size === 0) return new Status('UnschedulableAndUnresolvable', [ERR_REASON_CONFLICT], this.name);
    return { nodeNames: names };
  }

  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined {
    if (!node.node) return Status.error('node not found', this.name);
    const required = state.read<RequiredNodeAffinity>(PRE_FILTER_KEY) ?? new RequiredNodeAffinity(pod.pod);
    return required.matches(node.node) ? undefined : REJECT;
  }

  preScore(state: CycleState, pod: PodInfo): Status | undefined {
    const preferred = pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    if (!Array.isArray(preferred) || preferred.length === 0) return Status.skip();
    state.write(PRE_SCORE_KEY, compilePreferred(preferred));
    return undefined;
  }

  score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
    const terms =
      state.read<WeightedTerm[]>(PRE_SCORE_KEY) ?? compilePreferred(pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []);
    if (!node.node) return 0;
    let sum = 0;
    for (const t of terms) if (t.weight !== 0 && t.term.matches(node.node)) sum += t.weight;
    return sum;
  }

  normalizeScores(_state: CycleState, _pod: PodInfo, scores: number[]): void {
    defaultNormalizeScore(scores, false);
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Node', action: ActionType.Add | ActionType.UpdateNodeLabel },
        hint: (pod, _old, now) => (now && new RequiredNodeAffinity(pod.pod).matches(now as Node) ? 'Queue' : 'Skip'),
      },
    ];
  }
}

function compilePreferred(terms: PreferredSchedulingTerm[]): WeightedTerm[] {
  return terms.map((t) => ({ term: new CompiledTerm(t.preference ?? {}), weight: t.weight ?? 0 }));
}
