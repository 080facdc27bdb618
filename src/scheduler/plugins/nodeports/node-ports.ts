/** NodePorts: a pod's host ports must be free on the node (same protocol and port, overlapping IP). */
import { ActionType, type ClusterEventWithHint } from '../../framework/events.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { EnqueueExtensions, FilterPlugin, PreFilterPlugin } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { NAMES } from '../names.js';

export const ERR_REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";

const REJECT = new Status('Unschedulable', [ERR_REASON_PORTS], NAMES.NodePorts);

export class NodePorts implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
  readonly name = NAMES.NodePorts;

  preFilter(_state: CycleState, pod: PodInfo): Status | undefined {
    return pod.hostPorts.length === 0 ? Status.skip() : undefined;
  }

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined {
    if (node.usedPorts.size === 0) return undefined;
    for (const p of pod.hostPorts) if (node.portInUse(p)) return REJECT;
    return undefined;
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      // A deleted pod frees its ports; a new node has all of them.
      { event: { resource: 'AssignedPod', action: ActionType.Delete }, hint: (_pod, old) => (old && hasHostPorts(old) ? 'Queue' : 'Skip') },
      { event: { resource: 'Node', action: ActionType.Add } },
    ];
  }
}

function hasHostPorts(obj: unknown): boolean {
  const spec = (obj as { spec?: { containers?: { ports?: { hostPort?: number }[] }[] } }).spec;
  return (spec?.containers ?? []).some((c) => (c.ports ?? []).some((p) => (p.hostPort ?? 0) > 0));
}
