/**
 * The OpenAPI 2.0 document kubectl 1.27–1.29 still loads before create, apply and explain, built
 * from the same generated schemas and path items as the v3 documents and shaped for the protobuf
 * encoding (v2-proto.ts). References are plain `$ref`s to `#/definitions/<name>`.
 */
import { COMPONENT_REF_PREFIX as V3_REF, type GeneratedOpenApi, type OpenApiSchema } from '../../api/openapi/index.js';
import type { Scheme } from '../../api/scheme.js';
import { kindSchemas } from './document.js';
import { type Json, PATCH_COMPONENT, PATCH_SCHEMA, kindPaths } from './operations.js';

type Proto = Record<string, unknown>;

const V2_REF = '#/definitions/';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

function extension(name: string, value: unknown): Proto {
  // JSON is YAML, and far quicker to write.
  return { name, value: { yaml: JSON.stringify(value) } };
}

function refOf(s: OpenApiSchema): string | undefined {
  const ref = s.$ref ?? (s.allOf?.length === 1 ? s.allOf[0]!.$ref : undefined);
  return ref?.startsWith(V3_REF) ? V2_REF + ref.slice(V3_REF.length) : undefined;
}

/** A v3 schema as a v2 proto Schema. Free-form values become `type: object` (kubectl reads them as maps). */
export function v2Schema(s: OpenApiSchema): Proto {
  const out: Proto = {};
  const ref = refOf(s);
  if (s.description) out.description = s.description;
  if (ref) out._ref = ref;
  else {
    // v2 has no oneOf: IntOrString and Quantity are strings there, as upstream writes them.
    const type = s.type ?? (s.oneOf?.some((o) => o.type === 'string') ? 'string' : s['x-kubernetes-preserve-unknown-fields'] ? 'object' : undefined);
    if (type) out.type = { value: [type] };
    if (s.format) out.format = s.format;
    if (s.required?.length) out.required = s.required;
    if (s.items) out.items = { schema: [v2Schema(s.items)] };
    if (s.additionalProperties) out.additional_properties = { schema: v2Schema(s.additionalProperties) };
    if (s.properties) out.properties = { additional_properties: Object.entries(s.properties).map(([name, v]) => ({ name, value: v2Schema(v) })) };
  }
  const ext = Object.entries(s).filter(([k]) => k.startsWith('x-kubernetes-') && k !== 'x-kubernetes-preserve-unknown-fields');
  if (ext.length) out.vendor_extension = ext.map(([k, v]) => extension(k, v));
  return out;
}

function v2Parameter(p: Json): Proto {
  const schema = (p.schema ?? {}) as Json;
  const common = { name: p.name, in: p.in, description: p.description, type: schema.type, unique_items: schema.uniqueItems === true };
  const nonBody = p.in === 'path' ? { path_parameter_sub_schema: { ...common, required: true } } : { query_parameter_sub_schema: common };
  return { parameter: { non_body_parameter: nonBody } };
}

function v2Operation(op: Json): Proto {
  const parameters = ((op.parameters ?? []) as Json[]).map(v2Parameter);
  const body = op.requestBody as Json | undefined;
  const consumes = body ? Object.keys(body.content as Json) : [];
  if (body) {
    const media = Object.values(body.content as Json)[0] as Json;
    parameters.unshift({ parameter: { body_parameter: { name: 'body', in: 'body', required: true, schema: v2Schema(media.schema as OpenApiSchema) } } });
  }
  const responseCodes = Object.entries((op.responses ?? {}) as Record<string, Json>).map(([code, r]) => {
    const schema = ((r.content as Json | undefined)?.['application/json'] as Json | undefined)?.schema as OpenApiSchema | undefined;
    return { name: code, value: { response: { description: r.description, ...(schema ? { schema: { schema: v2Schema(schema) } } : {}) } } };
  });
  return {
    tags: op.tags,
    description: op.description,
    operation_id: op.operationId,
    consumes: consumes.map((c) => (c === '*/*' ? 'application/json' : c)),
    produces: ['application/json'],
    schemes: ['https'],
    parameters,
    responses: { response_code: responseCodes },
    vendor_extension: Object.entries(op)
      .filter(([k]) => k.startsWith('x-kubernetes-'))
      .map(([k, v]) => extension(k, v)),
  };
}

function v2PathItem(item: Json): Proto {
  const out: Proto = { parameters: ((item.parameters ?? []) as Json[]).map(v2Parameter) };
  for (const m of METHODS) if (item[m]) out[m] = v2Operation(item[m] as Json);
  return out;
}

/** The whole API in one document, as kube-apiserver serves /openapi/v2. */
export function openApiV2Document(scheme: Scheme, generated: GeneratedOpenApi): Proto {
  const paths: Proto[] = [];
  for (const k of scheme.kinds) {
    for (const [path, item] of Object.entries(kindPaths(k, kindSchemas(k, generated)))) paths.push({ name: path, value: v2PathItem(item) });
  }
  paths.sort((a, b) => ((a.name as string) < (b.name as string) ? -1 : 1));
  const schemas: Record<string, OpenApiSchema> = { ...generated.schemas, [PATCH_SCHEMA]: PATCH_COMPONENT };
  const definitions = Object.keys(schemas)
    .sort()
    .map((name) => ({ name, value: v2Schema(schemas[name]!) }));
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: 'unversioned' },
    paths: { path: paths },
    definitions: { additional_properties: definitions },
  };
}
