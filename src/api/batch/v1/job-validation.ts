/** Job validation, worded as upstream's batch validation. */
import { type PodSpec, validatePodTemplateSpec } from '../../core/v1/pod-spec.js';
import type { LabelSelector } from '../../meta.js';
import { validateDomainPrefixedPath } from '../../validation/domain-path.js';
import { type FieldError, invalid, notSupported, required, tooLong, IMMUTABLE } from '../../validation/field-errors.js';
import { goLabelSelector, goStringMap, invalidRendered } from '../../validation/go-format.js';
import { validateNonNegative } from '../../validation/intstr.js';
import {
  isConvertibleSelector,
  labelSelectorMatches,
  validateLabelSelector,
  validateSelectorMatchesLabels,
} from '../../validation/label-selector.js';
import { isDNS1123Label } from '../../validation/names.js';
import { semanticEqual } from '../../validation/semantic-equal.js';
import { validatePodFailurePolicy, validateSuccessPolicy } from './job-policies.js';
import type { Job, JobSpec } from './job-types.js';

/** Labels the job controller puts on its pods (and, through the selector, selects them by). */
export const JOB_LABELS = {
  controllerUid: 'batch.kubernetes.io/controller-uid',
  jobName: 'batch.kubernetes.io/job-name',
  legacyControllerUid: 'controller-uid',
  legacyJobName: 'job-name',
} as const;

const MAX_PARALLELISM_INDEXED = 100_000;
const MAX_FAILED_INDEXES = 100_000;
const COMPLETIONS_SOFT_LIMIT = 100_000;
const PARALLELISM_LIMIT_HIGH_COMPLETIONS = 10_000;
const MAX_FAILED_INDEXES_HIGH_COMPLETIONS = 10_000;
const MAX_MANAGED_BY_LENGTH = 63;
const REPLACEMENT_POLICIES = ['Failed', 'TerminatingOrFailed'];

