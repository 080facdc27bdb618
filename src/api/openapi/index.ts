/** OpenAPI v3 schemas generated from the API types (tools/openapi), and helpers over them. */
export { COMPONENT_REF_PREFIX, type GeneratedOpenApi, type GroupVersionKind, type ListType, type OpenApiSchema } from './types.js';
export { sortKeys } from './sort-keys.js';
export { GENERATED_OPENAPI } from './schemas.generated.js';
export { type KindLike, referencedSchemaNames, resolveSchema, schemaNameOf, schemaOf } from './lookup.js';
