/**
 * The scheduler's writes to the API server: bindings, pod status (the PodScheduled condition
 * and nominatedNodeName), preemption (DisruptionTarget condition, delete, Preempted event), and
 * events, through src/client. Events go through the client's EventRecorder, which queues,
 * correlates and drops under load rather than slowing scheduling down.
 */
import { pod as podKind, type Pod, type PodCondition } from '../api/core/v1/index.js';
import type { EventRecorder, ResourceClient, RestClient } from '../client/index.js';
import { isNotFound } from '../machinery/index.js';
import type { SchedulerApi } from './framework/interface.js';
import { rfc3339 } from '../util/index.js';


export class ApiActions implements SchedulerApi {
  private readonly pods: ResourceClient<Pod>;

  constructor(
    client: RestClient,
    private readonly recorders: { recorderFor(pod: Pod): EventRecorder },
    private readonly log: (line: string) => void,
  ) {
    this.pods = client.resource<Pod>(podKind);
  }

  async bind(pod: Pod, nodeName: string, signal?: AbortSignal): Promise<void> {
    const md = pod.metadata;
    await this.pods.createSubresource(md.namespace, md.name ?? '', {
      subresource: 'binding',
      body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: md.name, namespace: md.namespace, uid: md.uid }, target: { apiVersion: 'v1', kind: 'Node', name: nodeName } },
      signal,
    });
  }

  /**
   * Sets a condition (and optionally status.nominatedNodeName; '' clears it) with a strategic
   * merge patch of pods/status. A pod that is gone is not an error.
   */
  async patchStatus(pod: Pod, condition: PodCondition | undefined, nominatedNodeName?: string): Promise<void> {
    const status: Record<string, unknown> = {};
    if (condition) status.conditions = [condition];
    if (nominatedNodeName !== undefined) status.nominatedNodeName = nominatedNodeName === '' ? null : nominatedNodeName;
    try {
      await this.pods.patch(pod.metadata.namespace, pod.metadata.name ?? '', { type: 'strategic', subresource: 'status', body: { status } });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  async preemptPod(victim: Pod, preemptor: Pod, nodeName: string): Promise<void> {
    const schedulerName = preemptor.spec?.schedulerName ?? 'default-scheduler';
    const condition: PodCondition = {
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'PreemptionByScheduler',
      message: `${schedulerName}: preempting to accommodate a higher priority pod`,
      lastTransitionTime: rfc3339(),
    };
    try {
      await this.patchStatus(victim, condition);
      await this.pods.delete(victim.metadata.namespace, victim.metadata.name ?? '');
    } catch (e) {
      if (isNotFound(e)) return;
      this.log(`scheduler: preempting pod ${victim.metadata.namespace}/${victim.metadata.name}: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
    this.event(victim, 'Normal', 'Preempted', `Preempted by pod ${preemptor.metadata.uid ?? ''} on node ${nodeName}`);
  }

  async clearNomination(pod: Pod): Promise<void> {
    try {
      await this.patchStatus(pod, undefined, '');
    } catch (e) {
      this.log(`scheduler: clearing the nomination of ${pod.metadata.namespace}/${pod.metadata.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.recorders.recorderFor(pod).event(pod.kind ? pod : { ...pod, apiVersion: 'v1', kind: 'Pod' }, { type, reason, message });
  }
}
