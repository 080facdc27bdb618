/** NodeName: a pod that names a node fits only that node. */
import { ActionType, type ClusterEventWithHint } from '../../framework/events.js';
import type { EnqueueExtensions, FilterPlugin } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { NAMES } from '../names.js';

export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

const REJECT = new Status('UnschedulableAndUnresolvable', [ERR_REASON_NODE_NAME], NAMES.NodeName);

export class NodeName implements FilterPlugin, EnqueueExtensions {
  readonly name = NAMES.NodeName;

  filter(_state: unknown, pod: PodInfo, node: NodeInfo): Status | undefined {
    const want = pod.pod.spec?.nodeName;
    return !want || want === node.name ? undefined : REJECT;
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [{ event: { resource: 'Node', action: ActionType.Add } }];
  }
}
