/**
 * Upstream prints some bad values with Go's `%#v` (maps, label selectors, int-or-strings), so
 * kubectl shows e.g. `Invalid value: map[string]string{"app":"web"}: ...`. These helpers render
 * the same text for the values Gantry reports that way.
 */
import type { LabelSelector } from '../meta.js';
import type { FieldError } from './field-errors.js';

/** A Go-quoted string (close enough to strconv.Quote for what labels may contain). */
function goString(s: string): string {
  return JSON.stringify(s);
}

/** `map[string]string{"a":"b", "c":"d"}` with sorted keys; `map[string]string(nil)` when absent. */
export function goStringMap(m: Record<string, string> | undefined | null): string {
  if (!m) return 'map[string]string(nil)';
  const body = Object.keys(m)
    .sort()
    .map((k) => `${goString(k)}:${goString(String(m[k]))}`)
    .join(', ');
  return `map[string]string{${body}}`;
}

function goStringSlice(values: readonly string[] | undefined): string {
  if (!values) return '[]string(nil)';
  return `[]string{${values.map(goString).join(', ')}}`;
}

/** A meta/v1 LabelSelector as `v1.LabelSelector{MatchLabels:..., MatchExpressions:...}`. */
export function goLabelSelector(sel: LabelSelector | undefined | null): string {
  if (!sel) return 'null';
  const exprs = sel.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions
        .map(
          (r) =>
            `v1.LabelSelectorRequirement{Key:${goString(r.key ?? '')}, Operator:${goString(r.operator ?? '')}, ` +
            `Values:${goStringSlice(r.values)}}`,
        )
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${exprs}}`;
}

/** An intstr.IntOrString as Go prints it: `intstr.IntOrString{Type:1, IntVal:0, StrVal:"25%"}`. */
export function goIntOrString(v: number | string | undefined | null): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goString(v)}}`;
  return `intstr.IntOrString{Type:0, IntVal:${typeof v === 'number' ? v : 0}, StrVal:""}`;
}

/** An Invalid-value error whose value is already rendered (by one of the helpers above). */
export function invalidRendered(field: string, rendered: string, detail: string): FieldError {
  const base = `Invalid value: ${rendered}`;
  return { type: 'FieldValueInvalid', field, message: detail ? `${base}: ${detail}` : base };
}

/** An Invalid error that omits the value (upstream's field.OmitValueType): `Invalid value: <detail>`. */
export function invalidOmitValue(field: string, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, message: `Invalid value: ${detail}` };
}

/** A Go %q rendering of a string list: `["a" "b"]`. */
export function goQuotedList(values: readonly string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;
}
