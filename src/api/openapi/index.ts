/** OpenAPI v3 schemas generated from the API types (tools/openapi), and helpers over them. */
export type { GeneratedOpenApi, GroupVersionKind, ListType, OpenApiSchema } from './types.js';
export { GENERATED_OPENAPI } from './schemas.generated.js';
export { type KindLike, referencedSchemaNames, resolveSchema, schemaNameOf, schemaOf } from './lookup.js';
