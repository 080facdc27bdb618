import { describe, expect, it } from 'vitest';
import { listKindOf, scheme } from '../scheme.js';
import { GENERATED_OPENAPI, referencedSchemaNames, resolveSchema, schemaNameOf, schemaOf } from './index.js';
import type { OpenApiSchema } from './types.js';

const S = GENERATED_OPENAPI.schemas;
const prop = (schema: string, ...path: string[]): OpenApiSchema => {
  let s = S[schema]!;
  for (const p of path) s = s.properties![p]!;
  return s;
};

describe('the generated schemas', () => {
  it('have a root schema, with its GVK, and a list schema for every kind in the scheme', () => {
    for (const k of scheme.kinds) {
      const root = schemaOf(k);
      expect(root, `${k.group}/${k.version} ${k.kind}`).toBeDefined();
      expect(root!['x-kubernetes-group-version-kind']).toContainEqual({ group: k.group, version: k.version, kind: k.kind });
      expect(schemaOf({ group: k.group, version: k.version, kind: listKindOf(k) })).toBeDefined();
    }
  });

  it('leave no reference dangling', () => {
    const refs = JSON.stringify(S).match(/#\/components\/schemas\/[^"]+/g) ?? [];
    for (const r of new Set(refs)) expect(S, r).toHaveProperty([r.slice('#/components/schemas/'.length)]);
  });

  it('use upstream names and carry the patch metadata kubectl apply needs', () => {
    expect(schemaNameOf({ group: 'apps', version: 'v1', kind: 'Deployment' })).toBe('io.k8s.api.apps.v1.Deployment');
    const containers = prop('io.k8s.api.core.v1.PodSpec', 'containers');
    expect(containers).toMatchObject({ 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'map' });
    expect(S['io.k8s.api.core.v1.Container']!.required).toEqual(['name']);
    expect(prop('io.k8s.api.core.v1.Container', 'ports')['x-kubernetes-patch-merge-key']).toBe('containerPort');
    expect(prop('io.k8s.api.apps.v1.DeploymentSpec', 'strategy')['x-kubernetes-patch-strategy']).toBe('retainKeys');
    expect(prop('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'finalizers')['x-kubernetes-list-type']).toBe('set');
    expect(prop('io.k8s.api.core.v1.PodSpec', 'tolerations')['x-kubernetes-list-type']).toBe('atomic');
  });

  it('type int-or-string and quantity fields as upstream', () => {
    const surge = resolveSchema(prop('io.k8s.api.apps.v1.RollingUpdateDeployment', 'maxSurge'));
    expect(surge).toMatchObject({ format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true });
    const limits = prop('io.k8s.api.core.v1.ResourceRequirements', 'limits');
    const quantity = { oneOf: [{ type: 'string' }, { type: 'number' }] };
    expect(resolveSchema(limits.additionalProperties!)).toMatchObject(quantity);
    expect(resolveSchema(prop('io.k8s.api.core.v1.EmptyDirVolumeSource', 'sizeLimit'))).toMatchObject(quantity);
  });

  it('describe fields from the doc comments', () => {
    expect(S['io.k8s.api.apps.v1.DeploymentStrategy']!.description).toBe('Describes how to replace existing pods with new ones: all at once (Recreate) or a few at a time (RollingUpdate).');
    expect(prop('io.k8s.api.apps.v1.DeploymentSpec', 'replicas')).toMatchObject({ type: 'integer', description: 'The number of desired pods. Defaults to 1.' });
  });
});

describe('lookup helpers', () => {
  it('resolve references and collect what a schema reaches', () => {
    expect(resolveSchema({ allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodSpec' }] })).toBe(S['io.k8s.api.core.v1.PodSpec']);
    expect(resolveSchema({ $ref: '#/components/schemas/nope' })).toEqual({ $ref: '#/components/schemas/nope' });
    const reached = referencedSchemaNames(['io.k8s.api.apps.v1.Deployment']);
    expect(reached).toContain('io.k8s.api.core.v1.Container');
    expect(reached).toContain('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    expect(reached).not.toContain('io.k8s.api.apps.v1.Deployment');
    expect(schemaOf({ group: 'x', version: 'v1', kind: 'Nope' })).toBeUndefined();
  });
});
