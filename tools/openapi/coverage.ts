/**
 * Which upstream fields the generated schemas lack, per kind: walks each kind's schema next to the
 * model of the same kind in @kubernetes/client-node (a dev dependency, used only as a reference
 * list of field names) and prints the paths of fields the API types do not declare yet. Those
 * fields are rejected by Strict field validation, so this is the to-do list for src/api.
 *
 *   node --import tsx tools/openapi/coverage.ts [--status]
 */
import * as k8s from '@kubernetes/client-node';
import { COMPONENT_REF_PREFIX, GENERATED_OPENAPI, type OpenApiSchema, resolveSchema } from '../../src/api/openapi/index.js';
import { scheme } from '../../src/api/scheme.js';

interface Attribute {
  baseName: string;
  type: string;
}

type Model = { getAttributeTypeMap(): Attribute[] } | undefined;

const models = k8s as unknown as Record<string, Model>;

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** client-node's class name for a kind: V1Deployment, V2HorizontalPodAutoscaler; CoreV1Event, EventsV1Event for clashes. */
function modelName(group: string, version: string, kind: string): string {
  const plain = cap(version) + kind;
  return models[plain] ? plain : cap(group === '' ? 'core' : group.split('.')[0]!) + plain;
}

/** The model class a client-node type string names, through arrays and maps (`Array<V1Container>` → `V1Container`). */
function innerModel(type: string): string {
  return type.replace(/^Array<(.*)>$/, '$1').replace(/^\{ \[key: string\]: (.*); \}$/, '$1');
}

/** The component a schema refers to (through lists and maps), with its name when it has one. */
function target(s: OpenApiSchema): { name?: string; schema: OpenApiSchema } {
  let r = s;
  if (r.type === 'array' && r.items) r = r.items;
  else if (r.additionalProperties) r = r.additionalProperties;
  const ref = r.$ref ?? r.allOf?.[0]?.$ref;
  return { name: ref?.slice(COMPONENT_REF_PREFIX.length), schema: resolveSchema(r) };
}

/** Adds `<schema>.<field>` for every field the model has and the schema lacks, recursively. */
function missing(name: string, schema: OpenApiSchema, modelName: string, out: Set<string>, seen: Set<string>): void {
  const model = /^([A-Z][a-z]+)?V\d/.test(modelName) ? models[modelName] : undefined;
  const key = `${name} ${modelName}`;
  if (!model || typeof model.getAttributeTypeMap !== 'function' || seen.has(key)) return;
  seen.add(key);
  // Extra keys are accepted as they are next to declared fields marked so (other volume sources...).
  const open = schema['x-kubernetes-preserve-unknown-fields'] === true;
  if (open && !schema.properties) return;
  for (const a of model.getAttributeTypeMap()) {
    const sub = schema.properties?.[a.baseName];
    if (!sub) {
      if (!open) out.add(`${name}.${a.baseName}`);
      continue;
    }
    const t = target(sub);
    missing(t.name ?? `${name}.${a.baseName}`, t.schema, innerModel(a.type), out, seen);
  }
}

function main(argv: readonly string[]): void {
  const withStatus = argv.includes('--status');
  const out = new Set<string>();
  const seen = new Set<string>();
  for (const k of scheme.kinds) {
    const name = GENERATED_OPENAPI.kinds[`${k.group}/${k.version}/${k.kind}`];
    const modelClass = modelName(k.group, k.version, k.kind);
    const model = models[modelClass];
    if (!name || !model) {
      process.stdout.write(`${k.group || 'core'}/${k.version} ${k.kind}: ${name ? 'no client-node model to compare with' : 'no generated schema'}\n`);
      continue;
    }
    const root = GENERATED_OPENAPI.schemas[name]!;
    const found = new Set<string>();
    missing(name, root, modelClass, found, seen);
    for (const f of found) if (withStatus || !/\.status$|Status\./.test(f)) out.add(f);
  }
  for (const line of [...out].sort()) process.stdout.write(`${line}\n`);
  process.stdout.write(`${out.size} fields missing${withStatus ? '' : ' (status not compared; --status to include it)'}\n`);
}

main(process.argv.slice(2));
