import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GENERATED_OPENAPI } from '../../api/openapi/index.js';
import { scheme } from '../../api/scheme.js';
import { openApiV2Document, v2Schema } from './v2-document.js';
import { decodeOpenApiV2, encodeOpenApiV2 } from './v2-proto.js';

type Obj = Record<string, any>;

const decoded = decodeOpenApiV2(encodeOpenApiV2(openApiV2Document(scheme, GENERATED_OPENAPI))) as Obj;

function ext(list: Obj[] | undefined, name: string): unknown {
  const e = list?.find((x) => x.name === name);
  return e ? parse(e.value.yaml) : undefined;
}

describe('the protobuf OpenAPI v2 document', () => {
  it('round-trips through the wire format with the Swagger envelope', () => {
    expect(decoded.swagger).toBe('2.0');
    expect(decoded.info).toEqual({ title: 'Kubernetes', version: 'unversioned' });
  });

  it('has a PATCH operation per kind with the GVK, fieldValidation and the patch media types', () => {
    const item = decoded.paths.path.find((p: Obj) => p.name === '/apis/apps/v1/namespaces/{namespace}/deployments/{name}').value;
    expect(ext(item.patch.vendor_extension, 'x-kubernetes-group-version-kind')).toEqual({ group: 'apps', kind: 'Deployment', version: 'v1' });
    const names = item.patch.parameters.map((p: Obj) => p.parameter.non_body_parameter?.query_parameter_sub_schema?.name ?? p.parameter.body_parameter?.name);
    expect(names).toEqual(expect.arrayContaining(['body', 'dryRun', 'fieldManager', 'fieldValidation', 'force']));
    expect(item.patch.consumes).toContain('application/strategic-merge-patch+json');
    expect(item.parameters.map((p: Obj) => p.parameter.non_body_parameter.path_parameter_sub_schema?.name).filter(Boolean)).toEqual(['name', 'namespace']);
    const kinds = new Set(
      decoded.paths.path.map((p: Obj) => p.value.patch && (ext(p.value.patch.vendor_extension, 'x-kubernetes-group-version-kind') as Obj | undefined)?.kind),
    );
    for (const k of scheme.kinds) expect(kinds.has(k.kind), k.kind).toBe(true);
  });

  it('has definitions with plain references, GVK lists and patch metadata', () => {
    const defs = new Map(decoded.definitions.additional_properties.map((d: Obj) => [d.name, d.value]));
    const deployment = defs.get('io.k8s.api.apps.v1.Deployment') as Obj;
    expect(ext(deployment.vendor_extension, 'x-kubernetes-group-version-kind')).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    const spec = deployment.properties.additional_properties.find((p: Obj) => p.name === 'spec').value;
    expect(spec._ref).toBe('#/definitions/io.k8s.api.apps.v1.DeploymentSpec');
    const podSpec = defs.get('io.k8s.api.core.v1.PodSpec') as Obj;
    const containers = podSpec.properties.additional_properties.find((p: Obj) => p.name === 'containers').value;
    expect(containers.type.value).toEqual(['array']);
    expect(containers.items.schema[0]._ref).toBe('#/definitions/io.k8s.api.core.v1.Container');
    expect(ext(containers.vendor_extension, 'x-kubernetes-patch-merge-key')).toBe('name');
    expect(ext(containers.vendor_extension, 'x-kubernetes-patch-strategy')).toBe('merge');
    for (const [name] of defs) expect(name).not.toContain('#');
  });

  it('writes free-form values as objects and maps with their value schema', () => {
    expect(v2Schema({ 'x-kubernetes-preserve-unknown-fields': true })).toEqual({ type: { value: ['object'] } });
    expect(v2Schema({ type: 'object', additionalProperties: { type: 'string' } })).toEqual({
      type: { value: ['object'] },
      additional_properties: { schema: { type: { value: ['string'] } } },
    });
  });
});
