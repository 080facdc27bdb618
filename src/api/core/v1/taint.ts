/** Node taints and pod tolerations: types and checks. */
import { type FieldError, fieldPath, forbidden, invalid, notSupported, required } from '../../validation/field-errors.js';
import { isQualifiedName, isValidLabelValue } from '../../validation/names.js';

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

/** A taint on a node: pods that do not tolerate it are repelled. */
export interface Taint {
  /** The taint key to be applied to a node. */
  key: string;
  /** The taint value corresponding to the taint key. */
  value?: string;
  /** NoSchedule, PreferNoSchedule or NoExecute: what happens to pods that do not tolerate the taint. */
  effect: TaintEffect;
  /** When the taint was added (NoExecute taints only). */
  timeAdded?: string;
}

/** Lets a pod be scheduled onto (or stay on) nodes with matching taints. */
export interface Toleration {
  /** Taint key the toleration applies to; empty matches all keys (operator must then be Exists). */
  key?: string;
  /** Exists or Equal. Defaults to Equal. */
  operator?: 'Exists' | 'Equal';
  /** Taint value to match; must be empty with the Exists operator. */
  value?: string;
  /** Taint effect to match; empty matches all effects. */
  effect?: TaintEffect | '';
  /** For NoExecute: how long the pod stays bound after the taint appears; unset means forever. */
  tolerationSeconds?: number;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function validateEffect(effect: string, field: string): FieldError[] {
  return EFFECTS.includes(effect) ? [] : [notSupported(field, effect, EFFECTS)];
}

/** Checks pod tolerations as upstream's ValidateTolerations does. */
export function validateTolerations(tolerations: Toleration[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const f = fieldPath(field, i);
    const key = t.key ?? '';
    if (key) errs.push(...isQualifiedName(key).map((m) => invalid(fieldPath(f, 'key'), key, m)));
    if (!key && t.operator !== 'Exists') {
      errs.push(invalid(fieldPath(f, 'operator'), t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
      errs.push(invalid(fieldPath(f, 'effect'), t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (t.operator ?? '') {
      case 'Equal':
      case '': {
        const msgs = isValidLabelValue(t.value ?? '');
        if (msgs.length) errs.push(invalid(fieldPath(f, 'operator'), t.value ?? '', msgs.join(';')));
        break;
      }
      case 'Exists':
        if (t.value) errs.push(invalid(fieldPath(f, 'operator'), t.value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(fieldPath(f, 'operator'), t.operator, ['Equal', 'Exists']));
    }
    if (t.effect) errs.push(...validateEffect(t.effect, fieldPath(f, 'effect')));
  });
  return errs;
}

/** Checks node taints: qualified keys, label-like values, known effects, unique key/effect pairs. */
export function validateTaints(taints: Taint[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (taints ?? []).forEach((t, i) => {
    const f = fieldPath(field, i);
    errs.push(...isQualifiedName(t.key ?? '').map((m) => invalid(fieldPath(f, 'key'), t.key ?? '', m)));
    if (t.value) errs.push(...isValidLabelValue(t.value).map((m) => invalid(fieldPath(f, 'value'), t.value, m)));
    if (!t.effect) errs.push(required(fieldPath(f, 'effect')));
    else errs.push(...validateEffect(t.effect, fieldPath(f, 'effect')));
    const id = `${t.key}:${t.effect}`;
    if (seen.has(id)) {
      errs.push(invalid(f, t, 'taints must be unique by key and effect pair'));
    }
    seen.add(id);
  });
  return errs;
}

/**
 * On pod update, existing tolerations may not change (except tolerationSeconds); new ones may be added.
 */
export function validateOnlyAddedTolerations(now: Toleration[] | undefined, old: Toleration[] | undefined, field: string): FieldError[] {
  const same = (a: Toleration, b: Toleration): boolean =>
    (a.key ?? '') === (b.key ?? '') && (a.operator ?? '') === (b.operator ?? '') && (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '');
  for (const o of old ?? []) {
    if (!(now ?? []).some((n) => same(o, n))) return [forbidden(field, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(now, field);
}
