import { describe, expect, it } from 'vitest';
import { horizontalPodAutoscaler as hpaKind } from './horizontalpodautoscaler.js';
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerSpec, MetricSpec } from './hpa-types.js';

function hpa(spec: Partial<HorizontalPodAutoscalerSpec> = {}): HorizontalPodAutoscaler {
  const obj: HorizontalPodAutoscaler = {
    metadata: { name: 'web', namespace: 'default', creationTimestamp: '2024-01-01T00:00:00Z' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 10, ...spec },
  };
  hpaKind.defaults!(obj);
  return obj;
}
const msgs = (errs: { field: string; message: string }[]) => errs.map((e) => `${e.field}: ${e.message}`);
const memoryValue = (averageValue: string): MetricSpec => ({ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue } } });

describe('HorizontalPodAutoscaler defaults', () => {
  it('defaults minReplicas and a CPU metric', () => {
    const { spec } = hpa();
    expect(spec.minReplicas).toBe(1);
    expect(spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    expect(spec.behavior).toBeUndefined();
  });

  it('fills behavior only when given', () => {
    const { spec } = hpa({ behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } });
    expect(spec.behavior).toEqual({
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
      },
      scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
  });

  it('writes quantities canonically', () => {
    expect(hpa({ metrics: [memoryValue('0.5Gi')] }).spec.metrics![0]!.resource!.target.averageValue).toBe('512Mi');
  });
});

describe('HorizontalPodAutoscaler validation', () => {
  it('accepts the defaulted object', () => {
    expect(hpaKind.validate!(hpa())).toEqual([]);
  });

  it.each<[Partial<HorizontalPodAutoscalerSpec>, string[]]>([
    [{ minReplicas: 0 }, ['spec.minReplicas: Invalid value: 0: must be greater than or equal to 1', 'spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas']],
    [{ minReplicas: 5, maxReplicas: 2 }, ['spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`']],
    [{ scaleTargetRef: { kind: '', name: 'web' } }, ['spec.scaleTargetRef.kind: Required value']],
    [
      { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } }] },
      ['spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization'],
    ],
    [{ metrics: [memoryValue('-1Gi')] }, ['spec.metrics[0].resource.target.averageValue: Invalid value: "-1Gi": must be positive']],
    [
      { metrics: [{ type: 'Pods', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
      ['spec.metrics[0].pods: Required value: must populate information for the given metric source'],
    ],
    [
      { metrics: [{ type: 'Queue' as never }] },
      ['spec.metrics[0].type: Unsupported value: "Queue": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"'],
    ],
    [
      { behavior: { scaleUp: { selectPolicy: 'Avg' as never, policies: [{ type: 'Pods', value: 0, periodSeconds: 3600 }] } } },
      [
        'spec.behavior.scaleUp.selectPolicy: Unsupported value: "Avg": supported values: "Disabled", "Max", "Min"',
        'spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must be greater than zero',
        'spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 3600: must be less than or equal to 1800',
      ],
    ],
  ])('refuses %o', (spec, want) => {
    expect(msgs(hpaKind.validate!(hpa(spec)))).toEqual(want);
  });

  it('orders container resource checks as upstream', () => {
    const m: MetricSpec = { type: 'ContainerResource', containerResource: { name: 'cpu', container: '', target: { type: 'Utilization' } } };
    expect(msgs(hpaKind.validate!(hpa({ metrics: [m] })))).toEqual([
      'spec.metrics[0].containerResource.container: Required value: must specify a container',
      'spec.metrics[0].containerResource.target.averageUtilization: Required value: must set either a target raw value or a target utilization',
    ]);
  });
});

describe('HorizontalPodAutoscaler table', () => {
  const now = new Date('2024-01-01T01:00:00Z');
  it('prints targets with current values', () => {
    const obj = hpa({ minReplicas: 2, metrics: [hpa().spec.metrics![0]!, memoryValue('200Mi'), { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '10' } } }] });
    obj.status = {
      currentReplicas: 3,
      desiredReplicas: 3,
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 42 } } }],
    };
    expect(hpaKind.table.cells(obj, now)).toEqual(['web', 'Deployment/web', 'cpu: 42%/80%, memory: <unknown>/200Mi + 1 more...', '2', 10, 3, '60m']);
  });

  it('prints unknown values before the first reading', () => {
    expect(hpaKind.table.cells(hpa(), now)[2]).toBe('cpu: <unknown>/80%');
    const obj = hpa();
    obj.spec.metrics = [];
    obj.spec.minReplicas = undefined;
    expect(hpaKind.table.cells(obj, now).slice(2, 4)).toEqual(['<none>', '<unset>']);
  });

  it('starts with desiredReplicas 0', () => {
    const obj = hpa();
    hpaKind.prepareForCreate!(obj);
    expect(obj.status).toEqual({ desiredReplicas: 0 });
  });
});
