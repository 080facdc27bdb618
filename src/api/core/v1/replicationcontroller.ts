/** core/v1 ReplicationController: keeps a number of pod replicas running (superseded by ReplicaSet). */
import { defineKind } from '../../kind.js';
import type { KubeObject } from '../../meta.js';
import { ageColumn, col, formatAge, formatLabels, nameColumn } from '../../printing.js';
import { containerCells, containerColumns } from '../../printing-workloads.js';
import { type FieldError, forbidden, notSupported, required } from '../../validation/field-errors.js';
import { goStringMap, invalidRendered } from '../../validation/go-format.js';
import { validateNonNegative } from '../../validation/intstr.js';
import { validateLabels } from '../../validation/object-meta.js';
import { type PodTemplateSpec, defaultPodTemplateSpec, validatePodTemplateSpec } from './pod-spec.js';

export interface ReplicationControllerSpec {
  /** The desired number of replicas. Defaults to 1. */
  replicas?: number;
  /** Seconds a new pod must be ready, without any container crashing, to count as available. */
  minReadySeconds?: number;
  /** Label query over the pods that count as replicas; defaults to the template's labels. */
  selector?: Record<string, string>;
  /** The pod created when too few replicas exist. */
  template?: PodTemplateSpec;
}

export interface ReplicationControllerCondition {
  /** Type of the condition, e.g. ReplicaFailure. */
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface ReplicationControllerStatus {
  /** The most recently observed number of replicas. */
  replicas: number;
  /** Pods whose labels match the template's labels. */
  fullyLabeledReplicas?: number;
  /** Ready pods. */
  readyReplicas?: number;
  /** Pods ready for at least minReadySeconds. */
  availableReplicas?: number;
  /** The generation last acted upon by the controller. */
  observedGeneration?: number;
  /** The latest observations of the controller's state. */
  conditions?: ReplicationControllerCondition[];
}

export interface ReplicationController extends KubeObject {
  /** The desired behaviour. */
  spec?: ReplicationControllerSpec;
  /** The most recently observed status; set by the system. */
  status?: ReplicationControllerStatus;
}

function validateTemplate(spec: ReplicationControllerSpec): FieldError[] {
  const tpl = spec.template;
  const f = 'spec.template';
  if (!tpl) return [required(f)];
  const errs: FieldError[] = [];
  const selector = spec.selector ?? {};
  const labels = tpl.metadata?.labels ?? {};
  if (Object.keys(selector).length && !Object.entries(selector).every(([k, v]) => labels[k] === v)) {
    errs.push(invalidRendered(`${f}.metadata.labels`, goStringMap(tpl.metadata?.labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(tpl, f));
  const restart = tpl.spec?.restartPolicy;
  if (restart !== 'Always') errs.push(notSupported(`${f}.spec.restartPolicy`, restart ?? '', ['Always']));
  if (tpl.spec?.activeDeadlineSeconds !== undefined && tpl.spec.activeDeadlineSeconds !== null) {
    errs.push(forbidden(`${f}.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in ReplicationController is not Supported'));
  }
  return errs;
}

function validateRC(rc: ReplicationController): FieldError[] {
  const spec = rc.spec ?? {};
  const errs = [...validateNonNegative(spec.minReadySeconds, 'spec.minReadySeconds')];
  if (!Object.keys(spec.selector ?? {}).length) errs.push(required('spec.selector'));
  else errs.push(...validateLabels(spec.selector, 'spec.selector'));
  errs.push(...validateNonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...validateTemplate(spec));
  return errs;
}

function validateRCStatus(rc: ReplicationController): FieldError[] {
  const s = rc.status;
  if (!s) return [];
  const fields = ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'] as const;
  return fields.flatMap((k) => validateNonNegative(s[k], `status.${k}`));
}

export const replicationController = defineKind<ReplicationController>({
  group: '',
  version: 'v1',
  kind: 'ReplicationController',
  plural: 'replicationcontrollers',
  singular: 'replicationcontroller',
  namespaced: true,
  shortNames: ['rc'],
  categories: ['all'],
  statusSubresource: true,
  scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', labelSelectorPath: 'spec.selector' },
  generationFields: ['spec'],
  defaults(rc) {
    const spec = (rc.spec ??= {});
    spec.replicas ??= 1;
    const labels = spec.template?.metadata?.labels;
    if (labels) {
      if (!Object.keys(spec.selector ?? {}).length) spec.selector = { ...labels };
      if (!Object.keys(rc.metadata.labels ?? {}).length) rc.metadata.labels = { ...labels };
    }
    if (spec.template) defaultPodTemplateSpec(spec.template);
  },
  prepareForCreate(rc) {
    rc.status = { replicas: 0 };
  },
  validate: validateRC,
  validateStatusUpdate: validateRCStatus,
  table: {
    columns: [
      nameColumn,
      col('Desired', 0, 'integer', 'The number of desired replicas.'),
      col('Current', 0, 'integer', 'The most recently observed number of replicas.'),
      col('Ready', 0, 'integer', 'The number of ready replicas.'),
      ageColumn,
      ...containerColumns,
      col('Selector', 1, 'string', 'The label query over the pods that count as replicas.'),
    ],
    cells: (rc, now) => [
      rc.metadata.name,
      rc.spec?.replicas ?? 0,
      rc.status?.replicas ?? 0,
      rc.status?.readyReplicas ?? 0,
      formatAge(rc.metadata.creationTimestamp, now),
      ...containerCells(rc.spec?.template?.spec?.containers),
      formatLabels(rc.spec?.selector),
    ],
  },
  fieldSelectors: { 'status.replicas': (rc) => String(rc.status?.replicas ?? 0) },
});
