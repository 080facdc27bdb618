/**
 * PodControl: how workload controllers create and delete pods (upstream's RealPodControl), behind
 * an interface so that unit tests can fake it. It records the upstream Events on the owner:
 * SuccessfulCreate / FailedCreate / SuccessfulDelete / FailedDelete.
 */
import type { Pod, PodTemplateSpec } from '../../api/core/v1/index.js';
import { pod as podKind } from '../../api/core/v1/index.js';
import type { KubeObject, OwnerReference } from '../../api/meta.js';
import type { EventRecorder, RestClient } from '../../client/index.js';
import { deepClone, isNotFound } from '../../machinery/index.js';

export interface PodControl {
  /** Creates a pod from `template` in `namespace`, controlled by `owner` through `controllerRef`. */
  createPod(namespace: string, template: PodTemplateSpec, opts: { owner: KubeObject; controllerRef: OwnerReference; name?: string; generateName?: string }): Promise<Pod>;
  /** Deletes a pod; a pod that is already gone is not an error. */
  deletePod(namespace: string, name: string, opts: { owner: KubeObject; uid?: string }): Promise<void>;
  /** Patches a pod (a merge patch by default), e.g. to adopt or release it. */
  patchPod(namespace: string, name: string, opts: { body: unknown; type?: 'merge' | 'json' | 'strategic' }): Promise<Pod>;
}

/** The pod a template makes (upstream's GetPodFromTemplate): labels, annotations, finalizers, spec. */
export function podFromTemplate(template: PodTemplateSpec, opts: { namespace: string; controllerRef: OwnerReference; name?: string; generateName?: string }): Pod {
  const md = template?.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace: opts.namespace },
    spec: deepClone(template?.spec ?? { containers: [] }),
  };
  if (md.labels) pod.metadata.labels = { ...md.labels };
  if (md.annotations) pod.metadata.annotations = { ...md.annotations };
  if (md.finalizers) pod.metadata.finalizers = [...md.finalizers];
  if (opts.name) pod.metadata.name = opts.name;
  else pod.metadata.generateName = opts.generateName ?? `${opts.controllerRef.name}-`;
  pod.metadata.ownerReferences = [{ ...opts.controllerRef }];
  return pod;
}

export class RealPodControl implements PodControl {
  constructor(
    private readonly client: RestClient,
    private readonly events: EventRecorder,
  ) {}

  async createPod(namespace: string, template: PodTemplateSpec, opts: { owner: KubeObject; controllerRef: OwnerReference; name?: string; generateName?: string }): Promise<Pod> {
    const body = podFromTemplate(template, { namespace, ...opts });
    if (!body.metadata.labels || Object.keys(body.metadata.labels).length === 0) {
      throw new Error('unable to create pods, no labels');
    }
    try {
      const created = await this.client.resource<Pod>(podKind).create(body);
      this.events.event(opts.owner, { type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${created.metadata.name}` });
      return created;
    } catch (err) {
      this.events.event(opts.owner, { type: 'Warning', reason: 'FailedCreate', message: `Error creating: ${(err as Error)?.message ?? String(err)}` });
      throw err;
    }
  }

  async deletePod(namespace: string, name: string, opts: { owner: KubeObject; uid?: string }): Promise<void> {
    try {
      await this.client.resource<Pod>(podKind).delete(namespace, name, opts.uid ? { preconditions: { uid: opts.uid } } : {});
      this.events.event(opts.owner, { type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${name}` });
    } catch (err) {
      if (isNotFound(err)) return;
      this.events.event(opts.owner, { type: 'Warning', reason: 'FailedDelete', message: `Error deleting: ${(err as Error)?.message ?? String(err)}` });
      throw err;
    }
  }

  async patchPod(namespace: string, name: string, opts: { body: unknown; type?: 'merge' | 'json' | 'strategic' }): Promise<Pod> {
    return this.client.resource<Pod>(podKind).patch(namespace, name, { type: opts.type ?? 'merge', body: opts.body });
  }
}
