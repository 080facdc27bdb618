/**
 * Draft-07 definitions (ts-json-schema-generator's output) → OpenAPI v3 component schemas in
 * kube-openapi's style: references as `allOf: [{$ref}]`, integers for numbers, string aliases
 * and maps inlined, IntOrString and Quantity as shared components.
 */
import type { Definition } from 'ts-json-schema-generator';
import { COMPONENT_REF_PREFIX, type OpenApiSchema } from '../../src/api/openapi/types.js';
import type { RawDefinitions } from './parser.js';

export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
export const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
export const COMPONENT_PREFIX = COMPONENT_REF_PREFIX;

const QUANTITY_DESCRIPTION =
  'A fixed-point number with an optional suffix: a binary SI suffix (Ki, Mi, Gi, Ti, Pi, Ei), a decimal SI ' +
  'suffix (n, u, m, "", k, M, G, T, P, E) or a decimal exponent (e3, E6). Examples: "500m", "1.5Gi", "2".';
const INT_OR_STRING_DESCRIPTION = 'An integer or a string, such as a port number or name, or a percentage ("25%").';

/** Type aliases whose values are quantities, by the last segment of their name. */
const QUANTITY_ALIASES = new Set(['Quantity', 'QuantityValue']);
/** Type aliases that are maps of resource name → quantity. */
const QUANTITY_MAP_ALIASES = new Set(['ResourceList']);

/** Fields typed as plain strings in TypeScript that upstream types as Quantity: `<schema>.<field>`. */
export const QUANTITY_FIELDS: readonly string[] = [
  'io.k8s.api.core.v1.EmptyDirVolumeSource.sizeLimit',
  'io.k8s.api.storage.v1.CSIStorageCapacity.capacity',
  'io.k8s.api.storage.v1.CSIStorageCapacity.maximumVolumeSize',
];

export interface ConvertResult {
  /** Object components by name (plus IntOrString and Quantity when used). */
  components: Record<string, OpenApiSchema>;
  /** Problems worth a look: unions that had to be loosened, unknown references. */
  warnings: string[];
}

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** Joins lines within a paragraph (doc comments wrap at ~100 columns); keeps blank-line paragraph breaks. */
export function normalizeDescription(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p !== '')
    .join('\n\n');
}

export function refTo(name: string, description?: string): OpenApiSchema {
  const s: OpenApiSchema = { allOf: [{ $ref: COMPONENT_PREFIX + name }] };
  if (description) s.description = description;
  return s;
}

/** As kube-openapi writes it in v3: a string or a number, and no `type` (kubectl explain then shows `<Quantity>`). */
function quantityComponent(): OpenApiSchema {
  return { description: QUANTITY_DESCRIPTION, oneOf: [{ type: 'string' }, { type: 'number' }] };
}

/** As kube-openapi writes it in v3 (an integer or a string, no `type`), plus the CRD-style marker. */
function intOrStringComponent(description?: string): OpenApiSchema {
  return {
    description: description ? normalizeDescription(description) : INT_OR_STRING_DESCRIPTION,
    format: 'int-or-string',
    oneOf: [{ type: 'integer' }, { type: 'string' }],
    'x-kubernetes-int-or-string': true,
  };
}

const FREE_FORM: OpenApiSchema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

function isObjectDefinition(d: Definition): boolean {
  return d.type === 'object' && d.properties !== undefined;
}

function typesOf(d: Definition): string[] {
  const t = d.type;
  if (t === undefined) return [];
  return (Array.isArray(t) ? t : [t]).filter((x) => x !== 'null');
}

class Converter {
  readonly components: Record<string, OpenApiSchema> = {};
  readonly warnings: string[] = [];
  private readonly inProgress = new Set<string>();

  constructor(private readonly defs: RawDefinitions) {}

