/**
 * Informer events → cache and queue (upstream eventhandlers.go). Bound pods go to the cache
 * (confirming assumed ones); pending pods of this scheduler's profiles go to the queue; node and
 * pod changes become cluster events that move parked pods back when they might now fit.
 */
import type { Node, Pod } from '../api/core/v1/index.js';
import { deepEqual } from '../machinery/index.js';
import { ActionType, EVENTS, type ClusterEvent } from './framework/events.js';
import { newPodInfo, podKey, type PodInfo } from './framework/pod-info.js';
import type { PriorityResolver } from './priority.js';
import type { Scheduler } from './scheduler.js';

function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** What changed on a node that scheduling cares about, as ActionType bits (0: nothing). */
export function nodeChangeBits(old: Node, now: Node): number {
  let bits = 0;
  if (!deepEqual(old.status?.allocatable ?? {}, now.status?.allocatable ?? {})) bits |= ActionType.UpdateNodeAllocatable;
  if (!deepEqual(old.metadata.labels ?? {}, now.metadata.labels ?? {})) bits |= ActionType.UpdateNodeLabel;
  if (!deepEqual(old.spec?.taints ?? [], now.spec?.taints ?? []) || Boolean(old.spec?.unschedulable) !== Boolean(now.spec?.unschedulable)) {
    bits |= ActionType.UpdateNodeTaint;
  }
  if (!deepEqual(old.metadata.annotations ?? {}, now.metadata.annotations ?? {})) bits |= ActionType.UpdateNodeAnnotation;
  return bits;
}

/** What changed on a bound pod, as ActionType bits. */
export function podChangeBits(old: PodInfo, now: PodInfo): number {
  let bits = 0;
  if (!deepEqual(old.labels, now.labels)) bits |= ActionType.UpdatePodLabel;
  const a = old.requests;
  const b = now.requests;
  if (b.milliCPU < a.milliCPU || b.memory < a.memory || b.ephemeralStorage < a.ephemeralStorage) bits |= ActionType.UpdatePodScaleDown;
  return bits;
}

export class EventHandlers {
  constructor(
    private readonly sched: Scheduler,
    private readonly priorities: PriorityResolver,
  ) {}

  private info(pod: Pod): PodInfo {
    return newPodInfo(pod, { priority: this.priorities.priorityOf(pod), preemptionPolicy: this.priorities.preemptionPolicyOf(pod) });
  }

  private responsible(pod: Pod): boolean {
    return this.sched.frameworkFor(pod) !== undefined;
  }

  onPodAdd(pod: Pod): void {
    if (isTerminal(pod)) return;
    const nodeName = pod.spec?.nodeName;
    if (nodeName) {
      const pi = this.info(pod);
      this.sched.cache.addPod(pi, nodeName);
      this.sched.queue.nominator.delete(pi.key);
      this.sched.queue.moveAllToActiveOrBackoff(EVENTS.AssignedPodAdd, undefined, pod);
    } else if (this.responsible(pod)) {
      this.sched.queue.add(this.info(pod));
    }
  }

  onPodUpdate(old: Pod, pod: Pod): void {
    const key = podKey(pod);
    if (isTerminal(pod)) return this.onPodDelete(pod);
    const nodeName = pod.spec?.nodeName;
    if (nodeName) {
      const wasBound = Boolean(old.spec?.nodeName) && this.sched.cache.nodeOf(key) !== undefined && !this.sched.cache.isAssumed(key);
      const pi = this.info(pod);
      if (!wasBound) {
        // Bound now: our own binding confirmed, or bound by someone else.
        this.sched.queue.delete(key);
        this.sched.cache.addPod(pi, nodeName);
        this.sched.queue.moveAllToActiveOrBackoff(EVENTS.AssignedPodAdd, undefined, pod);
        return;
      }
      this.sched.cache.updatePod(pi, nodeName);
      const bits = podChangeBits(this.info(old), pi);
      if (bits) this.sched.queue.moveAllToActiveOrBackoff({ resource: 'AssignedPod', action: bits, label: 'AssignedPodUpdate' }, old, pod);
      return;
    }
    if (this.sched.cache.isAssumed(key)) return;
    if (this.responsible(pod)) this.sched.queue.update(this.info(old), this.info(pod));
    else this.sched.queue.delete(key);
  }

  onPodDelete(pod: Pod): void {
    const key = podKey(pod);
    this.sched.queue.delete(key);
    for (const fwk of this.sched.frameworks.values()) fwk.waitingPods.reject(key, '', 'pod was deleted');
    // An assumed pod deleted before its binding showed up stays until the binding fails.
    const cached = this.sched.cache.nodeOf(key) !== undefined;
    if (cached && (pod.spec?.nodeName || !this.sched.cache.isAssumed(key))) {
      this.sched.cache.removePod(key);
      this.sched.queue.moveAllToActiveOrBackoff(EVENTS.AssignedPodDelete, pod);
    }
  }

  onNodeAdd(node: Node): void {
    this.sched.cache.addNode(node);
    this.sched.queue.moveAllToActiveOrBackoff(EVENTS.NodeAdd, undefined, node);
  }

  onNodeUpdate(old: Node, node: Node): void {
    this.sched.cache.updateNode(node);
    const bits = nodeChangeBits(old, node);
    if (bits) {
      const event: ClusterEvent = { resource: 'Node', action: bits, label: 'NodeUpdate' };
      this.sched.queue.moveAllToActiveOrBackoff(event, old, node);
    }
  }

  onNodeDelete(node: Node): void {
    this.sched.cache.removeNode(node.metadata.name ?? '');
    this.sched.queue.moveAllToActiveOrBackoff(EVENTS.NodeDelete, node);
  }
}
