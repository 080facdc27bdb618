/** autoscaling/v2 HorizontalPodAutoscaler: defaults, validation and the printer. */
import { defineKind, type TableDefinition } from '../../kind.js';
import { ageColumn, col, formatAge, nameColumn } from '../../printing.js';
import { tryParseQuantity, quantityToString } from '../../quantity.js';
import { formatHpaMetrics } from './hpa-printer.js';
import type { HPAScalingRules, HorizontalPodAutoscaler, MetricTarget } from './hpa-types.js';
import { validateHpa } from './hpa-validation.js';

export type * from './hpa-types.js';

/** The target CPU utilization when no metric is given. */
export const DEFAULT_CPU_UTILIZATION = 80;

const defaultScaleUp = (): HPAScalingRules => ({
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
});

const defaultScaleDown = (): HPAScalingRules => ({
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
});

/** copyHPAScalingRules: the given fields over the defaults. */
function withDefaults(rules: HPAScalingRules | undefined, defaults: HPAScalingRules): HPAScalingRules {
  if (!rules) return defaults;
  return {
    ...defaults,
    ...(rules.stabilizationWindowSeconds != null ? { stabilizationWindowSeconds: rules.stabilizationWindowSeconds } : {}),
    ...(rules.selectPolicy != null ? { selectPolicy: rules.selectPolicy } : {}),
    ...(rules.policies != null ? { policies: rules.policies } : {}),
  };
}

function canonicalTarget(t: MetricTarget | undefined): void {
  if (!t) return;
  for (const k of ['value', 'averageValue'] as const) {
    const q = t[k] != null ? tryParseQuantity(t[k]) : undefined;
    if (q) t[k] = quantityToString(q);
  }
}

/** SetDefaults_HorizontalPodAutoscaler (autoscaling/v2). */
export function defaultHpa(hpa: HorizontalPodAutoscaler): void {
  hpa.spec ??= {} as HorizontalPodAutoscaler['spec'];
  const spec = hpa.spec;
  spec.minReplicas ??= 1;
  if (!spec.metrics?.length) {
    spec.metrics = [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } },
    ];
  }
  for (const m of spec.metrics) {
    canonicalTarget(m.object?.target ?? m.pods?.target ?? m.resource?.target ?? m.containerResource?.target ?? m.external?.target);
  }
  if (spec.behavior) {
    spec.behavior.scaleUp = withDefaults(spec.behavior.scaleUp, defaultScaleUp());
    spec.behavior.scaleDown = withDefaults(spec.behavior.scaleDown, defaultScaleDown());
  }
}

/** Name, Reference, Targets, MinPods, MaxPods, Replicas, Age (shared with autoscaling/v1). */
export const hpaTable: TableDefinition<HorizontalPodAutoscaler> = {
  columns: [
    nameColumn,
    col('Reference', 0, 'string', 'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.'),
    col('Targets', 0, 'string', 'metrics contains the specifications for which to use to calculate the desired replica count.'),
    col('MinPods', 0, 'string', 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.'),
    col('MaxPods', 0, 'string', 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up.'),
    col('Replicas', 0, 'string', 'currentReplicas is current number of replicas of pods managed by this autoscaler.'),
    ageColumn,
  ],
  cells: (hpa, now) => [
    hpa.metadata.name,
    `${hpa.spec?.scaleTargetRef?.kind ?? ''}/${hpa.spec?.scaleTargetRef?.name ?? ''}`,
    formatHpaMetrics(hpa.spec?.metrics, hpa.status?.currentMetrics),
    hpa.spec?.minReplicas != null ? String(hpa.spec.minReplicas) : '<unset>',
    hpa.spec?.maxReplicas ?? 0,
    hpa.status?.currentReplicas ?? 0,
    formatAge(hpa.metadata.creationTimestamp, now),
  ],
};

/** What both served versions of the resource share. */
export const hpaResource = {
  group: 'autoscaling',
  kind: 'HorizontalPodAutoscaler',
  plural: 'horizontalpodautoscalers',
  singular: 'horizontalpodautoscaler',
  namespaced: true,
  shortNames: ['hpa'],
  categories: ['all'],
  statusSubresource: true,
  generationFields: ['spec'],
};

export const horizontalPodAutoscaler = defineKind<HorizontalPodAutoscaler>({
  ...hpaResource,
  version: 'v2',
  defaults: defaultHpa,
  prepareForCreate(hpa) {
    hpa.status = { desiredReplicas: 0 };
  },
  validate: (hpa) => validateHpa(hpa),
  validateUpdate: (hpa, old) => validateHpa(hpa, old),
  table: hpaTable,
});
