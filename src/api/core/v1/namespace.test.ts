import { describe, expect, it } from 'vitest';
import { type Namespace, namespace } from './namespace.js';
import { created, problems, row } from './test-support.js';

describe('Namespace', () => {
  it('labels itself, starts Active and adds the kubernetes finalizer', () => {
    const ns = created(namespace, { metadata: { name: 'team-a', labels: { env: 'dev' } } } as Namespace);
    expect(ns.metadata.labels).toEqual({ env: 'dev', 'kubernetes.io/metadata.name': 'team-a' });
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
  });

  it('uses DNS-1123 label names', () => {
    expect(namespace.nameValidator!('a.b')).toHaveLength(1);
    expect(namespace.nameValidator!('team-a')).toEqual([]);
  });

  it('checks spec finalizers', () => {
    expect(problems(namespace, { metadata: { name: 'x' }, spec: { finalizers: ['foo', 'example.com/cleanup'] } })).toEqual([
      'spec.finalizers[0]: Invalid value: "foo": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });

  it('prints Name, Status, Age', () => {
    const ns = created(namespace, { metadata: { name: 'x' } });
    expect(namespace.table.columns.map((c) => c.name)).toEqual(['Name', 'Status', 'Age']);
    expect(row(namespace, ns)).toEqual({ Name: 'x', Status: 'Active', Age: '60m' });
  });

  it('is cluster-scoped, short name ns, with status and finalize subresources', () => {
    expect(namespace.namespaced).toBe(false);
    expect(namespace.shortNames).toEqual(['ns']);
    expect(namespace.statusSubresource).toBe(true);
    expect(namespace.extraSubresources!.map((s) => s.name)).toEqual(['finalize']);
    expect(namespace.verbs).not.toContain('deletecollection');
  });
});
