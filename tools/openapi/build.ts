/**
 * Builds the OpenAPI components for every kind: parse src/api once, convert, then add what the
 * types alone cannot say (GVK extensions, list kinds, patch metadata, root field conventions).
 */
import { BUILTIN_PATCH_META_TABLE } from '../../src/machinery/patch/index.js';
import type { GeneratedOpenApi, GroupVersionKind, OpenApiSchema } from '../../src/api/openapi/types.js';
import { sortKeys } from '../../src/api/openapi/sort-keys.js';
import { convertDefinitions, refTo } from './convert.js';
import { groupFolder, groupVersionPackage } from './naming.js';
import { applyPatchMeta } from './patch-meta.js';
import { createTypeSource } from './parser.js';

export interface KindRef {
  group: string;
  version: string;
  kind: string;
  listKind: string;
}

export interface BuildResult {
  generated: GeneratedOpenApi;
  warnings: string[];
}

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** Kinds served outside any resource: the Status of every error answer. */
const EXTRA_ROOTS: readonly (GroupVersionKind & { folder: string })[] = [{ folder: '', group: '', version: 'v1', kind: 'Status' }];

/** Shared types every document needs even when no kind's fields reach them (list metadata). */
const SHARED_TYPES: readonly string[] = ['ListMeta'];

/** Root fields that are optional on the wire whatever the TypeScript type says (defaulted or filled by the server). */
const OPTIONAL_ROOT_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']);

/** Descriptions for the type fields every kind shares, used when the types carry none. */
const ROOT_FIELD_DOCS: Readonly<Record<string, string>> = {
  apiVersion:
    'The versioned schema of this representation of the object. Servers convert recognized schemas to the latest ' +
    'internal value and may reject unrecognized values.',
  kind: 'The REST resource this object represents, in CamelCase. Servers may infer it from the endpoint the client sends the request to. Cannot be updated.',
  metadata: "Standard object's metadata: name, namespace, labels, annotations and the fields the server manages.",
};

export function kindKey(gvk: GroupVersionKind): string {
  return `${gvk.group}/${gvk.version}/${gvk.kind}`;
}

function addGvk(schema: OpenApiSchema, gvk: GroupVersionKind): void {
  const list = (schema['x-kubernetes-group-version-kind'] ??= []);
  if (!list.some((g) => kindKey(g) === kindKey(gvk))) list.push({ group: gvk.group, kind: gvk.kind, version: gvk.version });
}

function conventionalRoot(schema: OpenApiSchema): void {
  if (schema.required) {
    schema.required = schema.required.filter((f) => !OPTIONAL_ROOT_FIELDS.has(f));
    if (schema.required.length === 0) delete schema.required;
  }
  for (const [field, doc] of Object.entries(ROOT_FIELD_DOCS)) {
    const prop = schema.properties?.[field];
    if (prop && !prop.description) prop.description = doc;
  }
}

function listSchema(k: KindRef, itemSchema: string): OpenApiSchema {
  return {
    description: `A list of ${k.kind} objects.`,
    type: 'object',
    required: ['items'],
    properties: {
      apiVersion: { description: ROOT_FIELD_DOCS.apiVersion, type: 'string' },
      kind: { description: ROOT_FIELD_DOCS.kind, type: 'string' },
      items: { description: `The ${k.kind} objects.`, type: 'array', items: refTo(itemSchema) },
      metadata: refTo(`${META}.ListMeta`, 'Standard list metadata: resourceVersion and continue token.'),
    },
    'x-kubernetes-group-version-kind': [{ group: k.group, kind: k.listKind, version: k.version }],
  };
}


export function buildOpenApi(apiRoot: string, opts: { kinds: readonly KindRef[] }): BuildResult {
  const src = createTypeSource(apiRoot);
  const warnings: string[] = [];
  const roots: { gvk: GroupVersionKind; name: string; ref?: KindRef }[] = [];
  const nodes = [];
  for (const ref of [...opts.kinds, ...EXTRA_ROOTS]) {
    const folder = 'folder' in ref ? ref.folder : `${groupFolder(ref.group)}/${ref.version}`;
    const node = src.findType(folder, ref.kind);
    if (!node) {
      warnings.push(`no exported type ${ref.kind} in src/api/${folder}`);
      continue;
    }
    nodes.push(node);
    roots.push({ gvk: ref, name: src.nameOf(node), ref: 'listKind' in ref ? ref : undefined });
  }
  const shared = SHARED_TYPES.map((t) => src.findType('', t)).filter((n) => n !== undefined);
  const converted = convertDefinitions(src.definitions([...nodes, ...shared]), [...roots.map((r) => r.name), ...shared.map((n) => src.nameOf(n))]);
  warnings.push(...converted.warnings);
  const schemas = converted.components;
  const kinds: Record<string, string> = {};
  for (const r of roots) {
    const schema = schemas[r.name]!;
    conventionalRoot(schema);
    addGvk(schema, r.gvk);
    kinds[kindKey(r.gvk)] = r.name;
    if (r.ref) {
      const listName = `${groupVersionPackage(r.ref.group, r.ref.version)}.${r.ref.listKind}`;
      schemas[listName] = listSchema(r.ref, r.name);
      kinds[kindKey({ ...r.gvk, kind: r.ref.listKind })] = listName;
    }
  }
  warnings.push(...applyPatchMeta(schemas, roots.map((r) => r.name), BUILTIN_PATCH_META_TABLE));
  return { generated: sortKeys({ kinds, schemas }), warnings };
}
