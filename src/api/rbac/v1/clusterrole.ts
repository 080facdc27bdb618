/** rbac.authorization.k8s.io/v1 ClusterRole: cluster-wide permissions, optionally aggregated. */
import { defineKind } from '../../kind.js';
import type { KubeObject, LabelSelector } from '../../meta.js';
import { type FieldError, required } from '../../validation/field-errors.js';
import { goLabelSelector, invalidRendered } from '../../validation/go-format.js';
import { isConvertibleSelector, validateLabelSelector } from '../../validation/label-selector.js';
import { type PolicyRule, RBAC_GROUP, defaultTable, validateRbacName, validateRules } from './policy-rule.js';

/** How a ClusterRole collects the rules of other ClusterRoles. */
export interface AggregationRule {
  /** Selectors of the ClusterRoles whose rules are merged into this one's; the results are ORed. */
  clusterRoleSelectors?: LabelSelector[];
}

/** A cluster-wide set of PolicyRules, granted by a RoleBinding or ClusterRoleBinding. */
export interface ClusterRole extends KubeObject {
  /** The permissions this role grants. Filled in by the controller when aggregationRule is set. */
  rules?: PolicyRule[];
  /** When set, the rules are managed by the controller from the selected ClusterRoles. */
  aggregationRule?: AggregationRule;
}

function validateClusterRole(cr: ClusterRole): FieldError[] {
  const errs = validateRules(cr.rules, false);
  if (cr.aggregationRule) {
    const selectors = cr.aggregationRule.clusterRoleSelectors ?? [];
    if (selectors.length === 0) {
      errs.push(
        required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil'),
      );
    }
    selectors.forEach((sel, i) => {
      const field = `aggregationRule.clusterRoleSelectors[${i}]`;
      errs.push(...validateLabelSelector(sel, field));
      if (!isConvertibleSelector(sel)) errs.push(invalidRendered(field, goLabelSelector(sel), 'invalid label selector.'));
    });
  }
  return errs;
}

export const clusterRole = defineKind<ClusterRole>({
  group: RBAC_GROUP,
  version: 'v1',
  kind: 'ClusterRole',
  plural: 'clusterroles',
  singular: 'clusterrole',
  namespaced: false,
  nameValidator: validateRbacName,
  generationFields: [],
  validate: validateClusterRole,
  table: defaultTable,
});
