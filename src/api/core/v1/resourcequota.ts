/** core/v1 ResourceQuota: limits on the total resources and object counts in a namespace. */
import { defineKind } from '../../kind.js';
import type { KubeObject } from '../../meta.js';
import { ageColumn, col, formatAge, nameColumn } from '../../printing.js';
import { type FieldError, fieldPath, forbidden, invalid, notSupported, required } from '../../validation/field-errors.js';
import { type ResourceList, normalizeResourceList, quantityCell, validateResourceName, validateResourceQuantity } from './resources.js';
import { isStandardResourceName } from './resource-names.js';

export type ResourceQuotaScope =
  | 'Terminating'
  | 'NotTerminating'
  | 'BestEffort'
  | 'NotBestEffort'
  | 'PriorityClass'
  | 'CrossNamespacePodAffinity'
  | 'VolumeAttributesClass';

/** A requirement on the scope of the objects a quota tracks. */
export interface ScopedResourceSelectorRequirement {
  /** The scope the selector applies to. */
  scopeName: ResourceQuotaScope;
  /** In, NotIn, Exists or DoesNotExist. */
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  /** Values for In and NotIn. */
  values?: string[];
}

export interface ResourceQuotaSpec {
  /** The hard limit for each named resource. */
  hard?: ResourceList;
  /** Filters the objects the quota tracks; all scopes must match. */
  scopes?: ResourceQuotaScope[];
  /** A finer-grained scope filter (e.g. by priority class). */
  scopeSelector?: { matchExpressions?: ScopedResourceSelectorRequirement[] };
}

export interface ResourceQuotaStatus {
  /** The enforced hard limits. */
  hard?: ResourceList;
  /** The resources currently used in the namespace. */
  used?: ResourceList;
}

export interface ResourceQuota extends KubeObject {
  /** The desired quota. */
  spec?: ResourceQuotaSpec;
  /** The actual enforced quota and current usage. */
  status?: ResourceQuotaStatus;
}

const SCOPES = ['BestEffort', 'CrossNamespacePodAffinity', 'NotBestEffort', 'NotTerminating', 'PriorityClass', 'Terminating', 'VolumeAttributesClass'];

/** A quota resource name: qualified, and a standard quota resource when unprefixed. */
function validateQuotaResourceName(name: string, field: string): FieldError[] {
  const errs = validateResourceName(name, field);
  if (!name.includes('/') && !isStandardResourceName(name)) {
    errs.push(invalid(field, name, 'must be a standard resource for quota'));
  }
  return errs;
}

function validateQuota(q: ResourceQuota): FieldError[] {
  const errs: FieldError[] = [];
  const spec = q.spec ?? {};
  for (const [k, v] of Object.entries(spec.hard ?? {})) {
    const f = fieldPath('spec', 'hard', `[${k}]`);
    errs.push(...validateQuotaResourceName(k, f), ...validateResourceQuantity(k, v, f));
  }
  (spec.scopes ?? []).forEach((s, i) => {
    if (!SCOPES.includes(s)) errs.push(notSupported(fieldPath('spec', 'scopes', i), s, SCOPES));
  });
  (spec.scopeSelector?.matchExpressions ?? []).forEach((r, i) => {
    const f = fieldPath('spec', 'scopeSelector', 'matchExpressions', i);
    if (!r.scopeName) errs.push(required(fieldPath(f, 'scopeName')));
    else if (!SCOPES.includes(r.scopeName)) errs.push(notSupported(fieldPath(f, 'scopeName'), r.scopeName, SCOPES));
    const n = (r.values ?? []).length;
    if ((r.operator === 'In' || r.operator === 'NotIn') && n === 0) {
      errs.push(required(fieldPath(f, 'values'), 'must be at least one value when `operator` is \'In\' or \'NotIn\' for scope selector'));
    } else if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && n > 0) {
      errs.push(invalid(fieldPath(f, 'values'), r.values, 'must be no value when `operator` is \'Exist\' or \'DoesNotExist\' for scope selector'));
    } else if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(r.operator)) {
      errs.push(notSupported(fieldPath(f, 'operator'), r.operator, ['DoesNotExist', 'Exists', 'In', 'NotIn']));
    }
  });
  if (spec.scopes?.length && spec.scopeSelector?.matchExpressions?.length) {
    const dup = spec.scopeSelector.matchExpressions.some((r) => spec.scopes!.includes(r.scopeName));
    if (dup) errs.push(forbidden(fieldPath('spec', 'scopes'), 'scopes and scopeSelector must not contain the same scope'));
  }
  return errs;
}

/** "name: used/hard" pairs for the Request and Limit columns, sorted by resource name. */
export function quotaColumns(q: ResourceQuota): [request: string, limit: string] {
  const hard = q.status?.hard ?? {};
  const used = q.status?.used ?? {};
  const request: string[] = [];
  const limit: string[] = [];
  for (const name of Object.keys(hard).sort()) {
    const text = `${name}: ${quantityCell(used[name])}/${quantityCell(hard[name])}`;
    (name.split('.')[0] === 'limits' && name.includes('.') ? limit : request).push(text);
  }
  return [request.join(', '), limit.join(', ')];
}

export const resourceQuota = defineKind<ResourceQuota>({
  group: '',
  version: 'v1',
  kind: 'ResourceQuota',
  plural: 'resourcequotas',
  singular: 'resourcequota',
  namespaced: true,
  shortNames: ['quota'],
  statusSubresource: true,
  generationFields: [],
  defaults(q) {
    normalizeResourceList(q.spec?.hard);
    normalizeResourceList(q.status?.hard);
    normalizeResourceList(q.status?.used);
  },
  prepareForCreate(q) {
    q.status = {};
  },
  validate: validateQuota,
  validateStatusUpdate(q) {
    const errs: FieldError[] = [];
    for (const part of ['hard', 'used'] as const) {
      for (const [k, v] of Object.entries(q.status?.[part] ?? {})) errs.push(...validateResourceQuantity(k, v, fieldPath('status', part, `[${k}]`)));
    }
    return errs;
  },
  table: {
    columns: [
      nameColumn,
      ageColumn,
      col('Request', 0, 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
      col('Limit', 0, 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
    ],
    cells: (q, now) => [q.metadata.name, formatAge(q.metadata.creationTimestamp, now), ...quotaColumns(q)],
  },
});
