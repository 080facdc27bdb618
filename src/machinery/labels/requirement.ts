/**
 * One label selector requirement (`key in (a,b)`), validated as apimachinery's NewRequirement does,
 * compiled into a fast match function.
 */
import { isQualifiedName, isValidLabelValue } from '../../api/validation/names.js';

/** The operator strings of apimachinery's selection.Operator. */
export type Operator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  /** Empty for exists and '!'; exactly one for =, ==, !=, gt, lt. */
  readonly values: readonly string[];
}

export type Labels = Readonly<Record<string, string>>;

/** A malformed selector; the apiserver answers it with 400 Bad Request. */
export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

/** Go's %#v of a []string, as upstream prints a bad value set (nil when empty). */
export function goStringSlice(values: readonly string[]): string {
  if (values.length === 0) return '[]string(nil)';
  return `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
}

/** A field.Error's text: `path: Invalid value: <value>: detail`. */
export function invalidText(path: string, value: string, detail: string): string {
  return `${path}: Invalid value: ${value}: ${detail}`;
}

/** Checks a key the way the parser does; `path` is upstream's field path (`<nil>` from the parser). */
export function labelKeyProblem(key: string, path: string): string | undefined {
  const errs = isQualifiedName(key);
  return errs.length > 0 ? invalidText(path, JSON.stringify(key), errs.join('; ')) : undefined;
}

const INTEGER = /^[+-]?\d+$/;

function operatorProblems(op: string, values: readonly string[]): string[] {
  const shown = goStringSlice(values);
  switch (op) {
    case 'in':
    case 'notin':
      return values.length === 0 ? [invalidText('values', shown, "for 'in', 'notin' operators, values set can't be empty")] : [];
    case '=':
    case '==':
    case '!=':
      return values.length !== 1 ? [invalidText('values', shown, 'exact-match compatibility requires one single value')] : [];
    case 'exists':
    case '!':
      return values.length !== 0 ? [invalidText('values', shown, 'values set must be empty for exists and does not exist')] : [];
    case 'gt':
    case 'lt': {
      const errs = values.length !== 1 ? [invalidText('values', shown, "for 'Gt', 'Lt' operators, exactly one value is required")] : [];
      values.forEach((v, i) => {
        if (!INTEGER.test(v)) errs.push(invalidText(`values[${i}]`, JSON.stringify(v), "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      return errs;
    }
    default: {
      const supported = ['in', 'notin', '=', '==', '!=', 'gt', 'lt', 'exists', '!'].map((s) => JSON.stringify(s)).join(', ');
      return [`operator: Unsupported value: ${JSON.stringify(op)}: supported values: ${supported}`];
    }
  }
}

/** upstream's aggregate: one error bare, several in brackets. */
function aggregate(errs: readonly string[]): string {
  return errs.length === 1 ? errs[0]! : `[${errs.join(', ')}]`;
}

/** Builds a validated requirement; throws SelectorError worded like upstream's NewRequirement. */
export function newRequirement(key: string, operator: Operator, values: readonly string[]): Requirement {
  const errs: string[] = [];
  const keyErr = labelKeyProblem(key, 'key');
  if (keyErr) errs.push(keyErr);
  errs.push(...operatorProblems(operator, values));
  values.forEach((v, i) => {
    const problems = isValidLabelValue(v);
    if (problems.length > 0) errs.push(invalidText(`values[${i}][${key}]`, JSON.stringify(v), problems.join('; ')));
  });
  if (errs.length > 0) throw new SelectorError(aggregate([...new Set(errs)]));
  return { key, operator, values: [...values] };
}

function lookup(labels: Labels | undefined, key: string): string | undefined {
  return labels !== undefined && Object.hasOwn(labels, key) ? labels[key] : undefined;
}

function valueTest(values: readonly string[]): (v: string) => boolean {
  if (values.length === 1) {
    const only = values[0];
    return (v) => v === only;
  }
  if (values.length <= 4) return (v) => values.includes(v);
  const set = new Set(values);
  return (v) => set.has(v);
}

function intTest(r: Requirement): (labels: Labels | undefined) => boolean {
  const only = r.values.length === 1 ? r.values[0]! : '';
  if (!INTEGER.test(only)) return () => false;
  const bound = BigInt(only);
  const gt = r.operator === 'gt';
  return (labels) => {
    const v = lookup(labels, r.key);
    if (v === undefined || !INTEGER.test(v)) return false;
    const n = BigInt(v);
    return gt ? n > bound : n < bound;
  };
}

/** Compiles a requirement into a predicate over a label map. */
export function compileRequirement(r: Requirement): (labels: Labels | undefined) => boolean {
  const key = r.key;
  switch (r.operator) {
    case '=':
    case '==':
    case 'in': {
      const has = valueTest(r.values);
      return (labels) => {
        const v = lookup(labels, key);
        return v !== undefined && has(v);
      };
    }
    case '!=':
    case 'notin': {
      const has = valueTest(r.values);
      return (labels) => {
        const v = lookup(labels, key);
        return v === undefined || !has(v);
      };
    }
    case 'exists':
      return (labels) => lookup(labels, key) !== undefined;
    case '!':
      return (labels) => lookup(labels, key) === undefined;
    case 'gt':
    case 'lt':
      return intTest(r);
    default:
      return () => false;
  }
}

const OPERATOR_TEXT: Partial<Record<Operator, string>> = {
  '=': '=',
  '==': '==',
  '!=': '!=',
  in: ' in ',
  notin: ' notin ',
  gt: '>',
  lt: '<',
};

/** `key=value`, `key in (a,b)`, `!key`, ... as upstream's Requirement.String (values sorted). */
export function requirementToString(r: Requirement): string {
  if (r.operator === 'exists') return r.key;
  if (r.operator === '!') return `!${r.key}`;
  const vals = r.values.length === 1 ? r.values[0]! : [...r.values].sort().join(',');
  const op = OPERATOR_TEXT[r.operator] ?? r.operator;
  return r.operator === 'in' || r.operator === 'notin' ? `${r.key}${op}(${vals})` : `${r.key}${op}${vals}`;
}
