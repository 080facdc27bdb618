/**
 * Writes the strategic-merge-patch metadata onto the schemas. The single source is machinery's
 * table of dotted paths from an object's root (`spec.template.spec.containers`); each path is
 * walked from every kind's root schema and the property it lands on gets
 * `x-kubernetes-patch-strategy` / `x-kubernetes-patch-merge-key` and the matching list type, so
 * kubectl's client-side apply computes the same merges the server applies.
 */
import type { PatchMeta } from '../../src/machinery/patch/index.js';
import { multiKeys } from '../../src/machinery/apply/ssa-schema.js';
import type { OpenApiSchema } from '../../src/api/openapi/types.js';
import { COMPONENT_PREFIX } from './convert.js';

type Components = Record<string, OpenApiSchema>;

/** The object schema a property leads to: through array items and `allOf: [{$ref}]`. */
export function targetOf(schema: OpenApiSchema | undefined, components: Components): OpenApiSchema | undefined {
  let s = schema;
  for (let i = 0; s && i < 4; i++) {
    if (s.type === 'array') s = s.items;
    else if (s.allOf?.[0]?.$ref) s = components[s.allOf[0].$ref.slice(COMPONENT_PREFIX.length)];
    else if (s.$ref) s = components[s.$ref.slice(COMPONENT_PREFIX.length)];
    else return s;
  }
  return s;
}

/** The property schema at a dotted path from `root`, or undefined when the path leaves the schema. */
function propertyAt(root: OpenApiSchema, path: readonly string[], components: Components): OpenApiSchema | undefined {
  let current: OpenApiSchema | undefined = root;
  for (let i = 0; i < path.length; i++) {
    const prop: OpenApiSchema | undefined = current?.properties?.[path[i]!];
    if (!prop) return undefined;
    if (i === path.length - 1) return prop;
    current = targetOf(prop, components);
  }
  return undefined;
}

/** The extensions upstream's generator writes for these struct tags. */
export function patchExtensions(meta: PatchMeta, isList: boolean, path: readonly string[] = []): Partial<OpenApiSchema> {
  const ext: Partial<OpenApiSchema> = {};
  if (meta.strategy) ext['x-kubernetes-patch-strategy'] = meta.strategy;
  if (meta.mergeKey) ext['x-kubernetes-patch-merge-key'] = meta.mergeKey;
  if (!isList) return ext;
  const merges = meta.strategy?.split(',').includes('merge') ?? false;
  if (merges && meta.mergeKey) {
    ext['x-kubernetes-list-type'] = 'map';
    // Server-side apply keys some lists by more fields than the merge key (ports: +protocol).
    ext['x-kubernetes-list-map-keys'] = multiKeys(path)?.keys ?? [meta.mergeKey];
  } else if (merges) ext['x-kubernetes-list-type'] = 'set';
  else if (meta.strategy === 'replace') ext['x-kubernetes-list-type'] = 'atomic';
  return ext;
}

/**
 * Applies `table` from every root. Returns warnings: paths no kind has, and properties shared by
 * several kinds that the table gives different metadata.
 */
export function applyPatchMeta(components: Components, roots: readonly string[], table: Readonly<Record<string, PatchMeta>>): string[] {
  const warnings: string[] = [];
  const applied = new Map<OpenApiSchema, string>();
  for (const [dotted, meta] of Object.entries(table)) {
    let found = false;
    for (const rootName of roots) {
      const root = components[rootName];
      const prop = root && propertyAt(root, dotted.split('.'), components);
      if (!prop) continue;
      found = true;
      const ext = patchExtensions(meta, prop.type === 'array', dotted.split('.'));
      const key = JSON.stringify(ext);
      const previous = applied.get(prop);
      if (previous !== undefined && previous !== key) warnings.push(`${rootName}.${dotted}: conflicting patch metadata ${previous} vs ${key}`);
      applied.set(prop, key);
      Object.assign(prop, ext);
    }
    if (!found) warnings.push(`patch metadata for ${dotted} matches no schema`);
  }
  return warnings;
}
