/**
 * TaintToleration: NoSchedule and NoExecute taints the pod does not tolerate rule a node out;
 * untolerated PreferNoSchedule taints lower its score.
 */
import type { Node, Toleration } from '../../../api/core/v1/index.js';
import type { CycleState } from '../../framework/cycle-state.js';
import { ActionType, type ClusterEventWithHint } from '../../framework/events.js';
import type { EnqueueExtensions, FilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { findUntoleratedTaint, isHardTaint, tolerationsTolerateTaint } from '../../framework/taints.js';
import { NAMES } from '../names.js';
import { defaultNormalizeScore } from '../normalize.js';

const PRE_SCORE_KEY = 'PreScore/TaintToleration';

/** "node(s) had untolerated taint {key: value}", as upstream words it. */
export function untoleratedTaintReason(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ''}}`;
}

const statusCache = new Map<string, Status>();

export class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = NAMES.TaintToleration;

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined {
    const taints = node.taints;
    if (taints.length === 0) return undefined;
    const taint = findUntoleratedTaint(taints, pod.pod.spec?.tolerations, isHardTaint);
    if (!taint) return undefined;
    const reason = untoleratedTaintReason(taint.key, taint.value);
    let s = statusCache.get(reason);
    if (!s) {
      s = new Status('UnschedulableAndUnresolvable', [reason], this.name);
      if (statusCache.size > 1024) statusCache.clear();
      statusCache.set(reason, s);
    }
    return s;
  }

  preScore(state: CycleState, pod: PodInfo): Status | undefined {
    const tolerations = (pod.pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    state.write(PRE_SCORE_KEY, tolerations);
    return undefined;
  }

  /** The number of PreferNoSchedule taints the pod does not tolerate (fewer is better). */
  score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
    const taints = node.taints;
    if (taints.length === 0) return 0;
    const tolerations = state.read<Toleration[]>(PRE_SCORE_KEY) ?? pod.pod.spec?.tolerations ?? [];
    let n = 0;
    for (const t of taints) if (t.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, t)) n++;
    return n;
  }

  normalizeScores(_state: CycleState, _pod: PodInfo, scores: number[]): void {
    defaultNormalizeScore(scores, true);
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Node', action: ActionType.Add | ActionType.UpdateNodeTaint },
        hint: (pod, _old, now) => {
          const taints = (now as Node | undefined)?.spec?.taints ?? [];
          return findUntoleratedTaint(taints, pod.pod.spec?.tolerations, isHardTaint) ? 'Skip' : 'Queue';
        },
      },
      { event: { resource: 'UnscheduledPod', action: ActionType.UpdatePodTolerations } },
    ];
  }
}
