/**
 * Checks the apps controllers share: the selector, the pod template it must select, and the
 * replica counters of their status.
 */
import { type PodTemplateSpec, validatePodTemplateSpec } from '../../core/v1/pod-spec.js';
import type { LabelSelector } from '../../meta.js';
import { type FieldError, forbidden, invalid, notSupported, required, IMMUTABLE } from '../../validation/field-errors.js';
import { goLabelSelector, invalidRendered } from '../../validation/go-format.js';
import { validateNonNegative } from '../../validation/intstr.js';
import {
  isConvertibleSelector,
  isEmptySelector,
  validateLabelSelector,
  validateSelectorMatchesLabels,
} from '../../validation/label-selector.js';
import { semanticEqual } from '../../validation/semantic-equal.js';

/**
 * The selector of a controller spec: required, valid and not empty. `kindWord` completes
 * upstream's "empty selector is invalid for <kindWord>".
 */
export function validateControllerSelector(sel: LabelSelector | undefined, kindWord: string): FieldError[] {
  if (!sel) return [required('spec.selector')];
  const errs = validateLabelSelector(sel, 'spec.selector');
  if (isEmptySelector(sel)) errs.push(invalidRendered('spec.selector', goLabelSelector(sel), `empty selector is invalid for ${kindWord}`));
  return errs;
}

/** The template of a controller that keeps pods running: restartPolicy Always and no deadline. */
export function validateAlwaysRunning(template: PodTemplateSpec, field: string, kind: string): FieldError[] {
  const errs: FieldError[] = [];
  const restart = template.spec?.restartPolicy;
  if (restart !== 'Always') errs.push(notSupported(`${field}.spec.restartPolicy`, restart ?? '', ['Always']));
  if (template.spec?.activeDeadlineSeconds != null) {
    errs.push(forbidden(`${field}.spec.activeDeadlineSeconds`, `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errs;
}

/**
 * ValidatePodTemplateSpecForReplicaSet (Deployments and ReplicaSets): the selector must match the
 * template's labels, the template must be a valid pod template that keeps running.
 */
export function validateReplicatedTemplate(template: PodTemplateSpec | undefined, sel: LabelSelector | undefined): FieldError[] {
  const tpl = template ?? {};
  if (!isConvertibleSelector(sel)) {
    return [invalidRendered('spec.selector', goLabelSelector(sel), 'invalid label selector')];
  }
  return [
    ...validateSelectorMatchesLabels(sel, tpl.metadata?.labels, 'spec.template.metadata.labels'),
    ...validatePodTemplateSpec(tpl, 'spec.template'),
    ...validateAlwaysRunning(tpl, 'spec.template', 'ReplicaSet'),
  ];
}

/** ValidateImmutableField for a selector: `spec.selector: Invalid value: v1.LabelSelector{...}: field is immutable`. */
export function validateSelectorUnchanged(sel: LabelSelector | undefined, old: LabelSelector | undefined): FieldError[] {
  return semanticEqual(sel, old) ? [] : [invalidRendered('spec.selector', goLabelSelector(sel), IMMUTABLE)];
}

/** Non-negative counters of a status, e.g. ['replicas', 'readyReplicas']. */
export function validateCounters(status: Record<string, unknown> | undefined, keys: string[]): FieldError[] {
  const s = status ?? {};
  return keys.flatMap((k) => validateNonNegative(s[k] as number | undefined, `status.${k}`));
}

/**
 * The usual replica invariants: the listed counters may not exceed status.replicas, and
 * availableReplicas may not exceed readyReplicas (`readyMessage` differs between kinds upstream).
 */
export function validateReplicaBounds(
  status: Record<string, unknown> | undefined,
  keys: string[],
  readyMessage = 'cannot be greater than readyReplicas',
): FieldError[] {
  const s = (status ?? {}) as Record<string, number | undefined>;
  const replicas = s.replicas ?? 0;
  const errs: FieldError[] = [];
  for (const k of keys) {
    const v = s[k] ?? 0;
    if (v > replicas) errs.push(invalid(`status.${k}`, v, 'cannot be greater than status.replicas'));
  }
  if ((s.availableReplicas ?? 0) > (s.readyReplicas ?? 0)) {
    errs.push(invalid('status.availableReplicas', s.availableReplicas, readyMessage));
  }
  return errs;
}

/** collisionCount may only grow. */
export function validateCollisionCount(now: number | undefined, old: number | undefined): FieldError[] {
  if (old === undefined || old === null) return [];
  const value = now ?? 0;
  return value < old ? [invalid('status.collisionCount', value, 'cannot be decremented')] : [];
}
