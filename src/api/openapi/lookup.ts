/** Small pure helpers over the generated schemas: find a kind's schema, follow references, collect components. */
import { GENERATED_OPENAPI } from './schemas.generated.js';
import { COMPONENT_REF_PREFIX as COMPONENT_PREFIX, type GeneratedOpenApi, type OpenApiSchema } from './types.js';

export interface KindLike {
  group: string;
  version: string;
  kind: string;
}

/** The name of the root schema of a kind (`io.k8s.api.apps.v1.Deployment`), if one was generated. */
export function schemaNameOf(gvk: KindLike, generated: GeneratedOpenApi = GENERATED_OPENAPI): string | undefined {
  return generated.kinds[`${gvk.group}/${gvk.version}/${gvk.kind}`];
}

/** The root schema of a kind, if one was generated. */
export function schemaOf(gvk: KindLike, generated: GeneratedOpenApi = GENERATED_OPENAPI): OpenApiSchema | undefined {
  const name = schemaNameOf(gvk, generated);
  return name === undefined ? undefined : generated.schemas[name];
}

/** The component a `$ref` or `allOf: [{$ref}]` points at, merged under the referring schema's own keywords. */
export function resolveSchema(schema: OpenApiSchema, schemas: Readonly<Record<string, OpenApiSchema>> = GENERATED_OPENAPI.schemas): OpenApiSchema {
  let s = schema;
  for (let depth = 0; depth < 8; depth++) {
    const ref = s.$ref ?? (s.allOf?.length === 1 ? s.allOf[0]!.$ref : undefined);
    if (!ref?.startsWith(COMPONENT_PREFIX)) return s;
    const target = schemas[ref.slice(COMPONENT_PREFIX.length)];
    if (!target) return s;
    s = target;
  }
  return s;
}

/** Names of the components a schema refers to, directly or not (the schema's own name is not included). */
export function referencedSchemaNames(roots: readonly string[], schemas: Readonly<Record<string, OpenApiSchema>> = GENERATED_OPENAPI.schemas): Set<string> {
  const found = new Set<string>();
  const queue = [...roots];
  const visit = (s: OpenApiSchema | undefined): void => {
    if (!s) return;
    const ref = s.$ref;
    if (ref?.startsWith(COMPONENT_PREFIX)) {
      const name = ref.slice(COMPONENT_PREFIX.length);
      if (!found.has(name)) {
        found.add(name);
        queue.push(name);
      }
    }
    s.allOf?.forEach(visit);
    visit(s.items);
    visit(s.additionalProperties);
    for (const p of Object.values(s.properties ?? {})) visit(p);
  };
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) visit(schemas[name]);
  return found;
}
