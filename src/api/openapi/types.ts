/** The OpenAPI v3 schema subset Gantry generates from its API types (kube-openapi's style and extensions). */

/** How schemas refer to each other: `#/components/schemas/<name>`. */
export const COMPONENT_REF_PREFIX = '#/components/schemas/';

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export type ListType = 'atomic' | 'set' | 'map';

export interface OpenApiSchema {
  description?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  enum?: (string | number | boolean)[];
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  /** The value schema of a map. */
  additionalProperties?: OpenApiSchema;
  items?: OpenApiSchema;
  /** References to components are written `allOf: [{$ref}]`, which kubectl explain and apply follow. */
  allOf?: OpenApiSchema[];
  /** Only for IntOrString and Quantity, as upstream: the alternative primitive types. */
  oneOf?: OpenApiSchema[];
  $ref?: string;
  /** On the root schema of a kind. */
  'x-kubernetes-group-version-kind'?: GroupVersionKind[];
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-list-type'?: ListType;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-int-or-string'?: boolean;
  /** Any value (or, next to properties, any extra key) is accepted as it is. */
  'x-kubernetes-preserve-unknown-fields'?: boolean;
}

/** What tools/openapi/generate.ts writes to schemas.generated.ts. */
export interface GeneratedOpenApi {
  /** `group/version/Kind` (group '' for core) → the name of its root schema; list kinds included. */
  kinds: Record<string, string>;
  /** Component schemas by name (`io.k8s.api.apps.v1.Deployment`, ...). */
  schemas: Record<string, OpenApiSchema>;
}
