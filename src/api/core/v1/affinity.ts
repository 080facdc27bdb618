/** Node selectors and pod (anti-)affinity: types and checks. */
import type { LabelSelector } from '../../meta.js';
import { type FieldError, fieldPath, forbidden, invalid, required } from '../../validation/field-errors.js';
import { validateLabelSelector } from '../../validation/label-selector.js';
import { isQualifiedName, isValidLabelValue } from '../../validation/names.js';

export type NodeSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

/** A requirement on a node label (or field). */
export interface NodeSelectorRequirement {
  /** The label key the selector applies to. */
  key: string;
  /** In, NotIn, Exists, DoesNotExist, Gt or Lt. */
  operator: NodeSelectorOperator;
  /** Values; one integer for Gt and Lt, none for Exists and DoesNotExist. */
  values?: string[];
}

/** Requirements that are ANDed; terms of a NodeSelector are ORed. */
export interface NodeSelectorTerm {
  /** Requirements by node labels. */
  matchExpressions?: NodeSelectorRequirement[];
  /** Requirements by node fields (metadata.name). */
  matchFields?: NodeSelectorRequirement[];
}

/** A node selector: the union of its terms. */
export interface NodeSelector {
  /** Required: the terms, ORed. */
  nodeSelectorTerms: NodeSelectorTerm[];
}

/** A weighted term for preferred scheduling. */
export interface PreferredSchedulingTerm {
  /** Weight (1–100) added to nodes matching the preference. */
  weight: number;
  /** A node selector term. */
  preference: NodeSelectorTerm;
}

/** Node affinity scheduling rules of a pod. */
export interface NodeAffinity {
  /** Rules that must be met when scheduling; not re-checked once the pod runs. */
  requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector;
  /** Rules the scheduler prefers but may violate. */
  preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[];
}

/** Selects a set of pods, relative to which this pod should (not) be co-located. */
export interface PodAffinityTerm {
  /** A label query over pods. */
  labelSelector?: LabelSelector;
  /** Namespaces the labelSelector applies to; empty means this pod's namespace. */
  namespaces?: string[];
  /** Nodes whose value of this label equals that of a node running a selected pod count as co-located. */
  topologyKey: string;
  /** A label query over namespaces the term applies to. */
  namespaceSelector?: LabelSelector;
  /** Label keys whose values (from this pod) are added to the selector as In requirements. */
  matchLabelKeys?: string[];
  /** Label keys whose values are added to the selector as NotIn requirements. */
  mismatchLabelKeys?: string[];
}

/** A weighted pod affinity term. */
export interface WeightedPodAffinityTerm {
  /** Weight (1–100). */
  weight: number;
  podAffinityTerm: PodAffinityTerm;
}

/** Co-location rules between pods. */
export interface PodAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
  preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[];
}

/** A group of affinity scheduling rules. */
export interface Affinity {
  /** Node affinity rules of the pod. */
  nodeAffinity?: NodeAffinity;
  /** Rules to co-locate this pod with other pods. */
  podAffinity?: PodAffinity;
  /** Rules to keep this pod away from other pods. */
  podAntiAffinity?: PodAffinity;
}

function validateRequirement(r: NodeSelectorRequirement, field: string, byField: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const n = (r.values ?? []).length;
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      if (n === 0) errs.push(required(fieldPath(field, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (n > 0) errs.push(forbidden(fieldPath(field, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (n !== 1) errs.push(required(fieldPath(field, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalid(fieldPath(field, 'operator'), r.operator, 'not a valid selector operator'));
  }
  if (byField) {
    if (r.key !== 'metadata.name') errs.push(invalid(fieldPath(field, 'key'), r.key, 'not a valid field selector key'));
  } else {
    errs.push(...isQualifiedName(r.key ?? '').map((m) => invalid(fieldPath(field, 'key'), r.key ?? '', m)));
    if (r.operator === 'In' || r.operator === 'NotIn') {
      (r.values ?? []).forEach((v, i) => errs.push(...isValidLabelValue(v).map((m) => invalid(fieldPath(field, 'values', i), v, m))));
    }
  }
  return errs;
}

/** Checks one node selector term. */
export function validateNodeSelectorTerm(term: NodeSelectorTerm, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (term.matchExpressions ?? []).forEach((r, i) => errs.push(...validateRequirement(r, fieldPath(field, 'matchExpressions', i), false)));
  (term.matchFields ?? []).forEach((r, i) => errs.push(...validateRequirement(r, fieldPath(field, 'matchFields', i), true)));
  return errs;
}

/** Checks a NodeSelector: at least one term, each valid. */
export function validateNodeSelector(sel: NodeSelector, field: string): FieldError[] {
  const terms = sel.nodeSelectorTerms ?? [];
  const termsPath = fieldPath(field, 'nodeSelectorTerms');
  if (terms.length === 0) return [required(termsPath, 'must have at least one node selector term')];
  return terms.flatMap((t, i) => validateNodeSelectorTerm(t, fieldPath(termsPath, i)));
}

function validateWeight(weight: number, field: string): FieldError[] {
  return weight >= 1 && weight <= 100 ? [] : [invalid(field, weight, 'must be in the range 1-100')];
}

function validatePodAffinityTerm(t: PodAffinityTerm, field: string): FieldError[] {
  const errs = validateLabelSelector(t.labelSelector, fieldPath(field, 'labelSelector'));
  errs.push(...validateLabelSelector(t.namespaceSelector, fieldPath(field, 'namespaceSelector')));
  if (!t.topologyKey) errs.push(required(fieldPath(field, 'topologyKey'), 'can not be empty'));
  else errs.push(...isQualifiedName(t.topologyKey).map((m) => invalid(fieldPath(field, 'topologyKey'), t.topologyKey, m)));
  return errs;
}

function validatePodAffinity(a: PodAffinity, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (a.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) =>
    errs.push(...validatePodAffinityTerm(t, fieldPath(field, 'requiredDuringSchedulingIgnoredDuringExecution', i))),
  );
  (a.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((w, i) => {
    const f = fieldPath(field, 'preferredDuringSchedulingIgnoredDuringExecution', i);
    errs.push(...validateWeight(w.weight, fieldPath(f, 'weight')));
    errs.push(...validatePodAffinityTerm(w.podAffinityTerm ?? ({} as PodAffinityTerm), fieldPath(f, 'podAffinityTerm')));
  });
  return errs;
}

/** Checks a pod's affinity rules. */
export function validateAffinity(a: Affinity | undefined, field: string): FieldError[] {
  if (!a) return [];
  const errs: FieldError[] = [];
  const na = a.nodeAffinity;
  if (na) {
    const f = fieldPath(field, 'nodeAffinity');
    const req = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (req) errs.push(...validateNodeSelector(req, fieldPath(f, 'requiredDuringSchedulingIgnoredDuringExecution')));
    (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((p, i) => {
      const pf = fieldPath(f, 'preferredDuringSchedulingIgnoredDuringExecution', i);
      errs.push(...validateWeight(p.weight, fieldPath(pf, 'weight')));
      errs.push(...validateNodeSelectorTerm(p.preference ?? {}, fieldPath(pf, 'preference')));
    });
  }
  if (a.podAffinity) errs.push(...validatePodAffinity(a.podAffinity, fieldPath(field, 'podAffinity')));
  if (a.podAntiAffinity) errs.push(...validatePodAffinity(a.podAntiAffinity, fieldPath(field, 'podAntiAffinity')));
  return errs;
}
