/**
 * Unknown fields: keys an object has that its schema does not declare, found recursively through
 * nested objects, lists and maps of objects. Paths are upstream's (`spec.containers[0].imagePullPolicyy`).
 */
import { GENERATED_OPENAPI, type OpenApiSchema, resolveSchema } from '../../api/openapi/index.js';

export interface UnknownFieldsResult {
  /** Paths of unknown fields, in the order the walk meets them. */
  paths: string[];
  /** A copy of the value without the unknown fields (only when asked for). */
  pruned?: unknown;
}

type Schemas = Readonly<Record<string, OpenApiSchema>>;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** True when anything goes below this schema (free-form objects, untyped values). */
function isFreeForm(s: OpenApiSchema): boolean {
  return s['x-kubernetes-preserve-unknown-fields'] === true && !s.properties;
}

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

/** Sets an own property, even one named `__proto__` (JSON.parse makes those own keys too). */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

class Walker {
  readonly paths: string[] = [];

  constructor(
    private readonly schemas: Schemas,
    private readonly prune: boolean,
  ) {}

  walk(value: unknown, schema: OpenApiSchema | undefined, path: string): unknown {
    if (!schema) return value;
    const s = resolveSchema(schema, this.schemas);
    if (isFreeForm(s)) return value;
    if (Array.isArray(value)) {
      if (!s.items) return value;
      const items = s.items;
      const out = value.map((v, i) => this.walk(v, items, `${path}[${i}]`));
      return this.prune ? out : value;
    }
    if (!isPlainObject(value)) return value;
    if (s.properties) return this.object(value, s, path);
    if (s.additionalProperties) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) setOwn(out, k, this.walk(v, s.additionalProperties, join(path, k)));
      return this.prune ? out : value;
    }
    return value;
  }

  private object(value: Record<string, unknown>, s: OpenApiSchema, path: string): unknown {
    const props = s.properties!;
    const keepUnknown = s['x-kubernetes-preserve-unknown-fields'] === true;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const sub = Object.hasOwn(props, k) ? props[k] : undefined;
      if (sub) setOwn(out, k, this.walk(v, sub, join(path, k)));
      else if (keepUnknown) setOwn(out, k, v);
      else if (this.paths.length < 100) this.paths.push(join(path, k));
    }
    return this.prune ? out : value;
  }
}

/**
 * Walks `value` against `schema` (a kind's root schema). With `prune`, also returns a copy without the
 * unknown fields; the input is never modified.
 */
export function findUnknownFields(value: unknown, schema: OpenApiSchema, opts: { schemas?: Schemas; prune?: boolean } = {}): UnknownFieldsResult {
  const w = new Walker(opts.schemas ?? GENERATED_OPENAPI.schemas, opts.prune ?? false);
  const pruned = w.walk(value, schema, '');
  return opts.prune ? { paths: w.paths, pruned } : { paths: w.paths };
}