  /** A definition, with aliases of other definitions (`type RoleBinding = Binding`) resolved to their target. */
  private definition(name: string): Definition | undefined {
    let def = this.defs[name];
    for (let i = 0; i < 8 && typeof def?.$ref === 'string' && def.type === undefined; i++) {
      const target: Definition | undefined = this.defs[def.$ref.replace(/^#\/definitions\//, '')];
      if (!target) break;
      def = { ...target, description: def.description ?? target.description };
    }
    return def;
  }

  /** Converts (once) the named definition if it becomes a component; returns the schema to use at a reference. */
  reference(name: string, description: string | undefined): OpenApiSchema {
    const def = this.definition(name);
    if (!def) {
      this.warnings.push(`unknown reference ${name}`);
      return { ...FREE_FORM, ...(description ? { description } : {}) };
    }
    const last = lastSegment(name);
    if (QUANTITY_ALIASES.has(last)) return this.quantity(description);
    if (name === INT_OR_STRING || (last === 'IntOrString' && typesOf(def).length === 2)) {
      return this.shared(INT_OR_STRING, intOrStringComponent(def.description), description);
    }
    if (QUANTITY_MAP_ALIASES.has(last)) {
      const desc = description ?? (def.description ? normalizeDescription(def.description) : undefined);
      return { ...(desc ? { description: desc } : {}), type: 'object', additionalProperties: this.quantity(undefined) };
    }
    if (!isObjectDefinition(def)) {
      // String unions, maps and other aliases are written inline, as upstream does.
      const inline = this.convert(def, name);
      if (description) inline.description = description;
      return inline;
    }
    this.component(name);
    // A field without a doc comment is described by its type, so that kubectl explain's field lists say something.
    const own = this.components[name]?.description ?? (def.description ? normalizeDescription(def.description) : undefined);
    return refTo(name, description ?? own);
  }

  component(name: string): void {
    if (name in this.components || this.inProgress.has(name)) return;
    this.inProgress.add(name);
    this.components[name] = this.convert(this.definition(name)!, name);
    this.inProgress.delete(name);
  }

  quantity(description: string | undefined): OpenApiSchema {
    return this.shared(QUANTITY, quantityComponent(), description);
  }

  private shared(name: string, schema: OpenApiSchema, description: string | undefined): OpenApiSchema {
    this.components[name] ??= schema;
    return refTo(name, description);
  }

  convert(d: Definition, where: string): OpenApiSchema {
    const description = typeof d.description === 'string' ? normalizeDescription(d.description) : undefined;
    if (typeof d.$ref === 'string') return this.reference(d.$ref.replace(/^#\/definitions\//, ''), description);
    const out = this.convertShape(d, where);
    if (description) out.description = description;
    return out;
  }

  private convertShape(d: Definition, where: string): OpenApiSchema {
    if (d.anyOf || d.oneOf) return this.union((d.anyOf ?? d.oneOf) as Definition[], where);
    const types = typesOf(d);
    if (types.length > 1) {
      if (types.includes('string') && types.includes('number')) return this.reference(INT_OR_STRING, undefined);
      this.warnings.push(`${where}: type ${types.join('|')} loosened to a free-form value`);
      return { 'x-kubernetes-preserve-unknown-fields': true };
    }
    const type = types[0];
    const literals = d.enum ?? (d.const !== undefined ? [d.const] : undefined);
    switch (type) {
      case 'string':
      case 'boolean':
        return withEnum({ type }, literals, d.format);
      case 'number':
      case 'integer':
        return withEnum({ type: 'integer' }, literals, d.format);
      case 'array': {
        if (!d.items || Array.isArray(d.items) || typeof d.items !== 'object') return { type: 'array', items: FREE_FORM };
        const items = this.convert(d.items, `${where}[]`);
        // Like upstream, items that name a type carry only the reference: kubectl explain
        // prints the type's description itself, and would otherwise print it twice.
        if (items.allOf) delete items.description;
        return { type: 'array', items };
      }
      case 'object':
        return this.object(d, where);
      case undefined:
        if (literals) return withEnum({ type: 'string' }, literals, d.format);
        return { 'x-kubernetes-preserve-unknown-fields': true };
      default:
        this.warnings.push(`${where}: unsupported type ${type}`);
        return { 'x-kubernetes-preserve-unknown-fields': true };
    }
  }

  private object(d: Definition, where: string): OpenApiSchema {
    const extra = d.additionalProperties;
    if (!d.properties) {
      if (extra && typeof extra === 'object' && Object.keys(extra).some((k) => k !== 'description')) {
        return { type: 'object', additionalProperties: this.convert(extra, `${where}{}`) };
      }
      return { ...FREE_FORM };
    }
    const properties: Record<string, OpenApiSchema> = {};
    for (const [field, sub] of Object.entries(d.properties)) {
      if (typeof sub === 'object') properties[field] = this.convert(sub, `${where}.${field}`);
    }
    const out: OpenApiSchema = { type: 'object', properties };
    if (d.required && d.required.length > 0) out.required = [...d.required];
    // An index signature next to named fields: other keys are accepted as they are.
    if (extra) out['x-kubernetes-preserve-unknown-fields'] = true;
    return out;
  }

  /** Unions: null members dropped; string literal unions merged into one enum. */
  private union(members: Definition[], where: string): OpenApiSchema {
    const parts = members.filter((m) => !(typesOf(m).length === 0 && m.type === 'null'));
    const converted = parts.map((m) => this.convert(m, where)).map((s) => this.resolveInline(s));
    if (converted.length === 1) return converted[0]!;
    if (converted.every((s) => s.type === 'string')) {
      const enums = converted.every((s) => s.enum) ? converted.flatMap((s) => s.enum!) : undefined;
      return withEnum({ type: 'string' }, enums ? [...new Set(enums)] : undefined, undefined);
    }
    this.warnings.push(`${where}: union of ${converted.map((s) => s.type ?? 'ref').join('|')} loosened to a free-form value`);
    return { 'x-kubernetes-preserve-unknown-fields': true };
  }

  private resolveInline(s: OpenApiSchema): OpenApiSchema {
    const ref = s.allOf?.[0]?.$ref;
    return ref ? (this.components[ref.slice(COMPONENT_PREFIX.length)] ?? s) : s;
  }
}

function withEnum(base: OpenApiSchema, literals: unknown[] | undefined, format: unknown): OpenApiSchema {
  const out = { ...base };
  if (typeof format === 'string') out.format = format;
  const values = literals?.filter((v): v is string | number | boolean => v !== null && ['string', 'number', 'boolean'].includes(typeof v));
  if (values && values.length > 0) out.enum = values;
  return out;
}

/** Converts the named roots and every object type they reach. */
export function convertDefinitions(defs: RawDefinitions, roots: readonly string[]): ConvertResult {
  const c = new Converter(defs);
  for (const r of roots) c.component(r);
  for (const path of QUANTITY_FIELDS) {
    const i = path.lastIndexOf('.');
    const prop = c.components[path.slice(0, i)]?.properties?.[path.slice(i + 1)];
    if (prop) {
      const description = prop.description;
      for (const k of Object.keys(prop)) delete (prop as Record<string, unknown>)[k];
      Object.assign(prop, c.quantity(description));
    }
  }
  return { components: c.components, warnings: c.warnings };
}
