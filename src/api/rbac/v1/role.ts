/** rbac.authorization.k8s.io/v1 Role: namespaced permissions. */
import { defineKind } from '../../kind.js';
import type { KubeObject } from '../../meta.js';
import { type PolicyRule, RBAC_GROUP, defaultTable, validateRbacName, validateRules } from './policy-rule.js';

/** A namespaced set of PolicyRules, granted by a RoleBinding. */
export interface Role extends KubeObject {
  /** The permissions this role grants. */
  rules?: PolicyRule[];
}

export const role = defineKind<Role>({
  group: RBAC_GROUP,
  version: 'v1',
  kind: 'Role',
  plural: 'roles',
  singular: 'role',
  namespaced: true,
  nameValidator: validateRbacName,
  generationFields: [],
  validate: (r) => validateRules(r.rules, true),
  table: defaultTable,
});
