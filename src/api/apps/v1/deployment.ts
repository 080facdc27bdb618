/** apps/v1 Deployment: defaults, validation, the /scale subresource and the printer. */
import { defaultPodTemplateSpec } from '../../core/v1/pod-spec.js';
import { defineKind } from '../../kind.js';
import { col } from '../../printing.js';
import { workloadCells, workloadColumns } from '../../printing-workloads.js';
import { type FieldError, forbidden, invalid, notSupported, required } from '../../validation/field-errors.js';
import { goIntOrString, invalidRendered } from '../../validation/go-format.js';
import {
  intOrPercentValue,
  validateNonNegative,
  validateNotMoreThan100Percent,
  validatePositiveIntOrPercent,
} from '../../validation/intstr.js';
import { isConvertibleSelector, labelSelectorToString } from '../../validation/label-selector.js';
import {
  validateCollisionCount,
  validateControllerSelector,
  validateCounters,
  validateReplicaBounds,
  validateReplicatedTemplate,
  validateSelectorUnchanged,
} from './controller-template.js';
import type { Deployment, DeploymentStrategy } from './deployment-types.js';

export type * from './deployment-types.js';

/** SetDefaults_Deployment plus the pod template's defaults. */
export function defaultDeployment(d: Deployment): void {
  d.spec ??= {} as Deployment['spec'];
  const spec = d.spec;
  spec.replicas ??= 1;
  spec.strategy ??= {};
  spec.strategy.type ||= 'RollingUpdate';
  if (spec.strategy.type === 'RollingUpdate') {
    spec.strategy.rollingUpdate ??= {};
    spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
    spec.strategy.rollingUpdate.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  spec.template ??= {};
  defaultPodTemplateSpec(spec.template);
}

function validateStrategy(strategy: DeploymentStrategy | undefined): FieldError[] {
  const s = strategy ?? {};
  switch (s.type) {
    case 'Recreate':
      return s.rollingUpdate ? [forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate': {
      const ru = s.rollingUpdate;
      if (!ru) return [required('spec.strategy.rollingUpdate', 'this should be defaulted and never be nil')];
      const base = 'spec.strategy.rollingUpdate';
      const errs = [
        ...validatePositiveIntOrPercent(ru.maxUnavailable, `${base}.maxUnavailable`),
        ...validatePositiveIntOrPercent(ru.maxSurge, `${base}.maxSurge`),
      ];
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(invalidRendered(`${base}.maxUnavailable`, goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
      }
      errs.push(...validateNotMoreThan100Percent(ru.maxUnavailable, `${base}.maxUnavailable`));
      return errs;
    }
    default:
      return [notSupported('spec.strategy', s, ['Recreate', 'RollingUpdate'])];
  }
}

/** ValidateDeploymentSpec. */
export function validateDeployment(d: Deployment): FieldError[] {
  const spec = d.spec ?? ({} as Deployment['spec']);
  const errs = [
    ...validateNonNegative(spec.replicas, 'spec.replicas'),
    ...validateControllerSelector(spec.selector, 'deployment'),
    ...validateReplicatedTemplate(spec.template, spec.selector),
    ...validateStrategy(spec.strategy),
    ...validateNonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    ...validateNonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'),
  ];
  if (spec.progressDeadlineSeconds != null) {
    errs.push(...validateNonNegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(invalid('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

const STATUS_COUNTERS = ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'collisionCount'];

/** ValidateDeploymentStatusUpdate. */
export function validateDeploymentStatus(d: Deployment, old: Deployment): FieldError[] {
  return [
    ...validateCounters(d.status as Record<string, unknown>, STATUS_COUNTERS),
    ...validateReplicaBounds(d.status as Record<string, unknown>, ['updatedReplicas', 'readyReplicas', 'availableReplicas']),
    ...validateCollisionCount(d.status?.collisionCount, old.status?.collisionCount),
  ];
}

function selectorCell(d: Deployment): string {
  return isConvertibleSelector(d.spec?.selector) ? labelSelectorToString(d.spec?.selector) : '<invalid>';
}

export const deployment = defineKind<Deployment>({
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  plural: 'deployments',
  singular: 'deployment',
  namespaced: true,
  shortNames: ['deploy'],
  categories: ['all'],
  statusSubresource: true,
  scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', labelSelectorPath: 'spec.selector' },
  generationFields: ['spec'],
  defaults: defaultDeployment,
  prepareForCreate(d) {
    d.status = {};
  },
  validate: validateDeployment,
  validateUpdate: (d, old) => [...validateDeployment(d), ...validateSelectorUnchanged(d.spec?.selector, old.spec?.selector)],
  validateStatusUpdate: validateDeploymentStatus,
  table: {
    columns: workloadColumns(
      [
        col('Ready', 0, 'string', 'Number of the pod with ready state'),
        col('Up-to-date', 0, 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
        col('Available', 0, 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
      ],
      'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.',
    ),
    cells: (d, now) =>
      workloadCells(d, now, {
        own: [`${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`, d.status?.updatedReplicas ?? 0, d.status?.availableReplicas ?? 0],
        containers: d.spec?.template?.spec?.containers,
        selector: selectorCell(d),
      }),
  },
});
