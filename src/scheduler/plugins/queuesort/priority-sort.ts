/** PrioritySort: the active queue pops higher priority first, then the pod that waited longest. */
import type { QueuedPodInfo, QueueSortPlugin } from '../../framework/interface.js';
import { NAMES } from '../names.js';

export class PrioritySort implements QueueSortPlugin {
  readonly name = NAMES.PrioritySort;

  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
    const pa = a.podInfo.priority;
    const pb = b.podInfo.priority;
    return pa > pb || (pa === pb && a.timestamp < b.timestamp);
  }
}
