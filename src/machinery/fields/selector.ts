/**
 * Field selectors (`?fieldSelector=`), as apimachinery's fields.ParseSelector: comma-separated
 * `field=value`, `field==value` or `field!=value` terms, ANDed. In values, `\,` `\=` and `\\`
 * escape the three special characters; an unescaped `,` ends the term and an unescaped `=` is an
 * error. Which fields a kind supports is the apiserver's business (see `checkFieldNames`).
 */

export type FieldOperator = '=' | '==' | '!=';

export interface FieldRequirement {
  readonly field: string;
  readonly operator: FieldOperator;
  /** Unescaped. */
  readonly value: string;
}

/** Looks a field up on an object; undefined counts as the empty string, as upstream. */
export type FieldGetter = (field: string) => string | undefined;

/** A malformed field selector, or one naming an unsupported field; answer with 400. */
export class FieldSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldSelectorError';
  }
}

/** Escapes `\`, `,` and `=` in a value for use in a selector string. */
export function escapeFieldValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** Reverses `escapeFieldValue`, rejecting unknown escapes and bare `,` or `=` as upstream does. */
export function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') throw new FieldSelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      inSlash = false;
    } else if (c === '\\') {
      inSlash = true;
    } else if (c === ',' || c === '=') {
      // Upstream prints the rune as a number here.
      throw new FieldSelectorError(`invalid field selector: unescapedRune character in value: ${c.codePointAt(0)}`);
    } else {
      out += c;
    }
  }
  if (inSlash) throw new FieldSelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** Splits on commas that are not escaped; the escapes stay in the terms. */
function splitTerms(s: string): string[] {
  if (s === '') return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

const OPERATORS: readonly FieldOperator[] = ['!=', '==', '='];

/** The field, operator and raw value of a term, split at the first operator. */
function splitTerm(term: string): [string, FieldOperator, string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of OPERATORS) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

export class FieldSelector {
  readonly requirements: readonly FieldRequirement[];

  constructor(requirements: readonly FieldRequirement[]) {
    this.requirements = requirements;
  }

  static everything(): FieldSelector {
    return EVERYTHING;
  }

  matches(get: FieldGetter): boolean {
    for (const r of this.requirements) {
      const v = get(r.field) ?? '';
      if (r.operator === '!=' ? v === r.value : v !== r.value) return false;
    }
    return true;
  }

  isEmpty(): boolean {
    return this.requirements.length === 0;
  }

  /** `a=b,c!=d`, values escaped; '' when empty. */
  toString(): string {
    return this.requirements
      .map((r) => `${r.field}${r.operator === '!=' ? '!=' : '='}${escapeFieldValue(r.value)}`)
      .join(',');
  }

  /** The value the selector demands for `field` through `=` or `==`, if any. */
  requiresExactMatch(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.operator !== '!=')?.value;
  }
}

const EVERYTHING = new FieldSelector([]);

/** Parses `?fieldSelector=` text. Throws FieldSelectorError when it is malformed. */
export function parseFieldSelector(selector: string): FieldSelector {
  const parts = splitTerms(selector).sort();
  const reqs: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) throw new FieldSelectorError(`invalid selector: '${selector}'; can't understand '${part}'`);
    const [field, operator, raw] = split;
    reqs.push({ field, operator, value: unescapeFieldValue(raw) });
  }
  return reqs.length === 0 ? EVERYTHING : new FieldSelector(reqs);
}

/** A selector requiring every field of `set` to equal its value. */
export function fieldSelectorFromSet(set: Readonly<Record<string, string>>): FieldSelector {
  const reqs = Object.keys(set)
    .sort()
    .map((field): FieldRequirement => ({ field, operator: '=', value: set[field]! }));
  return new FieldSelector(reqs);
}

/** The exact metadata.name / metadata.namespace a selector demands, for list fast paths. */
export function exactNameAndNamespace(sel: FieldSelector): { name?: string; namespace?: string } {
  const out: { name?: string; namespace?: string } = {};
  const name = sel.requiresExactMatch('metadata.name');
  const namespace = sel.requiresExactMatch('metadata.namespace');
  if (name !== undefined) out.name = name;
  if (namespace !== undefined) out.namespace = namespace;
  return out;
}

/**
 * Throws `field label not supported: <field>` for the first field the kind does not support.
 * metadata.name and metadata.namespace are always supported.
 */
export function checkFieldNames(sel: FieldSelector, supported: Iterable<string>): void {
  const ok = new Set(supported);
  for (const r of sel.requirements) {
    if (r.field !== 'metadata.name' && r.field !== 'metadata.namespace' && !ok.has(r.field)) {
      throw new FieldSelectorError(`field label not supported: ${r.field}`);
    }
  }
}
