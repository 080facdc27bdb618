/** Validation of a Job's pod failure policy, success policy and completion index lists. */
import type { PodSpec } from '../../core/v1/pod-spec.js';
import { type FieldError, duplicate, invalid, notSupported, required, tooLong, tooMany } from '../../validation/field-errors.js';
import { goQuotedList, invalidOmitValue, invalidRendered } from '../../validation/go-format.js';
import { validateNonNegative } from '../../validation/intstr.js';
import { isQualifiedName } from '../../validation/names.js';
import type { JobSpec, PodFailurePolicyOnExitCodesRequirement, PodFailurePolicyOnPodConditionsPattern, PodFailurePolicyRule, SuccessPolicyRule } from './job-types.js';

const MAX_RULES = 20;
const MAX_EXIT_CODES = 255;
const MAX_CONDITION_PATTERNS = 20;
const MAX_SUCCEEDED_INDEXES_LENGTH = 64 * 1024;
const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const OPERATORS = ['In', 'NotIn'];
const CONDITION_STATUSES = ['False', 'True', 'Unknown'];

const goInt32s = (values: readonly number[]) => `[]int32{${values.join(', ')}}`;

function validateExitCodes(req: PodFailurePolicyOnExitCodesRequirement, field: string, containers: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  if (!req.operator) errs.push(required(`${field}.operator`, `valid values: ${goQuotedList(OPERATORS)}`));
  else if (!OPERATORS.includes(req.operator)) errs.push(notSupported(`${field}.operator`, req.operator, OPERATORS));
  if (req.containerName != null && !containers.has(req.containerName)) {
    errs.push(invalid(`${field}.containerName`, req.containerName, 'must be one of the container or initContainer names in the pod template'));
  }
  const values = req.values ?? [];
  if (values.length === 0) errs.push(invalidRendered(`${field}.values`, goInt32s(values), 'at least one value is required'));
  else if (values.length > MAX_EXIT_CODES) errs.push(tooMany(`${field}.values`, values.length, MAX_EXIT_CODES));
  const seen = new Set<number>();
  let ordered = true;
  values.forEach((v, j) => {
    if (req.operator === 'In' && v === 0) errs.push(invalid(`${field}.values[${j}]`, v, 'must not be 0 for the In operator'));
    if (seen.has(v)) errs.push(duplicate(`${field}.values[${j}]`, v));
    seen.add(v);
    if (j > 0 && values[j - 1]! > v) ordered = false;
  });
  if (!ordered) errs.push(invalidRendered(`${field}.values`, goInt32s(values), 'must be ordered'));
  return errs;
}

function validateConditionPatterns(patterns: PodFailurePolicyOnPodConditionsPattern[], field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (patterns.length > MAX_CONDITION_PATTERNS) errs.push(tooMany(field, patterns.length, MAX_CONDITION_PATTERNS));
  patterns.forEach((p, j) => {
    const f = `${field}[${j}]`;
    for (const m of isQualifiedName(p.type ?? '')) errs.push(invalid(`${f}.type`, p.type ?? '', m));
    if (!p.status) errs.push(required(`${f}.status`, `valid values: ${goQuotedList(CONDITION_STATUSES)}`));
    else if (!CONDITION_STATUSES.includes(p.status)) errs.push(notSupported(`${f}.status`, p.status, CONDITION_STATUSES));
  });
  return errs;
}

function validateRule(spec: JobSpec, rule: PodFailurePolicyRule, field: string, containers: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  if (!rule.action) errs.push(required(`${field}.action`, `valid values: ${goQuotedList(ACTIONS)}`));
  else if (rule.action === 'FailIndex') {
    if (spec.backoffLimitPerIndex == null) errs.push(invalid(`${field}.action`, rule.action, 'requires the backoffLimitPerIndex to be set'));
  } else if (!ACTIONS.includes(rule.action)) errs.push(notSupported(`${field}.action`, rule.action, ACTIONS));
  const conditions = rule.onPodConditions ?? [];
  if (rule.onExitCodes) errs.push(...validateExitCodes(rule.onExitCodes, `${field}.onExitCodes`, containers));
  if (conditions.length) errs.push(...validateConditionPatterns(conditions, `${field}.onPodConditions`));
  if (rule.onExitCodes && conditions.length) {
    errs.push(invalidOmitValue(field, 'specifying both OnExitCodes and OnPodConditions is not supported'));
  }
  if (!rule.onExitCodes && !conditions.length) {
    errs.push(invalidOmitValue(field, 'specifying one of OnExitCodes and OnPodConditions is required'));
  }
  return errs;
}

