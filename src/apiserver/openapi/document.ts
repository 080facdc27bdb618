/** One group/version's OpenAPI v3 document: paths for its kinds and the component schemas they reach. */
import { type GeneratedOpenApi, type OpenApiSchema, referencedSchemaNames, resolveSchema, schemaNameOf, sortKeys } from '../../api/openapi/index.js';
import type { AnyKind, Scheme } from '../../api/scheme.js';
import { listKindOf } from '../../api/scheme.js';
import { type Json, type KindSchemas, PATCH_COMPONENT, PATCH_SCHEMA, STATUS_SCHEMA, kindPaths } from './operations.js';

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** Free-form objects (no declared fields) beyond metadata and status: kubectl cannot walk them to build a patch. */
function hasFreeFormField(root: string, schemas: Readonly<Record<string, OpenApiSchema>>): boolean {
  const seen = new Set<OpenApiSchema>();
  const walk = (s: OpenApiSchema | undefined): boolean => {
    if (!s || seen.has(s)) return false;
    seen.add(s);
    const r = resolveSchema(s, schemas);
    if (r !== s) return walk(r);
    if (r['x-kubernetes-preserve-unknown-fields'] && !r.properties) return true;
    return walk(r.items) || walk(r.additionalProperties) || Object.values(r.properties ?? {}).some(walk);
  };
  const top = schemas[root];
  if (!top) return true;
  seen.add(schemas[OBJECT_META] ?? top);
  return Object.entries(top.properties ?? {}).some(([field, s]) => field !== 'status' && field !== 'metadata' && walk(s));
}

/**
 * What the document says about a kind's schemas. Strategic merge patch is offered only when kubectl
 * can compute one from the schema alone: otherwise kubectl quietly uses its compiled-in types.
 */
export function kindSchemas(k: AnyKind, generated: GeneratedOpenApi): KindSchemas {
  const object = schemaNameOf(k, generated);
  const list = schemaNameOf({ group: k.group, version: k.version, kind: listKindOf(k) }, generated);
  return { object, list, strategicMergePatch: object !== undefined && !hasFreeFormField(object, generated.schemas) };
}

export function groupVersionDocument(scheme: Scheme, gv: { group: string; version: string }, generated: GeneratedOpenApi): Json {
  const paths: Record<string, Json> = {};
  const roots = new Set<string>([STATUS_SCHEMA]);
  for (const k of scheme.kindsIn(gv.group, gv.version)) {
    const s = kindSchemas(k, generated);
    Object.assign(paths, kindPaths(k, s));
    for (const name of [s.object, s.list]) if (name) roots.add(name);
  }
  const names = new Set([...roots, ...referencedSchemaNames([...roots], generated.schemas)]);
  const schemas: Record<string, OpenApiSchema> = { [PATCH_SCHEMA]: PATCH_COMPONENT };
  for (const name of names) {
    const s = generated.schemas[name];
    if (s) schemas[name] = s;
  }
  return sortKeys({
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'unversioned' },
    paths,
    components: { schemas },
  }) as Json;
}
