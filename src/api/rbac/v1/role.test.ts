import { describe, expect, it } from 'vitest';
import { clusterRole } from './clusterrole.js';
import { role } from './role.js';

const msgs = (errs: { field: string; message: string }[]) => errs.map((e) => `${e.field}: ${e.message}`);

describe('Role and ClusterRole', () => {
  it('accepts resource rules', () => {
    const r = { metadata: { name: 'pod-reader', namespace: 'default' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] };
    expect(role.validate!(r)).toEqual([]);
  });

  it.each([
    [{ apiGroups: [''], resources: ['pods'], verbs: [] }, ['rules[0].verbs: Required value: verbs must contain at least one value']],
    [
      { verbs: ['get'] },
      [
        'rules[0].apiGroups: Required value: resource rules must supply at least one api group',
        'rules[0].resources: Required value: resource rules must supply at least one resource',
      ],
    ],
    [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }, ['rules[0].nonResourceURLs: Invalid value: ["/healthz"]: namespaced rules cannot apply to non-resource URLs']],
  ])('refuses role rule %o', (rule, want) => {
    expect(msgs(role.validate!({ metadata: { name: 'r' }, rules: [rule] }))).toEqual(want);
  });

  it('allows non-resource URLs in cluster roles only without resources', () => {
    expect(clusterRole.validate!({ metadata: { name: 'c' }, rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }] })).toEqual([]);
    expect(
      msgs(clusterRole.validate!({ metadata: { name: 'c' }, rules: [{ verbs: ['get'], resources: ['pods'], nonResourceURLs: ['/x'] }] })),
    ).toEqual(['rules[0].nonResourceURLs: Invalid value: ["/x"]: rules cannot apply to both regular resources and non-resource URLs']);
  });

  it('checks aggregation rules', () => {
    expect(msgs(clusterRole.validate!({ metadata: { name: 'c' }, aggregationRule: {} }))).toEqual([
      'aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil',
    ]);
    const ok = { metadata: { name: 'c' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate': 'true' } }] } };
    expect(clusterRole.validate!(ok)).toEqual([]);
  });

  it('uses rbac name rules and the default table', () => {
    expect(role.nameValidator!('system:controller:x')).toEqual([]);
    expect(role.nameValidator!('a/b')).toEqual(["may not contain '/'"]);
    expect(role.table.columns.map((c) => [c.name, c.type])).toEqual([
      ['Name', 'string'],
      ['Created At', 'date'],
    ]);
    expect(role.table.cells({ metadata: { name: 'r', creationTimestamp: '2024-03-01T10:00:00.000Z' } }, new Date())).toEqual([
      'r',
      '2024-03-01T10:00:00Z',
    ]);
  });
});
