/** Subjects and role references shared by RoleBindings and ClusterRoleBindings. */
import type { TableDefinition } from '../../kind.js';
import type { KubeObject } from '../../meta.js';
import { ageColumn, col, formatAge, nameColumn } from '../../printing.js';
import { type FieldError, invalid, notSupported, required } from '../../validation/field-errors.js';
import { invalidRendered } from '../../validation/go-format.js';
import { isDNS1123Subdomain } from '../../validation/names.js';
import { RBAC_GROUP, validateRbacName } from './policy-rule.js';

/** Who a binding grants the role to. */
export interface Subject {
  /** ServiceAccount, User or Group. */
  kind: string;
  /** '' for ServiceAccounts, rbac.authorization.k8s.io for Users and Groups (defaulted). */
  apiGroup?: string;
  /** The name of the user, group or service account. */
  name: string;
  /** The service account's namespace; required in ClusterRoleBindings, ignored for users and groups. */
  namespace?: string;
}

/** The role a binding grants. Immutable: delete and recreate the binding to change it. */
export interface RoleRef {
  /** The group of the role: rbac.authorization.k8s.io (defaulted). */
  apiGroup: string;
  /** Role or ClusterRole (only ClusterRole in a ClusterRoleBinding). */
  kind: string;
  /** The name of the role. */
  name: string;
}

/** RoleBinding and ClusterRoleBinding share this shape. */
export interface Binding extends KubeObject {
  /** Who gets the role. */
  subjects?: Subject[];
  /** Which role they get. */
  roleRef: RoleRef;
}

/** SetDefaults_RoleBinding and SetDefaults_Subject. */
export function defaultBinding(b: Binding): void {
  if (b.roleRef && !b.roleRef.apiGroup) b.roleRef.apiGroup = RBAC_GROUP;
  for (const s of b.subjects ?? []) {
    if (!s.apiGroup && (s.kind === 'User' || s.kind === 'Group')) s.apiGroup = RBAC_GROUP;
  }
}

function validateSubject(s: Subject, namespaced: boolean, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!s.name) errs.push(required(`${field}.name`));
  switch (s.kind) {
    case 'ServiceAccount':
      if (s.name) for (const m of isDNS1123Subdomain(s.name)) errs.push(invalid(`${field}.name`, s.name, m));
      if (s.apiGroup) errs.push(notSupported(`${field}.apiGroup`, s.apiGroup, ['']));
      if (!namespaced && !s.namespace) errs.push(required(`${field}.namespace`));
      break;
    case 'User':
    case 'Group':
      if (s.apiGroup !== RBAC_GROUP) errs.push(notSupported(`${field}.apiGroup`, s.apiGroup ?? '', [RBAC_GROUP]));
      break;
    default:
      errs.push(notSupported(`${field}.kind`, s.kind, ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

/** ValidateRoleBinding / ValidateClusterRoleBinding; `kinds` are the role kinds the binding may name. */
export function validateBinding(b: Binding, namespaced: boolean, kinds: string[]): FieldError[] {
  const errs: FieldError[] = [];
  const ref = b.roleRef ?? ({} as RoleRef);
  if (ref.apiGroup !== RBAC_GROUP) errs.push(notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [RBAC_GROUP]));
  if (!kinds.includes(ref.kind)) errs.push(notSupported('roleRef.kind', ref.kind ?? '', kinds));
  if (!ref.name) errs.push(required('roleRef.name'));
  else for (const m of validateRbacName(ref.name)) errs.push(invalid('roleRef.name', ref.name, m));
  (b.subjects ?? []).forEach((s, i) => errs.push(...validateSubject(s, namespaced, `subjects[${i}]`)));
  return errs;
}

/** The update check both kinds add: roleRef may not change. */
export function validateRoleRefUnchanged(b: Binding, old: Binding): FieldError[] {
  const a = b.roleRef ?? ({} as RoleRef);
  const o = old.roleRef ?? ({} as RoleRef);
  if (a.apiGroup === o.apiGroup && a.kind === o.kind && a.name === o.name) return [];
  const rendered = `rbac.RoleRef{APIGroup:${JSON.stringify(a.apiGroup ?? '')}, Kind:${JSON.stringify(a.kind ?? '')}, Name:${JSON.stringify(a.name ?? '')}}`;
  return [invalidRendered('roleRef', rendered, 'cannot change roleRef')];
}

/** Users, groups and service accounts ("namespace/name") of a binding, as the wide columns show them. */
export function subjectStrings(subjects: Subject[] | undefined): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of subjects ?? []) {
    if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
    else if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name}`);
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

/** The bindings' table: Name, Role, Age | Users, Groups, ServiceAccounts. */
export function bindingTable(what: string): TableDefinition<Binding> {
  return {
    columns: [
      nameColumn,
      col('Role', 0, 'string', 'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace.'),
      ageColumn,
      col('Users', 1, 'string', `Users in the ${what}`),
      col('Groups', 1, 'string', `Groups in the ${what}`),
      col('ServiceAccounts', 1, 'string', `ServiceAccounts in the ${what}`),
    ],
    cells: (b, now) => [
      b.metadata.name,
      `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`,
      formatAge(b.metadata.creationTimestamp, now),
      ...subjectStrings(b.subjects),
    ],
  };
}
