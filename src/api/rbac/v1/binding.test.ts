import { describe, expect, it } from 'vitest';
import type { Binding } from './binding.js';
import { clusterRoleBinding } from './clusterrolebinding.js';
import { roleBinding } from './rolebinding.js';

const msgs = (errs: { field: string; message: string }[]) => errs.map((e) => `${e.field}: ${e.message}`);

function rb(extra: Partial<Binding> = {}): Binding {
  const b: Binding = {
    metadata: { name: 'read-pods', namespace: 'default', creationTimestamp: '2024-01-01T00:00:00Z' },
    roleRef: { kind: 'Role', name: 'pod-reader' } as Binding['roleRef'],
    subjects: [
      { kind: 'User', name: 'jane' },
      { kind: 'Group', name: 'devs' },
      { kind: 'ServiceAccount', name: 'builder', namespace: 'ci' },
    ],
    ...extra,
  };
  roleBinding.defaults!(b);
  return b;
}

describe('RoleBinding and ClusterRoleBinding', () => {
  it('defaults api groups of roleRef and user/group subjects', () => {
    const b = rb();
    expect(b.roleRef.apiGroup).toBe('rbac.authorization.k8s.io');
    expect(b.subjects!.map((s) => s.apiGroup)).toEqual(['rbac.authorization.k8s.io', 'rbac.authorization.k8s.io', undefined]);
    expect(roleBinding.validate!(b)).toEqual([]);
  });

  it('refuses bad role refs and subjects', () => {
    const b = rb({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Foo', name: '' },
      subjects: [{ kind: 'Robot', name: 'r2' }, { kind: 'ServiceAccount', name: '' }],
    });
    expect(msgs(roleBinding.validate!(b))).toEqual([
      'roleRef.kind: Unsupported value: "Foo": supported values: "Role", "ClusterRole"',
      'roleRef.name: Required value',
      'subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
      'subjects[1].name: Required value',
    ]);
  });

  it('needs ClusterRole and service account namespaces in cluster bindings', () => {
    const b = rb({ subjects: [{ kind: 'ServiceAccount', name: 'sa' }] });
    b.metadata.namespace = undefined;
    expect(msgs(clusterRoleBinding.validate!(b))).toEqual([
      'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
      'subjects[0].namespace: Required value',
    ]);
  });

  it('keeps roleRef immutable', () => {
    const next = rb({ roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' } });
    expect(msgs(roleBinding.validateUpdate!(next, rb()))).toEqual([
      'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"view"}: cannot change roleRef',
    ]);
  });

  it('prints role and subjects', () => {
    expect(roleBinding.table.columns.map((c) => `${c.name}/${c.priority}`)).toEqual([
      'Name/0',
      'Role/0',
      'Age/0',
      'Users/1',
      'Groups/1',
      'ServiceAccounts/1',
    ]);
    expect(roleBinding.table.cells(rb(), new Date('2024-01-03T00:00:00Z'))).toEqual([
      'read-pods',
      'Role/pod-reader',
      '2d',
      'jane',
      'devs',
      'ci/builder',
    ]);
  });
});
