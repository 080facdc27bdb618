/** apps/v1 ReplicaSet: keeps a number of identical pods running. */
import { type PodTemplateSpec, defaultPodTemplateSpec } from '../../core/v1/pod-spec.js';
import { defineKind } from '../../kind.js';
import type { KubeObject, LabelSelector } from '../../meta.js';
import { col } from '../../printing.js';
import { workloadCells, workloadColumns } from '../../printing-workloads.js';
import type { FieldError } from '../../validation/field-errors.js';
import { validateNonNegative } from '../../validation/intstr.js';
import { formatLabelSelector } from '../../validation/label-selector.js';
import {
  validateControllerSelector,
  validateCounters,
  validateReplicaBounds,
  validateReplicatedTemplate,
  validateSelectorUnchanged,
} from './controller-template.js';

/** The desired state of a ReplicaSet. */
export interface ReplicaSetSpec {
  /** The number of desired pods. Defaults to 1. */
  replicas?: number;
  /** Seconds a new pod must be ready, with no container crashing, before it counts as available. */
  minReadySeconds?: number;
  /** A label query over the pods to count; must match the template's labels. Immutable. */
  selector: LabelSelector;
  /** The pods created when too few exist. Its restartPolicy must be Always. */
  template?: PodTemplateSpec;
}

/** A condition of a ReplicaSet, such as ReplicaFailure. */
export interface ReplicaSetCondition {
  /** The condition type. */
  type: string;
  /** True, False or Unknown. */
  status: 'True' | 'False' | 'Unknown';
  /** The last time the condition changed from one status to another. */
  lastTransitionTime?: string;
  /** The reason for the last transition, in CamelCase. */
  reason?: string;
  /** A human-readable description of the last transition. */
  message?: string;
}

/** The observed state of a ReplicaSet. */
export interface ReplicaSetStatus {
  /** The most recently observed number of pods. */
  replicas: number;
  /** Pods whose labels match the template's labels. */
  fullyLabeledReplicas?: number;
  /** Pods with a Ready condition. */
  readyReplicas?: number;
  /** Pods ready for at least minReadySeconds. */
  availableReplicas?: number;
  /** The generation of the ReplicaSet the controller last acted on. */
  observedGeneration?: number;
  /** The latest available observations of the ReplicaSet's state. */
  conditions?: ReplicaSetCondition[];
}

/** Ensures that a specified number of pod replicas run at any given time. */
export interface ReplicaSet extends KubeObject {
  /** The desired behaviour of the ReplicaSet. */
  spec: ReplicaSetSpec;
  /** The most recently observed status of the ReplicaSet. */
  status?: ReplicaSetStatus;
}

function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  const spec = rs.spec ?? ({} as ReplicaSetSpec);
  return [
    ...validateNonNegative(spec.replicas, 'spec.replicas'),
    ...validateNonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    // Upstream says "deployment" here too.
    ...validateControllerSelector(spec.selector, 'deployment'),
    ...validateReplicatedTemplate(spec.template, spec.selector),
  ];
}

const STATUS_COUNTERS = ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'];

export const replicaSet = defineKind<ReplicaSet>({
  group: 'apps',
  version: 'v1',
  kind: 'ReplicaSet',
  plural: 'replicasets',
  singular: 'replicaset',
  namespaced: true,
  shortNames: ['rs'],
  categories: ['all'],
  statusSubresource: true,
  scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', labelSelectorPath: 'spec.selector' },
  generationFields: ['spec'],
  defaults(rs) {
    rs.spec ??= {} as ReplicaSetSpec;
    rs.spec.replicas ??= 1;
    rs.spec.template ??= {};
    defaultPodTemplateSpec(rs.spec.template);
  },
  prepareForCreate(rs) {
    rs.status = { replicas: 0 };
  },
  validate: validateReplicaSet,
  validateUpdate: (rs, old) => [...validateReplicaSet(rs), ...validateSelectorUnchanged(rs.spec?.selector, old.spec?.selector)],
  validateStatusUpdate: (rs) => [
    ...validateCounters(rs.status as unknown as Record<string, unknown>, STATUS_COUNTERS),
    ...validateReplicaBounds(rs.status as unknown as Record<string, unknown>, ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas']),
  ],
  table: {
    columns: workloadColumns(
      [
        col('Desired', 0, 'integer', 'Replicas is the number of desired pods.'),
        col('Current', 0, 'integer', 'Replicas is the most recently observed number of replicas.'),
        col('Ready', 0, 'integer', 'The number of ready replicas for this replica set.'),
      ],
      'Selector is a label query over pods that should match the replica count.',
    ),
    cells: (rs, now) =>
      workloadCells(rs, now, {
        own: [rs.spec?.replicas ?? 0, rs.status?.replicas ?? 0, rs.status?.readyReplicas ?? 0],
        containers: rs.spec?.template?.spec?.containers,
        selector: formatLabelSelector(rs.spec?.selector),
      }),
  },
});
