/** apps/v1 DaemonSet: runs a copy of a pod on every (selected) node. */
import { type PodTemplateSpec, defaultPodTemplateSpec, validatePodTemplateSpec } from '../../core/v1/pod-spec.js';
import { defineKind } from '../../kind.js';
import type { KubeObject, LabelSelector } from '../../meta.js';
import { col, formatLabels } from '../../printing.js';
import { workloadCells, workloadColumns } from '../../printing-workloads.js';
import { type FieldError, notSupported, required } from '../../validation/field-errors.js';
import { goIntOrString, goLabelSelector, invalidRendered } from '../../validation/go-format.js';
import {
  type IntOrString,
  intOrPercentValue,
  validateNonNegative,
  validateNotMoreThan100Percent,
  validatePositiveIntOrPercent,
} from '../../validation/intstr.js';
import {
  formatLabelSelector,
  isEmptySelector,
  validateLabelSelector,
  validateSelectorMatchesLabels,
} from '../../validation/label-selector.js';
import { validateAlwaysRunning, validateCollisionCount, validateCounters, validateSelectorUnchanged } from './controller-template.js';

/** Parameters of a DaemonSet rolling update. */
export interface RollingUpdateDaemonSet {
  /** The most nodes whose daemon pod may be unavailable during the update. Defaults to 1. */
  maxUnavailable?: IntOrString;
  /** The most nodes that may run an extra, updated pod during the update. Defaults to 0. */
  maxSurge?: IntOrString;
}

/** How template changes reach the nodes. */
export interface DaemonSetUpdateStrategy {
  /** RollingUpdate (the default) or OnDelete. */
  type?: 'RollingUpdate' | 'OnDelete';
  /** Rolling update parameters; only with type RollingUpdate. */
  rollingUpdate?: RollingUpdateDaemonSet;
}

/** The desired state of a DaemonSet. */
export interface DaemonSetSpec {
  /** A label query over the pods the daemon set manages; must match the template's labels. Immutable. */
  selector: LabelSelector;
  /** The pod to run on each node. Its restartPolicy must be Always. */
  template: PodTemplateSpec;
  /** How template changes are rolled out. */
  updateStrategy?: DaemonSetUpdateStrategy;
  /** Seconds a new pod must be ready before it counts as available. */
  minReadySeconds?: number;
  /** How many old ControllerRevisions are kept. Defaults to 10. */
  revisionHistoryLimit?: number;
}

