import type { KindDefinition } from '../../kind.js';
import { clusterRole } from './clusterrole.js';
import { clusterRoleBinding } from './clusterrolebinding.js';
import { role } from './role.js';
import { roleBinding } from './rolebinding.js';

export type { PolicyRule } from './policy-rule.js';
export type { Role } from './role.js';
export type { ClusterRole, AggregationRule } from './clusterrole.js';
export type { Binding, Subject, RoleRef } from './binding.js';
export type { RoleBinding } from './rolebinding.js';
export type { ClusterRoleBinding } from './clusterrolebinding.js';
export { RBAC_GROUP, validatePolicyRule } from './policy-rule.js';
export { role, clusterRole, roleBinding, clusterRoleBinding };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const rbacV1Kinds: KindDefinition<any>[] = [clusterRoleBinding, clusterRole, roleBinding, role];
