/** scheduling.k8s.io/v1 PriorityClass: a named pod priority. */
import { defineKind } from '../../kind.js';
import type { KubeObject } from '../../meta.js';
import { ageColumn, col, formatAge, nameColumn } from '../../printing.js';
import { type FieldError, forbidden, invalid, notSupported, required, IMMUTABLE } from '../../validation/field-errors.js';

export type PreemptionPolicy = 'PreemptLowerPriority' | 'Never';

/** Maps a priority class name to the integer priority of pods that name it. */
export interface PriorityClass extends KubeObject {
  /** The priority of pods using this class; higher runs first. User classes may use at most 1000000000. */
  value: number;
  /**
   * Whether pods without a priorityClassName get this class's value. At most one class may be the
   * global default.
   */
  globalDefault?: boolean;
  /** A free-form note on when this class should be used. */
  description?: string;
  /** Whether pods of this class may preempt lower-priority pods: PreemptLowerPriority (default) or Never. */
  preemptionPolicy?: PreemptionPolicy;
}

export const SYSTEM_PRIORITY_CLASS_PREFIX = 'system-';
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;

/** The classes the system creates; other names with the `system-` prefix are refused. */
export const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  'system-node-critical': 2_000_001_000,
  'system-cluster-critical': 2_000_000_000,
};

const PREEMPTION_POLICIES = ['Never', 'PreemptLowerPriority'];

function systemClassProblem(pc: PriorityClass): string | undefined {
  const name = pc.metadata.name ?? '';
  const value = SYSTEM_PRIORITY_CLASSES[name];
  if (value === undefined) return `${name} is not a known system priority class`;
  if (pc.value !== value) return `value of ${name} PriorityClass must be ${value}`;
  if (pc.globalDefault) return `globalDefault of ${name} PriorityClass must be false`;
  return undefined;
}

function validatePriorityClass(pc: PriorityClass): FieldError[] {
  const errs: FieldError[] = [];
  if (typeof pc.value !== 'number') errs.push(required('value'));
  if ((pc.metadata.name ?? '').startsWith(SYSTEM_PRIORITY_CLASS_PREFIX)) {
    const problem = systemClassProblem(pc);
    if (problem) {
      errs.push(
        forbidden(
          'metadata.name',
          `priority class names with '${SYSTEM_PRIORITY_CLASS_PREFIX}' prefix are reserved for system use only. error: ${problem}`,
        ),
      );
    }
  } else if (pc.value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  if (pc.preemptionPolicy !== undefined && !PREEMPTION_POLICIES.includes(pc.preemptionPolicy)) {
    errs.push(notSupported('preemptionPolicy', pc.preemptionPolicy, PREEMPTION_POLICIES));
  }
  return errs;
}

export const priorityClass = defineKind<PriorityClass>({
  group: 'scheduling.k8s.io',
  version: 'v1',
  kind: 'PriorityClass',
  plural: 'priorityclasses',
  singular: 'priorityclass',
  namespaced: false,
  shortNames: ['pc'],
  generationFields: [],
  defaults(pc) {
    pc.preemptionPolicy ??= 'PreemptLowerPriority';
  },
  validate: validatePriorityClass,
  validateUpdate(pc, old) {
    const errs = validatePriorityClass(pc);
    if (pc.value !== old.value) errs.push(forbidden('value', 'may not be changed in an update.'));
    if (pc.preemptionPolicy !== old.preemptionPolicy) errs.push(invalid('preemptionPolicy', pc.preemptionPolicy, IMMUTABLE));
    return errs;
  },
  table: {
    columns: [
      nameColumn,
      col('Value', 0, 'integer', 'value represents the integer value of this priority class.'),
      col('Global-Default', 0, 'boolean', 'globalDefault specifies whether this PriorityClass should be considered as the default priority.'),
      ageColumn,
      col('PreemptionPolicy', 0, 'string', 'preemptionPolicy is the Policy for preempting pods with lower priority.'),
    ],
    cells: (pc, now) => [
      pc.metadata.name,
      pc.value,
      pc.globalDefault ?? false,
      formatAge(pc.metadata.creationTimestamp, now),
      pc.preemptionPolicy ?? '',
    ],
  },
});
