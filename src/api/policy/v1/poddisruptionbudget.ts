/** policy/v1 PodDisruptionBudget: limits voluntary disruption of a set of pods. */
import { defineKind } from '../../kind.js';
import type { Condition, KubeObject, LabelSelector } from '../../meta.js';
import { ageColumn, col, formatAge, nameColumn } from '../../printing.js';
import { type FieldError, invalid, notSupported } from '../../validation/field-errors.js';
import { type IntOrString, validateNotMoreThan100Percent, validatePositiveIntOrPercent } from '../../validation/intstr.js';
import { validateLabelSelector } from '../../validation/label-selector.js';

export type UnhealthyPodEvictionPolicy = 'IfHealthyBudget' | 'AlwaysAllow';

/** Which pods the budget protects and how many of them must stay up. */
export interface PodDisruptionBudgetSpec {
  /** Evictions are allowed only if at least this many (or this percentage) of the selected pods stay available. */
  minAvailable?: IntOrString;
  /** The pods whose disruptions the budget limits; an empty selector selects every pod of the namespace. */
  selector?: LabelSelector;
  /** Evictions are allowed only if at most this many (or this percentage) of the selected pods are unavailable. */
  maxUnavailable?: IntOrString;
  /** When running but not yet ready pods may be evicted: IfHealthyBudget (default) or AlwaysAllow. */
  unhealthyPodEvictionPolicy?: UnhealthyPodEvictionPolicy;
}

/** What the disruption controller last computed for the budget. */
export interface PodDisruptionBudgetStatus {
  /** The generation the controller last observed. */
  observedGeneration?: number;
  /** Pods evicted but not yet observed as gone, with the eviction time, keyed by pod name. */
  disruptedPods?: Record<string, string>;
  /** How many more pods may be disrupted right now. */
  disruptionsAllowed: number;
  /** How many selected pods are currently healthy. */
  currentHealthy: number;
  /** How many healthy pods the budget requires. */
  desiredHealthy: number;
  /** How many pods the budget counts. */
  expectedPods: number;
  /** DisruptionAllowed and other conditions. */
  conditions?: Condition[];
}

export interface PodDisruptionBudget extends KubeObject {
  /** The desired budget. */
  spec?: PodDisruptionBudgetSpec;
  /** The budget's current state. */
  status?: PodDisruptionBudgetStatus;
}

const EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

function validateIntOrPercent(v: IntOrString | undefined, field: string): FieldError[] {
  if (v === undefined || v === null) return [];
  return [...validatePositiveIntOrPercent(v, field), ...validateNotMoreThan100Percent(v, field)];
}

function validatePdb(pdb: PodDisruptionBudget): FieldError[] {
  const spec = pdb.spec ?? {};
  const errs: FieldError[] = [];
  if (spec.minAvailable != null && spec.maxUnavailable != null) {
    errs.push(invalid('spec', spec, 'minAvailable and maxUnavailable cannot be both set'));
  }
  errs.push(...validateIntOrPercent(spec.minAvailable, 'spec.minAvailable'));
  errs.push(...validateIntOrPercent(spec.maxUnavailable, 'spec.maxUnavailable'));
  errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  if (spec.unhealthyPodEvictionPolicy != null && !EVICTION_POLICIES.includes(spec.unhealthyPodEvictionPolicy)) {
    errs.push(notSupported('spec.unhealthyPodEvictionPolicy', spec.unhealthyPodEvictionPolicy, EVICTION_POLICIES));
  }
  return errs;
}

function emptyStatus(): PodDisruptionBudgetStatus {
  return { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
}

const intOrNA = (v: IntOrString | undefined) => (v === undefined || v === null ? 'N/A' : String(v));

export const podDisruptionBudget = defineKind<PodDisruptionBudget>({
  group: 'policy',
  version: 'v1',
  kind: 'PodDisruptionBudget',
  plural: 'poddisruptionbudgets',
  singular: 'poddisruptionbudget',
  namespaced: true,
  shortNames: ['pdb'],
  statusSubresource: true,
  generationFields: ['spec'],
  prepareForCreate(pdb) {
    pdb.status = emptyStatus();
  },
  validate: validatePdb,
  table: {
    columns: [
      nameColumn,
      col('Min Available', 0, 'string', 'The minimum number of pods that must be available.'),
      col('Max Unavailable', 0, 'string', 'The maximum number of pods that may be unavailable.'),
      col('Allowed Disruptions', 0, 'integer', 'Calculated number of pods that may be disrupted at this time.'),
      ageColumn,
    ],
    cells: (pdb, now) => [
      pdb.metadata.name,
      intOrNA(pdb.spec?.minAvailable),
      intOrNA(pdb.spec?.maxUnavailable),
      pdb.status?.disruptionsAllowed ?? 0,
      formatAge(pdb.metadata.creationTimestamp, now),
    ],
  },
});
