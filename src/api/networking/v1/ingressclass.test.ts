import { describe, expect, it } from 'vitest';
import { ingressClass, type IngressClass, type IngressClassSpec } from './ingressclass.js';

function ic(spec: IngressClassSpec): IngressClass {
  const obj: IngressClass = { metadata: { name: 'nginx', creationTimestamp: '2024-01-01T00:00:00Z' }, spec };
  ingressClass.defaults!(obj);
  return obj;
}
const msgs = (errs: { field: string; message: string }[]) => errs.map((e) => `${e.field}: ${e.message}`);

describe('IngressClass', () => {
  it('defaults parameters scope to Cluster and accepts it', () => {
    const obj = ic({ controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'Params', name: 'p' } });
    expect(obj.spec!.parameters!.scope).toBe('Cluster');
    expect(ingressClass.validate!(obj)).toEqual([]);
  });

  it.each<[IngressClassSpec, string[]]>([
    [{}, ['spec.controller: Required value']],
    [{ controller: 'nginx' }, ['spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")']],
    [
      { controller: 'k8s.io/x', parameters: { kind: 'P', name: 'p', scope: 'Namespace' } },
      ["spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'"],
    ],
    [
      { controller: 'k8s.io/x', parameters: { kind: 'P', name: 'p', namespace: 'x' } },
      ["spec.parameters.namespace: Forbidden: `parameters.scope` is set to 'Cluster'"],
    ],
    [{ controller: 'k8s.io/x', parameters: { kind: '', name: 'p' } }, ['spec.parameters.kind: Required value: kind is required']],
  ])('refuses %o', (spec, want) => {
    expect(msgs(ingressClass.validate!(ic(spec)))).toEqual(want);
  });

  it('keeps the controller immutable', () => {
    expect(msgs(ingressClass.validateUpdate!(ic({ controller: 'k8s.io/b' }), ic({ controller: 'k8s.io/a' })))).toEqual([
      'spec.controller: Invalid value: "k8s.io/b": field is immutable',
    ]);
  });

  it('prints controller and parameters', () => {
    const now = new Date('2024-01-01T00:00:05Z');
    const obj = ic({ controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'ext' } });
    expect(ingressClass.table.cells(obj, now)).toEqual(['nginx', 'k8s.io/ingress-nginx', 'IngressParameters.k8s.example.com/ext', '5s']);
    expect(ingressClass.table.cells(ic({ controller: 'k8s.io/x' }), now)[2]).toBe('<none>');
  });
});