/** validatePodFailurePolicy; `base` is the JobSpec path. */
export function validatePodFailurePolicy(spec: JobSpec, base: string): FieldError[] {
  const rules = spec.podFailurePolicy?.rules ?? [];
  const field = `${base}.podFailurePolicy.rules`;
  const errs: FieldError[] = [];
  if (rules.length > MAX_RULES) errs.push(tooMany(field, rules.length, MAX_RULES));
  const pod: Partial<PodSpec> = spec.template?.spec ?? {};
  const containers = new Set([...(pod.containers ?? []), ...(pod.initContainers ?? [])].map((c) => c.name));
  rules.forEach((r, i) => errs.push(...validateRule(spec, r, `${field}[${i}]`, containers)));
  return errs;
}

/** One "x" or "x-y" interval of an index list, checked against the number of completions. */
function parseInterval(text: string, completions: number): [number, number] {
  const parts = text.split('-');
  if (parts.length > 2) {
    throw new Error(`the fragment "${text}" violates the requirement that an index interval can have at most two parts separated by '-'`);
  }
  const bound = (s: string) => {
    if (!/^[+-]?\d+$/.test(s)) throw new Error(`cannot convert string to integer for index: "${s}"`);
    const n = Number(s);
    if (n >= completions) throw new Error(`too large index: "${s}"`);
    return n;
  };
  const x = bound(parts[0]!);
  if (parts.length === 1) return [x, x];
  const y = bound(parts[1]!);
  if (x >= y) throw new Error(`non-increasing order, previous: ${x}, current: ${y}`);
  return [x, y];
}

/** validateIndexesFormat: "1,3-5,7" → how many indexes it names; throws with upstream's message. */
export function countIndexes(text: string, completions: number): number {
  if (!text) return 0;
  let last: number | undefined;
  let total = 0;
  for (const interval of text.split(',')) {
    const [x, y] = parseInterval(interval, completions);
    if (last !== undefined && last >= x) throw new Error(`non-increasing order, previous: ${last}, current: ${x}`);
    total += y - x + 1;
    last = y;
  }
  return total;
}

function validateSuccessRule(spec: JobSpec, rule: SuccessPolicyRule, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const completions = spec.completions ?? 0;
  if (rule.succeededCount == null && rule.succeededIndexes == null) {
    errs.push(required(field, 'at least one of succeededCount or succeededIndexes must be specified'));
  }
  let total = 0;
  if (rule.succeededIndexes != null) {
    const f = `${field}.succeededIndexes`;
    if (rule.succeededIndexes.length > MAX_SUCCEEDED_INDEXES_LENGTH) errs.push(tooLong(f, MAX_SUCCEEDED_INDEXES_LENGTH));
    try {
      total = countIndexes(rule.succeededIndexes, completions);
    } catch (e) {
      errs.push(invalid(f, rule.succeededIndexes, `error parsing succeededIndexes: ${(e as Error).message}`));
    }
  }
  if (rule.succeededCount != null) {
    const f = `${field}.succeededCount`;
    errs.push(...validateNonNegative(rule.succeededCount, f));
    if (rule.succeededCount > completions) {
      errs.push(invalid(f, rule.succeededCount, `must be less than or equal to ${completions} (the number of specified completions)`));
    }
    if (rule.succeededIndexes != null && rule.succeededCount > total) {
      errs.push(
        invalid(f, rule.succeededCount, `must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`),
      );
    }
  }
  return errs;
}

/** The success policy of an Indexed job. */
export function validateSuccessPolicy(spec: JobSpec, base: string): FieldError[] {
  const policy = spec.successPolicy!;
  const field = `${base}.successPolicy`;
  if ((spec.completionMode ?? 'NonIndexed') !== 'Indexed') return [invalid(field, policy, 'requires indexed completion mode')];
  const rules = policy.rules ?? [];
  const errs: FieldError[] = [];
  if (rules.length === 0) errs.push(required(`${field}.rules`, 'at least one rules must be specified when the successPolicy is specified'));
  if (rules.length > MAX_RULES) errs.push(tooMany(`${field}.rules`, rules.length, MAX_RULES));
  rules.forEach((r, i) => errs.push(...validateSuccessRule(spec, r, `${field}.rules[${i}]`)));
  return errs;
}