function validateIndexed(spec: JobSpec, base: string): FieldError[] {
  const errs: FieldError[] = [];
  const { completions, parallelism, maxFailedIndexes, backoffLimitPerIndex } = spec;
  if (completions == null) errs.push(required(`${base}.completions`, 'when completion mode is Indexed'));
  if (parallelism != null && parallelism > MAX_PARALLELISM_INDEXED) {
    errs.push(invalid(`${base}.parallelism`, parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`));
  }
  if (completions != null && maxFailedIndexes != null && maxFailedIndexes > completions) {
    errs.push(invalid(`${base}.maxFailedIndexes`, maxFailedIndexes, 'must be less than or equal to completions'));
  }
  if (maxFailedIndexes != null && maxFailedIndexes > MAX_FAILED_INDEXES) {
    errs.push(invalid(`${base}.maxFailedIndexes`, maxFailedIndexes, `must be less than or equal to ${MAX_FAILED_INDEXES}`));
  }
  if (completions != null && completions > COMPLETIONS_SOFT_LIMIT && backoffLimitPerIndex != null) {
    const why = `when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`;
    if (maxFailedIndexes == null) {
      errs.push(required(`${base}.maxFailedIndexes`, `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`));
    }
    if (parallelism != null && parallelism > PARALLELISM_LIMIT_HIGH_COMPLETIONS) {
      errs.push(invalid(`${base}.parallelism`, parallelism, `must be less than or equal to ${PARALLELISM_LIMIT_HIGH_COMPLETIONS} ${why}`));
    }
    if (maxFailedIndexes != null && maxFailedIndexes > MAX_FAILED_INDEXES_HIGH_COMPLETIONS) {
      errs.push(invalid(`${base}.maxFailedIndexes`, maxFailedIndexes, `must be less than or equal to ${MAX_FAILED_INDEXES_HIGH_COMPLETIONS} ${why}`));
    }
  }
  return errs;
}

function validateRestartPolicy(spec: JobSpec, base: string): FieldError[] {
  const field = `${base}.template.spec.restartPolicy`;
  const policy = spec.template?.spec?.restartPolicy ?? '';
  if (policy === 'Always' || policy === '') return [required(field, 'valid values: "OnFailure", "Never"')];
  if (policy !== 'OnFailure' && policy !== 'Never') return [notSupported(field, policy, ['OnFailure', 'Never'])];
  if (spec.podFailurePolicy && policy !== 'Never') {
    return [invalid(field, policy, 'only "Never" is supported when podFailurePolicy is specified')];
  }
  return [];
}

function validateReplacementPolicy(spec: JobSpec, base: string): FieldError[] {
  const p = spec.podReplacementPolicy;
  if (p == null) return [];
  const field = `${base}.podReplacementPolicy`;
  if (spec.podFailurePolicy) return p === 'Failed' ? [] : [notSupported(field, p, ['Failed'])];
  return REPLACEMENT_POLICIES.includes(p) ? [] : [notSupported(field, p, REPLACEMENT_POLICIES)];
}

/**
 * The checks every JobSpec gets, including the ones inside a CronJob's jobTemplate (upstream's
 * lower-case validateJobSpec). `base` is the JobSpec path.
 */
export function validateJobSpecFields(spec: JobSpec, base: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex'] as const) {
    errs.push(...validateNonNegative(spec[k], `${base}.${k}`));
  }
  if (spec.maxFailedIndexes != null) {
    errs.push(...validateNonNegative(spec.maxFailedIndexes, `${base}.maxFailedIndexes`));
    if (spec.backoffLimitPerIndex == null) errs.push(required(`${base}.backoffLimitPerIndex`, 'when maxFailedIndexes is specified'));
  }
  if (spec.managedBy != null) {
    errs.push(...validateDomainPrefixedPath(spec.managedBy, `${base}.managedBy`));
    if (spec.managedBy.length > MAX_MANAGED_BY_LENGTH) errs.push(tooLong(`${base}.managedBy`, MAX_MANAGED_BY_LENGTH));
  }
  const mode = spec.completionMode;
  if (mode != null && mode !== 'NonIndexed' && mode !== 'Indexed') {
    errs.push(notSupported(`${base}.completionMode`, mode, ['NonIndexed', 'Indexed']));
  }
  if (mode === 'Indexed') errs.push(...validateIndexed(spec, base));
  if (mode == null || mode === 'NonIndexed') {
    if (spec.backoffLimitPerIndex != null) {
      errs.push(invalid(`${base}.backoffLimitPerIndex`, spec.backoffLimitPerIndex, 'requires indexed completion mode'));
    }
    if (spec.maxFailedIndexes != null) errs.push(invalid(`${base}.maxFailedIndexes`, spec.maxFailedIndexes, 'requires indexed completion mode'));
  }
  if (spec.podFailurePolicy) errs.push(...validatePodFailurePolicy(spec, base));
  if (spec.successPolicy) errs.push(...validateSuccessPolicy(spec, base));
  errs.push(...validateReplacementPolicy(spec, base));
  errs.push(...validatePodTemplateSpec(spec.template ?? {}, `${base}.template`));
  errs.push(...validateRestartPolicy(spec, base));
  return errs;
}

/** ValidateJobSpec: the fields, plus a selector that selects the template's labels. */
export function validateJobSpec(spec: JobSpec): FieldError[] {
  const errs = validateJobSpecFields(spec, 'spec');
  if (!spec.selector) errs.push(required('spec.selector'));
  else errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  errs.push(...validateSelectorMatchesLabels(spec.selector, spec.template?.metadata?.labels, 'spec.template.metadata.labels'));
  return errs;
}

/** ValidateHasLabel: `spec.template.metadata.labels[job-name]: Required value: must be 'pi'`. */
function validateHasLabel(labels: Record<string, string> | undefined, key: string, want: string): FieldError[] {
  const field = `spec.template.metadata.labels[${key}]`;
  const actual = labels?.[key];
  if (actual === undefined) return [required(field, `must be '${want}'`)];
  return actual === want ? [] : [invalidRendered(field, goStringMap(labels), `must be '${want}'`)];
}

/** validateGeneratedSelector: a generated selector and the template labels must name this job. */
function validateGeneratedSelector(job: Job): FieldError[] {
  const spec = job.spec;
  if (spec.manualSelector || !spec.selector) return [];
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  const errs: FieldError[] = [];
  if (!uid) errs.push(required('metadata.uid'));
  const labels = spec.template?.metadata?.labels;
  const expected: Record<string, string> = {
    [JOB_LABELS.legacyControllerUid]: uid,
    [JOB_LABELS.legacyJobName]: name,
    [JOB_LABELS.controllerUid]: uid,
    [JOB_LABELS.jobName]: name,
  };
  for (const [key, want] of Object.entries(expected)) errs.push(...validateHasLabel(labels, key, want));
  if (isConvertibleSelector(spec.selector) && !labelSelectorMatches(spec.selector, expected)) {
    errs.push(invalidRendered('spec.selector', goLabelSelector(spec.selector), '`selector` not auto-generated'));
  }
  return errs;
}

/** ValidateJob (on create). */
export function validateJob(job: Job): FieldError[] {
  const spec = job.spec ?? ({} as JobSpec);
  const errs = [...validateGeneratedSelector({ ...job, spec }), ...validateJobSpec(spec)];
  if (spec.completionMode === 'Indexed' && spec.completions != null && spec.completions > 0) {
    const hostname = `${job.metadata.name ?? ''}-${spec.completions - 1}`;
    if (isDNS1123Label(hostname).length) {
      errs.push(invalid('metadata.name', job.metadata.name, `will not able to create pod with invalid DNS label: ${hostname}`));
    }
  }
  return errs;
}

/**
 * The template of a suspended job that never started may change its scheduling directives
 * (node selector, affinity, tolerations, labels, annotations, scheduling gates); nothing else.
 */
function validateTemplateUpdate(job: Job, old: Job): FieldError[] {
  const tpl = job.spec.template ?? {};
  let oldTpl = old.spec.template ?? {};
  if (old.spec.suspend && !old.status?.startTime) {
    const spec: Partial<PodSpec> = tpl.spec ?? {};
    const oldSpec: Partial<PodSpec> = oldTpl.spec ?? {};
    const affinity = spec.affinity || oldSpec.affinity ? { ...oldSpec.affinity, nodeAffinity: spec.affinity?.nodeAffinity } : undefined;
    oldTpl = {
      metadata: { ...oldTpl.metadata, labels: tpl.metadata?.labels, annotations: tpl.metadata?.annotations },
      spec: { ...oldSpec, nodeSelector: spec.nodeSelector, tolerations: spec.tolerations, schedulingGates: spec.schedulingGates, affinity } as PodSpec,
    };
  }
  return semanticEqual(tpl, oldTpl) ? [] : [invalid('spec.template', tpl, IMMUTABLE)];
}

function validateCompletionsUpdate(spec: JobSpec, old: JobSpec): FieldError[] {
  if (spec.completions === old.completions) return [];
  if (spec.completionMode !== 'Indexed') return [invalid('spec.completions', spec.completions ?? null, IMMUTABLE)];
  if (spec.completions == null) return [];
  return spec.completions === spec.parallelism
    ? []
    : [invalid('spec.completions', spec.completions, 'can only be modified in tandem with spec.parallelism')];
}

const IMMUTABLE_FIELDS = ['completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy'] as const;

/** ValidateJobSpecUpdate. */
export function validateJobUpdate(job: Job, old: Job): FieldError[] {
  const errs = [...validateJobSpec(job.spec), ...validateCompletionsUpdate(job.spec, old.spec)];
  if (!semanticEqual(job.spec.selector, old.spec.selector)) {
    errs.push(invalidRendered('spec.selector', goLabelSelector(job.spec.selector as LabelSelector), IMMUTABLE));
  }
  errs.push(...validateTemplateUpdate(job, old));
  for (const k of IMMUTABLE_FIELDS) {
    if (!semanticEqual(job.spec[k], old.spec[k])) errs.push(invalid(`spec.${k}`, job.spec[k] ?? null, IMMUTABLE));
  }
  return errs;
}
