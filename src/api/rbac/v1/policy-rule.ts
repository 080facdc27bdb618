/** The PolicyRule shared by Roles and ClusterRoles, and the default table both print with. */
import type { TableDefinition } from '../../kind.js';
import type { KubeObject } from '../../meta.js';
import { nameColumn } from '../../printing.js';
import { createdAtCell, createdAtColumn } from '../../printing-workloads.js';
import { type FieldError, invalid, required } from '../../validation/field-errors.js';
import { isValidPathSegmentName } from '../../validation/names.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** One permission: verbs allowed on resources (or on non-resource URLs). */
export interface PolicyRule {
  /** Verbs allowed, e.g. get, list, watch, create, update, patch, delete; '*' means all. */
  verbs: string[];
  /** API groups of the resources; '' is the core group and '*' all groups. */
  apiGroups?: string[];
  /** Resources the rule applies to, e.g. pods or pods/log; '*' means all. */
  resources?: string[];
  /** An optional allow list of object names; empty means every object. */
  resourceNames?: string[];
  /** Partial URLs such as /healthz or /api/*; only in ClusterRoles, and not together with resources. */
  nonResourceURLs?: string[];
}

/** Role and binding names only need to be valid path segments. */
export const validateRbacName = isValidPathSegmentName;

/** ValidatePolicyRule: verbs are required, and a rule names either resources or non-resource URLs. */
export function validatePolicyRule(rule: PolicyRule, namespaced: boolean, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!rule.verbs?.length) errs.push(required(`${field}.verbs`, 'verbs must contain at least one value'));
  if (rule.nonResourceURLs?.length) {
    if (namespaced) {
      errs.push(invalid(`${field}.nonResourceURLs`, rule.nonResourceURLs, 'namespaced rules cannot apply to non-resource URLs'));
    }
    if (rule.apiGroups?.length || rule.resources?.length || rule.resourceNames?.length) {
      errs.push(
        invalid(`${field}.nonResourceURLs`, rule.nonResourceURLs, 'rules cannot apply to both regular resources and non-resource URLs'),
      );
    }
    return errs;
  }
  if (!rule.apiGroups?.length) errs.push(required(`${field}.apiGroups`, 'resource rules must supply at least one api group'));
  if (!rule.resources?.length) errs.push(required(`${field}.resources`, 'resource rules must supply at least one resource'));
  return errs;
}

export function validateRules(rules: PolicyRule[] | undefined, namespaced: boolean): FieldError[] {
  return (rules ?? []).flatMap((r, i) => validatePolicyRule(r, namespaced, `rules[${i}]`));
}

/** Roles have no printer upstream: they get the apiserver's default Name / Created At table. */
export const defaultTable: TableDefinition<KubeObject> = {
  columns: [nameColumn, createdAtColumn],
  cells: (obj) => [obj.metadata.name, createdAtCell(obj.metadata.creationTimestamp)],
};
