/** rbac.authorization.k8s.io/v1 RoleBinding: grants a Role or ClusterRole within one namespace. */
import { defineKind } from '../../kind.js';
import { type Binding, bindingTable, defaultBinding, validateBinding, validateRoleRefUnchanged } from './binding.js';
import { RBAC_GROUP, validateRbacName } from './policy-rule.js';

/** Grants the permissions of roleRef to subjects, in the binding's namespace. */
export type RoleBinding = Binding;

const ROLE_KINDS = ['Role', 'ClusterRole'];

export const roleBinding = defineKind<RoleBinding>({
  group: RBAC_GROUP,
  version: 'v1',
  kind: 'RoleBinding',
  plural: 'rolebindings',
  singular: 'rolebinding',
  namespaced: true,
  nameValidator: validateRbacName,
  generationFields: [],
  defaults: defaultBinding,
  validate: (b) => validateBinding(b, true, ROLE_KINDS),
  validateUpdate: (b, old) => [...validateBinding(b, true, ROLE_KINDS), ...validateRoleRefUnchanged(b, old)],
  table: bindingTable('roleBinding'),
});
