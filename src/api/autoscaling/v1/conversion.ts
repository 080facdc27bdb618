/**
 * autoscaling/v1 ⇄ autoscaling/v2 (the stored shape). The v1 CPU target maps to a Resource cpu
 * Utilization metric; what v1 cannot express (other metrics, behavior, their statuses and the
 * conditions) is kept in the round-trip annotations upstream uses, so v2 readers see it all.
 * The annotations carry v2-shaped JSON.
 */
import type { ObjectMeta } from '../../meta.js';
import { defaultHpa } from '../v2/horizontalpodautoscaler.js';
import type {
  HorizontalPodAutoscaler as HpaV2,
  HorizontalPodAutoscalerStatus as StatusV2,
  MetricSpec,
  MetricStatus,
} from '../v2/hpa-types.js';
import type { HorizontalPodAutoscaler as HpaV1 } from './horizontalpodautoscaler-types.js';

export const METRIC_SPECS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/metrics';
export const METRIC_STATUSES_ANNOTATION = 'autoscaling.alpha.kubernetes.io/current-metrics';
export const CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions';
export const BEHAVIOR_ANNOTATION = 'autoscaling.alpha.kubernetes.io/behavior';
const ROUND_TRIP = [METRIC_SPECS_ANNOTATION, METRIC_STATUSES_ANNOTATION, CONDITIONS_ANNOTATION, BEHAVIOR_ANNOTATION];

const isCpu = (m: { type: string; resource?: { name: string } }) => m.type === 'Resource' && m.resource?.name === 'cpu';

/** The metadata without the round-trip annotations (and without an emptied annotation map). */
function withoutRoundTrip(meta: ObjectMeta): ObjectMeta {
  if (!meta.annotations) return { ...meta };
  const annotations = Object.fromEntries(Object.entries(meta.annotations).filter(([k]) => !ROUND_TRIP.includes(k)));
  const out: ObjectMeta = { ...meta, annotations };
  if (!Object.keys(annotations).length) delete out.annotations;
  return out;
}

function parseAnnotation<T>(meta: ObjectMeta, key: string): T | undefined {
  const text = meta.annotations?.[key];
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** v1 → v2: the CPU target becomes the first metric; annotated extras are restored. */
export function hpaV1ToV2(hpa: HpaV1): HpaV2 {
  const spec = hpa.spec ?? ({} as HpaV1['spec']);
  const metrics: MetricSpec[] = [];
  if (spec.targetCPUUtilizationPercentage != null) {
    metrics.push({
      type: 'Resource',
      resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } },
    });
  }
  metrics.push(...(parseAnnotation<MetricSpec[]>(hpa.metadata, METRIC_SPECS_ANNOTATION) ?? []));
  const behavior = parseAnnotation<HpaV2['spec']['behavior']>(hpa.metadata, BEHAVIOR_ANNOTATION);
  const out: HpaV2 = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: withoutRoundTrip(hpa.metadata),
    spec: {
      scaleTargetRef: spec.scaleTargetRef,
      ...(spec.minReplicas != null ? { minReplicas: spec.minReplicas } : {}),
      maxReplicas: spec.maxReplicas,
      ...(metrics.length ? { metrics } : {}),
      ...(behavior ? { behavior } : {}),
    },
  };
  if (hpa.status) {
    const status: StatusV2 = { desiredReplicas: hpa.status.desiredReplicas ?? 0, currentReplicas: hpa.status.currentReplicas ?? 0 };
    if (hpa.status.observedGeneration != null) status.observedGeneration = hpa.status.observedGeneration;
    if (hpa.status.lastScaleTime) status.lastScaleTime = hpa.status.lastScaleTime;
    const current = parseAnnotation<MetricStatus[]>(hpa.metadata, METRIC_STATUSES_ANNOTATION);
    if (current) status.currentMetrics = current;
    else if (hpa.status.currentCPUUtilizationPercentage != null) {
      status.currentMetrics = [
        { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: hpa.status.currentCPUUtilizationPercentage } } },
      ];
    }
    const conditions = parseAnnotation<StatusV2['conditions']>(hpa.metadata, CONDITIONS_ANNOTATION);
    if (conditions) status.conditions = conditions;
    out.status = status;
  }
  return out;
}

/** The stored form of a v1 object, with the v2 defaults (CPU 80% when no metric is given). */
export function hpaV1ToStored(hpa: HpaV1): HpaV2 {
  const out = hpaV1ToV2(hpa);
  defaultHpa(out);
  return out;
}

/** v2 → v1: the CPU utilization target and status come out; everything else goes to annotations. */
export function hpaV2ToV1(hpa: HpaV2): HpaV1 {
  const spec = hpa.spec ?? ({} as HpaV2['spec']);
  const metrics = spec.metrics ?? [];
  const cpuTarget = metrics.find((m) => isCpu(m) && m.resource?.target?.averageUtilization != null);
  const others = metrics.filter((m) => !(isCpu(m) && m.resource?.target?.averageUtilization != null));
  const meta = withoutRoundTrip(hpa.metadata);
  const annotations: Record<string, string> = { ...meta.annotations };
  if (others.length) annotations[METRIC_SPECS_ANNOTATION] = JSON.stringify(others);
  if (hpa.status?.currentMetrics?.length) annotations[METRIC_STATUSES_ANNOTATION] = JSON.stringify(hpa.status.currentMetrics);
  if (spec.behavior) annotations[BEHAVIOR_ANNOTATION] = JSON.stringify(spec.behavior);
  if (hpa.status?.conditions?.length) annotations[CONDITIONS_ANNOTATION] = JSON.stringify(hpa.status.conditions);
  if (Object.keys(annotations).length) meta.annotations = annotations;
  const out: HpaV1 = {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta,
    spec: {
      scaleTargetRef: spec.scaleTargetRef,
      ...(spec.minReplicas != null ? { minReplicas: spec.minReplicas } : {}),
      maxReplicas: spec.maxReplicas,
      ...(cpuTarget ? { targetCPUUtilizationPercentage: cpuTarget.resource!.target.averageUtilization } : {}),
    },
  };
  if (hpa.status) {
    const cpuNow = (hpa.status.currentMetrics ?? []).find((m) => isCpu(m) && m.resource?.current?.averageUtilization != null);
    out.status = {
      ...(hpa.status.observedGeneration != null ? { observedGeneration: hpa.status.observedGeneration } : {}),
      ...(hpa.status.lastScaleTime ? { lastScaleTime: hpa.status.lastScaleTime } : {}),
      currentReplicas: hpa.status.currentReplicas ?? 0,
      desiredReplicas: hpa.status.desiredReplicas ?? 0,
      ...(cpuNow ? { currentCPUUtilizationPercentage: cpuNow.resource!.current.averageUtilization } : {}),
    };
  }
  return out;
}
