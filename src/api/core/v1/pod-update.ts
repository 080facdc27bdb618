/** What a pod update may change: images, activeDeadlineSeconds, added tolerations, removed scheduling gates. */
import { type FieldError, fieldPath, forbidden, invalid, required } from '../../validation/field-errors.js';
import type { Container } from './container-types.js';
import { semanticEqual } from '../../validation/semantic-equal.js';
import type { PodSpec } from './pod-spec-types.js';
import { validateOnlyAddedTolerations } from './taint.js';

const MAX_INT32 = 2147483647;

export const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,' +
  '`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),' +
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function validateContainerUpdates(now: Container[] | undefined, old: Container[] | undefined, field: string): FieldError[] {
  const a = now ?? [];
  const b = old ?? [];
  if (a.length !== b.length) return [forbidden(field, 'pod updates may not add or remove containers')];
  return a.flatMap((c, i) => (c.image ? [] : [required(fieldPath(field, i, 'image'))]));
}

function validateSchedulingGates(spec: PodSpec, old: PodSpec): FieldError[] {
  const oldNames = new Set((old.schedulingGates ?? []).map((g) => g.name));
  return (spec.schedulingGates ?? []).flatMap((g, i) =>
    oldNames.has(g.name) ? [] : [forbidden(fieldPath('spec', 'schedulingGates', i, 'name'), `only deletion is allowed, but found new scheduling gate '${g.name}'`)],
  );
}

function validateDeadline(spec: PodSpec, old: PodSpec): FieldError[] {
  const f = 'spec.activeDeadlineSeconds';
  const v = spec.activeDeadlineSeconds;
  if (v === undefined || v === null) {
    return old.activeDeadlineSeconds !== undefined && old.activeDeadlineSeconds !== null
      ? [invalid(f, null, 'must not update from a positive integer to nil value')]
      : [];
  }
  if (v < 0 || v > MAX_INT32) return [invalid(f, v, `must be between 0 and ${MAX_INT32}, inclusive`)];
  if (old.activeDeadlineSeconds !== undefined && old.activeDeadlineSeconds !== null && old.activeDeadlineSeconds < v) {
    return [invalid(f, v, 'must be less than or equal to previous value')];
  }
  return [];
}

/** The old spec with every change a pod update may make copied over from the new spec. */
function mungedSpec(spec: PodSpec, old: PodSpec): PodSpec {
  const m: PodSpec = structuredClone(old);
  const copyImages = (to: Container[] | undefined, from: Container[] | undefined): void => {
    (to ?? []).forEach((c, i) => {
      const img = from?.[i]?.image;
      if (img !== undefined) c.image = img;
    });
  };
  copyImages(m.containers, spec.containers);
  copyImages(m.initContainers, spec.initContainers);
  m.activeDeadlineSeconds = spec.activeDeadlineSeconds;
  m.tolerations = spec.tolerations;
  m.schedulingGates = spec.schedulingGates;
  if ((old.terminationGracePeriodSeconds ?? 0) < 0 && spec.terminationGracePeriodSeconds === 1) m.terminationGracePeriodSeconds = 1;
  // While scheduling gates remain, node selectors and affinity may be narrowed; accept them as given.
  if ((old.schedulingGates ?? []).length) {
    m.nodeSelector = spec.nodeSelector;
    m.affinity = spec.affinity;
  }
  return m;
}

/** Checks the spec part of a pod update, as upstream's ValidatePodUpdate. */
export function validatePodSpecUpdate(spec: PodSpec, old: PodSpec): FieldError[] {
  const errs = [
    ...validateContainerUpdates(spec.containers, old.containers, 'spec.containers'),
    ...validateContainerUpdates(spec.initContainers, old.initContainers, 'spec.initContainers'),
  ];
  if (errs.length) return errs;
  errs.push(...validateOnlyAddedTolerations(spec.tolerations, old.tolerations, 'spec.tolerations'));
  errs.push(...validateSchedulingGates(spec, old));
  if (semanticEqual(spec, old)) return errs;
  errs.push(...validateDeadline(spec, old));
  if (!semanticEqual(mungedSpec(spec, old), spec)) errs.push(forbidden('spec', POD_UPDATE_FORBIDDEN));
  return errs;
}

/** Ephemeral containers may only be added (through the ephemeralcontainers subresource), never changed or removed. */
export function validateEphemeralContainersUpdate(spec: PodSpec, old: PodSpec): FieldError[] {
  const now = new Map((spec.ephemeralContainers ?? []).map((c) => [c.name, c]));
  for (const o of old.ephemeralContainers ?? []) {
    const n = now.get(o.name);
    if (!n) return [forbidden('spec.ephemeralContainers', `existing ephemeral containers "${o.name}" may not be removed`)];
    if (!semanticEqual(n, o)) return [forbidden('spec.ephemeralContainers', `existing ephemeral containers "${o.name}" may not be changed`)];
  }
  return [];
}
