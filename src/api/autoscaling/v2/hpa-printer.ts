/** The Targets cell of `kubectl get hpa` (formatHPAMetrics). */
import { tryParseQuantity, quantityToString } from '../../quantity.js';
import type { MetricSpec, MetricStatus, MetricTarget, MetricValueStatus, QuantityValue } from './hpa-types.js';

const MAX_SHOWN = 2;

function qty(v: QuantityValue | undefined): string {
  if (v === undefined || v === null) return '<unknown>';
  const q = tryParseQuantity(v);
  return q ? quantityToString(q) : String(v);
}

/** "current/target", with " (avg)" for averaged object and external metrics. */
function valueOrAverage(target: MetricTarget | undefined, current: MetricValueStatus | undefined, avgSuffix: boolean): string {
  if (target?.averageValue != null) {
    const now = current?.averageValue != null ? qty(current.averageValue) : '<unknown>';
    return `${now}/${qty(target.averageValue)}${avgSuffix ? ' (avg)' : ''}`;
  }
  const now = current?.value != null ? qty(current.value) : '<unknown>';
  return `${now}/${qty(target?.value)}`;
}

/** "cpu: 50%/80%" for utilization targets, "memory: 100Mi/200Mi" for raw ones. */
function resource(name: string, target: MetricTarget | undefined, current: MetricValueStatus | undefined): string {
  if (target?.averageValue != null) {
    const now = current ? qty(current.averageValue) : '<unknown>';
    return `${name}: ${now}/${qty(target.averageValue)}`;
  }
  const now = current?.averageUtilization != null ? `${current.averageUtilization}%` : '<unknown>';
  const want = target?.averageUtilization != null ? `${target.averageUtilization}%` : '<auto>';
  return `${name}: ${now}/${want}`;
}

function formatOne(spec: MetricSpec, status: MetricStatus | undefined): string {
  switch (spec.type) {
    case 'External':
      return valueOrAverage(spec.external?.target, status?.external?.current, true);
    case 'Pods': {
      const now = status?.pods ? qty(status.pods.current?.averageValue) : '<unknown>';
      return `${now}/${qty(spec.pods?.target?.averageValue)}`;
    }
    case 'Object':
      return valueOrAverage(spec.object?.target, status?.object?.current, true);
    case 'Resource':
      return resource(spec.resource?.name ?? '', spec.resource?.target, status?.resource?.current);
    case 'ContainerResource':
      return resource(spec.containerResource?.name ?? '', spec.containerResource?.target, status?.containerResource?.current);
    default:
      return '<unknown type>';
  }
}

/** The Targets cell: up to two metrics, "+ N more..." beyond, "<none>" without metrics. */
export function formatHpaMetrics(specs: MetricSpec[] | undefined, statuses: MetricStatus[] | undefined): string {
  const list = specs ?? [];
  if (list.length === 0) return '<none>';
  const shown = list.slice(0, MAX_SHOWN).map((s, i) => formatOne(s, statuses?.[i]));
  const text = shown.join(', ');
  return list.length > MAX_SHOWN ? `${text} + ${list.length - MAX_SHOWN} more...` : text;
}
