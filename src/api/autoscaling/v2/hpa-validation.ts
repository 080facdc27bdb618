/** HorizontalPodAutoscaler validation, worded as upstream's autoscaling validation. */
import { validateContainerResourceName } from '../../core/v1/resources.js';
import { QUANTITY_FORMAT_ERROR, tryParseQuantity } from '../../quantity.js';
import { type FieldError, forbidden, invalid, notSupported, required } from '../../validation/field-errors.js';
import { isDNS1123Label, isValidPathSegmentName } from '../../validation/names.js';
import type {
  CrossVersionObjectReference,
  HPAScalingRules,
  HorizontalPodAutoscaler,
  MetricIdentifier,
  MetricSpec,
  MetricTarget,
  QuantityValue,
} from './hpa-types.js';

const SOURCE_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const SOURCE_FIELDS: Record<string, keyof MetricSpec> = {
  Object: 'object',
  Pods: 'pods',
  Resource: 'resource',
  ContainerResource: 'containerResource',
  External: 'external',
};
const SELECT_POLICIES = ['Disabled', 'Max', 'Min'];
const POLICY_TYPES = ['Percent', 'Pods'];
const MAX_PERIOD_SECONDS = 1800;
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;

/** ValidateCrossVersionObjectReference. */
export function validateObjectReference(ref: CrossVersionObjectReference | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of ['kind', 'name'] as const) {
    const v = ref?.[k] ?? '';
    if (!v) errs.push(required(`${field}.${k}`));
    else for (const m of isValidPathSegmentName(v)) errs.push(invalid(`${field}.${k}`, v, m));
  }
  return errs;
}

function validatePositiveQuantity(v: QuantityValue | undefined, field: string): FieldError[] {
  if (v === undefined || v === null) return [];
  const q = tryParseQuantity(v);
  if (!q) return [invalid(field, v, QUANTITY_FORMAT_ERROR)];
  return q.nanos > 0n ? [] : [invalid(field, v, 'must be positive')];
}

function validateTarget(t: MetricTarget | undefined, field: string): FieldError[] {
  const target = t ?? ({} as MetricTarget);
  const errs: FieldError[] = [];
  if (!target.type) errs.push(required(`${field}.type`, 'must specify a metric target type'));
  if (!['Utilization', 'Value', 'AverageValue'].includes(target.type)) {
    errs.push(invalid(`${field}.type`, target.type ?? '', 'must be either Utilization, Value, or AverageValue'));
  }
  errs.push(...validatePositiveQuantity(target.value, `${field}.value`));
  errs.push(...validatePositiveQuantity(target.averageValue, `${field}.averageValue`));
  if (target.averageUtilization != null && target.averageUtilization < 1) {
    errs.push(invalid(`${field}.averageUtilization`, target.averageUtilization, 'must be greater than 0'));
  }
  return errs;
}

function validateIdentifier(id: MetricIdentifier | undefined, field: string): FieldError[] {
  const name = id?.name ?? '';
  if (!name) return [required(`${field}.name`, 'must specify a metric name')];
  return isValidPathSegmentName(name).map((m) => invalid(`${field}.name`, name, m));
}

/** Resource and ContainerResource targets: a raw value or a utilization, not both. */
function validateResourceTarget(
  name: string | undefined,
  target: MetricTarget | undefined,
  field: string,
  containerErrs: FieldError[] = [],
): FieldError[] {
  const errs: FieldError[] = [];
  if (!name) errs.push(required(`${field}.name`, 'must specify a resource name'));
  else errs.push(...validateContainerResourceName(name, `${field}.name`));
  errs.push(...containerErrs);
  errs.push(...validateTarget(target, `${field}.target`));
  if (target?.averageUtilization == null && target?.averageValue == null) {
    errs.push(required(`${field}.target.averageUtilization`, 'must set either a target raw value or a target utilization'));
  }
  if (target?.averageUtilization != null && target?.averageValue != null) {
    errs.push(forbidden(`${field}.target.averageValue`, 'may not set both a target raw value and a target utilization'));
  }
  return errs;
}

function validateSource(spec: MetricSpec, key: keyof MetricSpec, field: string): FieldError[] {
  switch (key) {
    case 'object': {
      const src = spec.object!;
      const errs = [
        ...validateObjectReference(src.describedObject, `${field}.describedObject`),
        ...validateIdentifier(src.metric, `${field}.metric`),
        ...validateTarget(src.target, `${field}.target`),
      ];
      if (src.target?.value == null && src.target?.averageValue == null) {
        errs.push(required(`${field}.target.averageValue`, 'must set either a target value or averageValue'));
      }
      return errs;
    }
    case 'external': {
      const src = spec.external!;
      const errs = [...validateIdentifier(src.metric, `${field}.metric`), ...validateTarget(src.target, `${field}.target`)];
      if (src.target?.value == null && src.target?.averageValue == null) {
        errs.push(required(`${field}.target.averageValue`, 'must set either a target value for metric or a per-pod target'));
      }
      if (src.target?.value != null && src.target?.averageValue != null) {
        errs.push(forbidden(`${field}.target.value`, 'may not set both a target value for metric and a per-pod target'));
      }
      return errs;
    }
    case 'pods': {
      const src = spec.pods!;
      const errs = [...validateIdentifier(src.metric, `${field}.metric`), ...validateTarget(src.target, `${field}.target`)];
      if (src.target?.averageValue == null) errs.push(required(`${field}.target.averageValue`, 'must specify a positive target averageValue'));
      return errs;
    }
    case 'resource':
      return validateResourceTarget(spec.resource!.name, spec.resource!.target, field);
    default: {
      const src = spec.containerResource!;
      const containerErrs = !src.container
        ? [required(`${field}.container`, 'must specify a container')]
        : isDNS1123Label(src.container).map((m) => invalid(`${field}.container`, src.container, m));
      return validateResourceTarget(src.name, src.target, field, containerErrs);
    }
  }
}