/** A condition of a DaemonSet. */
export interface DaemonSetCondition {
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

/** The observed state of a DaemonSet. */
export interface DaemonSetStatus {
  /** Nodes running at least one daemon pod that are supposed to. */
  currentNumberScheduled: number;
  /** Nodes running a daemon pod that are not supposed to. */
  numberMisscheduled: number;
  /** Nodes that should run the daemon pod. */
  desiredNumberScheduled: number;
  /** Nodes whose daemon pod is ready. */
  numberReady: number;
  /** The generation the controller last acted on. */
  observedGeneration?: number;
  /** Nodes running the updated daemon pod. */
  updatedNumberScheduled?: number;
  /** Nodes whose daemon pod has been ready for at least minReadySeconds. */
  numberAvailable?: number;
  /** Nodes that should run the daemon pod but have none available. */
  numberUnavailable?: number;
  /** Bumped to avoid name collisions when the controller names a new ControllerRevision. */
  collisionCount?: number;
  /** The latest available observations of the DaemonSet's state. */
  conditions?: DaemonSetCondition[];
}

/** Runs a copy of a pod on each node the template's scheduling rules allow. */
export interface DaemonSet extends KubeObject {
  /** The desired behaviour of the daemon set. */
  spec: DaemonSetSpec;
  /** The current status; may lag the spec. */
  status?: DaemonSetStatus;
}

/** The annotation upstream keeps the template generation in. */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

function validateRollingUpdate(ru: RollingUpdateDaemonSet): FieldError[] {
  const base = 'spec.updateStrategy.rollingUpdate';
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, `${base}.maxUnavailable`),
    ...validatePositiveIntOrPercent(ru.maxSurge, `${base}.maxSurge`),
    ...validateNotMoreThan100Percent(ru.maxUnavailable, `${base}.maxUnavailable`),
    ...validateNotMoreThan100Percent(ru.maxSurge, `${base}.maxSurge`),
  ];
  const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
  if (hasUnavailable && hasSurge) {
    errs.push(invalidRendered(`${base}.maxSurge`, goIntOrString(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
  } else if (!hasUnavailable && !hasSurge) {
    errs.push(required(`${base}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
  }
  return errs;
}

function validateUpdateStrategy(s: DaemonSetUpdateStrategy | undefined): FieldError[] {
  const strategy = s ?? {};
  if (strategy.type === 'OnDelete') return [];
  if (strategy.type === 'RollingUpdate') {
    return strategy.rollingUpdate ? validateRollingUpdate(strategy.rollingUpdate) : [required('spec.updateStrategy.rollingUpdate')];
  }
  return [notSupported('spec.updateStrategy', strategy, ['RollingUpdate', 'OnDelete'])];
}

/** ValidateDaemonSetSpec. */
export function validateDaemonSet(ds: DaemonSet): FieldError[] {
  const spec = ds.spec ?? ({} as DaemonSetSpec);
  const tpl = spec.template ?? {};
  const errs = [
    ...validateLabelSelector(spec.selector, 'spec.selector'),
    ...validateSelectorMatchesLabels(spec.selector, tpl.metadata?.labels, 'spec.template.metadata.labels'),
  ];
  if (spec.selector && isEmptySelector(spec.selector)) {
    errs.push(invalidRendered('spec.selector', goLabelSelector(spec.selector), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(tpl, 'spec.template'));
  errs.push(...validateAlwaysRunning(tpl, 'spec.template', 'DaemonSet'));
  errs.push(...validateNonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateUpdateStrategy(spec.updateStrategy));
  errs.push(...validateNonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  return errs;
}

const STATUS_COUNTERS = [
  'currentNumberScheduled',
  'numberMisscheduled',
  'desiredNumberScheduled',
  'numberReady',
  'observedGeneration',
  'updatedNumberScheduled',
  'numberAvailable',
  'numberUnavailable',
  'collisionCount',
];

export const daemonSet = defineKind<DaemonSet>({
  group: 'apps',
  version: 'v1',
  kind: 'DaemonSet',
  plural: 'daemonsets',
  singular: 'daemonset',
  namespaced: true,
  shortNames: ['ds'],
  categories: ['all'],
  statusSubresource: true,
  generationFields: ['spec'],
  defaults(ds) {
    ds.spec ??= {} as DaemonSetSpec;
    const strategy = (ds.spec.updateStrategy ??= {});
    strategy.type ||= 'RollingUpdate';
    if (strategy.type === 'RollingUpdate') {
      strategy.rollingUpdate ??= {};
      strategy.rollingUpdate.maxUnavailable ??= 1;
      strategy.rollingUpdate.maxSurge ??= 0;
    }
    ds.spec.revisionHistoryLimit ??= 10;
    ds.spec.template ??= {};
    defaultPodTemplateSpec(ds.spec.template);
  },
  prepareForCreate(ds) {
    ds.status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
    ds.metadata.annotations = { ...ds.metadata.annotations, [TEMPLATE_GENERATION_ANNOTATION]: '1' };
  },
  validate: validateDaemonSet,
  validateUpdate: (ds, old) => [...validateDaemonSet(ds), ...validateSelectorUnchanged(ds.spec?.selector, old.spec?.selector)],
  validateStatusUpdate: (ds, old) => [
    ...validateCounters(ds.status as unknown as Record<string, unknown>, STATUS_COUNTERS),
    ...validateCollisionCount(ds.status?.collisionCount, old.status?.collisionCount),
  ],
  table: {
    columns: workloadColumns(
      [
        col('Desired', 0, 'integer', 'The total number of nodes that should be running the daemon pod.'),
        col('Current', 0, 'integer', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.'),
        col('Ready', 0, 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.'),
        col('Up-to-date', 0, 'integer', 'The total number of nodes that are running updated daemon pod'),
        col('Available', 0, 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.'),
        col('Node Selector', 0, 'string', "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node."),
      ],
      'A label query over pods that are managed by the daemon set.',
    ),
    cells: (ds, now) =>
      workloadCells(ds, now, {
        own: [
          ds.status?.desiredNumberScheduled ?? 0,
          ds.status?.currentNumberScheduled ?? 0,
          ds.status?.numberReady ?? 0,
          ds.status?.updatedNumberScheduled ?? 0,
          ds.status?.numberAvailable ?? 0,
          formatLabels(ds.spec?.template?.spec?.nodeSelector),
        ],
        containers: ds.spec?.template?.spec?.containers,
        selector: formatLabelSelector(ds.spec?.selector),
      }),
  },
});
