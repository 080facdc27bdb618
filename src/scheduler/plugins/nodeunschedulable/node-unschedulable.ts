/** NodeUnschedulable: keeps pods off cordoned nodes unless they tolerate the unschedulable taint. */
import type { Node } from '../../../api/core/v1/index.js';
import { ActionType, type ClusterEventWithHint } from '../../framework/events.js';
import type { EnqueueExtensions, FilterPlugin } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { tolerationsTolerateTaint } from '../../framework/taints.js';
import { NAMES } from '../names.js';

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

const REJECT = new Status('UnschedulableAndUnresolvable', [ERR_REASON_UNSCHEDULABLE], NAMES.NodeUnschedulable);
const UNSCHEDULABLE_TAINT = { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' as const };

export class NodeUnschedulable implements FilterPlugin, EnqueueExtensions {
  readonly name = NAMES.NodeUnschedulable;

  filter(_state: unknown, pod: PodInfo, node: NodeInfo): Status | undefined {
    if (!node.node?.spec?.unschedulable) return undefined;
    return tolerationsTolerateTaint(pod.pod.spec?.tolerations, UNSCHEDULABLE_TAINT) ? undefined : REJECT;
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Node', action: ActionType.Add | ActionType.UpdateNodeTaint | ActionType.UpdateOther },
        hint: (_pod, _old, now) => ((now as Node | undefined)?.spec?.unschedulable ? 'Skip' : 'Queue'),
      },
    ];
  }
}