function validateMetricSpec(spec: MetricSpec, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec.type) errs.push(required(`${field}.type`, 'must specify a metric source type'));
  if (!SOURCE_TYPES.includes(spec.type)) errs.push(notSupported(`${field}.type`, spec.type ?? '', SOURCE_TYPES));
  const present = (['object', 'external', 'pods', 'resource', 'containerResource'] as const).filter((k) => spec[k] != null);
  if (present.length === 1) errs.push(...validateSource(spec, present[0]!, `${field}.${present[0]}`));
  const expected = SOURCE_FIELDS[spec.type];
  if (expected && spec[expected] == null) {
    errs.push(required(`${field}.${expected}`, 'must populate information for the given metric source'));
  }
  if (present.length !== 1) {
    for (const k of present) if (k !== expected) errs.push(forbidden(`${field}.${k}`, 'must populate the given metric source only'));
  }
  return errs;
}

function validateScalingRules(rules: HPAScalingRules | undefined, field: string): FieldError[] {
  if (!rules) return [];
  const errs: FieldError[] = [];
  const window = rules.stabilizationWindowSeconds;
  if (window != null && window < 0) errs.push(invalid(`${field}.stabilizationWindowSeconds`, window, 'must be greater than or equal to zero'));
  if (window != null && window > MAX_STABILIZATION_WINDOW_SECONDS) {
    errs.push(invalid(`${field}.stabilizationWindowSeconds`, window, `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`));
  }
  if (rules.selectPolicy != null && !SELECT_POLICIES.includes(rules.selectPolicy)) {
    errs.push(notSupported(`${field}.selectPolicy`, rules.selectPolicy, SELECT_POLICIES));
  }
  const policies = rules.policies ?? [];
  if (policies.length === 0) errs.push(required(`${field}.policies`, 'must specify at least one Policy'));
  policies.forEach((p, i) => {
    const f = `${field}.policies[${i}]`;
    if (!POLICY_TYPES.includes(p.type)) errs.push(notSupported(`${f}.type`, p.type ?? '', POLICY_TYPES));
    if (!(p.value > 0)) errs.push(invalid(`${f}.value`, p.value ?? 0, 'must be greater than zero'));
    if (!(p.periodSeconds > 0)) errs.push(invalid(`${f}.periodSeconds`, p.periodSeconds ?? 0, 'must be greater than zero'));
    if (p.periodSeconds > MAX_PERIOD_SECONDS) {
      errs.push(invalid(`${f}.periodSeconds`, p.periodSeconds, `must be less than or equal to ${MAX_PERIOD_SECONDS}`));
    }
  });
  return errs;
}

/**
 * validateHorizontalPodAutoscalerSpec. minReplicas may be 0 only when the old object already had
 * 0 (upstream's HPAScaleToZero gate is off by default).
 */
export function validateHpa(hpa: HorizontalPodAutoscaler, old?: HorizontalPodAutoscaler): FieldError[] {
  const spec = hpa.spec ?? ({} as HorizontalPodAutoscaler['spec']);
  const lowest = old?.spec?.minReplicas === 0 ? 0 : 1;
  const errs: FieldError[] = [];
  if (spec.minReplicas != null && spec.minReplicas < lowest) {
    errs.push(invalid('spec.minReplicas', spec.minReplicas, `must be greater than or equal to ${lowest}`));
  }
  if (!(spec.maxReplicas >= 1)) errs.push(invalid('spec.maxReplicas', spec.maxReplicas ?? 0, 'must be greater than 0'));
  if (spec.minReplicas != null && spec.maxReplicas < spec.minReplicas) {
    errs.push(invalid('spec.maxReplicas', spec.maxReplicas, 'must be greater than or equal to `minReplicas`'));
  }
  errs.push(...validateObjectReference(spec.scaleTargetRef, 'spec.scaleTargetRef'));
  const metrics = spec.metrics ?? [];
  metrics.forEach((m, i) => errs.push(...validateMetricSpec(m, `spec.metrics[${i}]`)));
  if (spec.minReplicas === 0 && !metrics.some((m) => m.type === 'Object' || m.type === 'External')) {
    errs.push(forbidden('spec.metrics', 'must specify at least one Object or External metric to support scaling to zero replicas'));
  }
  errs.push(...validateScalingRules(spec.behavior?.scaleUp, 'spec.behavior.scaleUp'));
  errs.push(...validateScalingRules(spec.behavior?.scaleDown, 'spec.behavior.scaleDown'));
  return errs;
}
