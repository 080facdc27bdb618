/** rbac.authorization.k8s.io/v1 ClusterRoleBinding: grants a ClusterRole in every namespace. */
import { defineKind } from '../../kind.js';
import { type Binding, bindingTable, defaultBinding, validateBinding, validateRoleRefUnchanged } from './binding.js';
import { RBAC_GROUP, validateRbacName } from './policy-rule.js';

/** Grants the permissions of a ClusterRole to subjects across the cluster. */
export type ClusterRoleBinding = Binding;

const ROLE_KINDS = ['ClusterRole'];

export const clusterRoleBinding = defineKind<ClusterRoleBinding>({
  group: RBAC_GROUP,
  version: 'v1',
  kind: 'ClusterRoleBinding',
  plural: 'clusterrolebindings',
  singular: 'clusterrolebinding',
  namespaced: false,
  nameValidator: validateRbacName,
  generationFields: [],
  defaults: defaultBinding,
  validate: (b) => validateBinding(b, false, ROLE_KINDS),
  validateUpdate: (b, old) => [...validateBinding(b, false, ROLE_KINDS), ...validateRoleRefUnchanged(b, old)],
  table: bindingTable('clusterRoleBinding'),
});
