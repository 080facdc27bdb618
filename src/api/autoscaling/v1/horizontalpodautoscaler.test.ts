import { describe, expect, it } from 'vitest';
import type { HorizontalPodAutoscaler as HpaV2 } from '../v2/hpa-types.js';
import { hpaV1ToStored, hpaV2ToV1 } from './conversion.js';
import { horizontalPodAutoscalerV1 as v1Kind } from './horizontalpodautoscaler.js';
import type { HorizontalPodAutoscaler } from './horizontalpodautoscaler-types.js';

function v1(extra: Partial<HorizontalPodAutoscaler['spec']> = {}): HorizontalPodAutoscaler {
  const obj: HorizontalPodAutoscaler = {
    metadata: { name: 'web', namespace: 'default', creationTimestamp: '2024-01-01T00:00:00Z' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5, ...extra },
  };
  v1Kind.defaults!(obj);
  return obj;
}

describe('autoscaling/v1 HorizontalPodAutoscaler', () => {
  it('is stored as v2 with a CPU metric', () => {
    expect(v1Kind.storage).toMatchObject({ group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers' });
    const stored = hpaV1ToStored(v1({ targetCPUUtilizationPercentage: 50 }));
    expect(stored.apiVersion).toBe('autoscaling/v2');
    expect(stored.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 1,
      maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
    });
  });

  it('reads back the default 80% target when none was given', () => {
    const back = hpaV2ToV1(hpaV1ToStored(v1()));
    expect(back.spec.targetCPUUtilizationPercentage).toBe(80);
    expect(back.metadata.annotations).toBeUndefined();
  });

  it('keeps v2-only fields in annotations and restores them', () => {
    const stored: HpaV2 = {
      metadata: { name: 'web', namespace: 'default', annotations: { team: 'a' } },
      spec: {
        scaleTargetRef: { kind: 'Deployment', name: 'web' },
        minReplicas: 1,
        maxReplicas: 5,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
          { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '200Mi' } } },
        ],
        behavior: { scaleDown: { stabilizationWindowSeconds: 30 } },
      },
      status: {
        currentReplicas: 2,
        desiredReplicas: 3,
        currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 70 } } }],
        conditions: [{ type: 'AbleToScale', status: 'True' }],
      },
    };
    const served = hpaV2ToV1(stored);
    expect(served.spec.targetCPUUtilizationPercentage).toBe(60);
    expect(served.status).toEqual({ currentReplicas: 2, desiredReplicas: 3, currentCPUUtilizationPercentage: 70 });
    expect(Object.keys(served.metadata.annotations!).sort()).toEqual([
      'autoscaling.alpha.kubernetes.io/behavior',
      'autoscaling.alpha.kubernetes.io/conditions',
      'autoscaling.alpha.kubernetes.io/current-metrics',
      'autoscaling.alpha.kubernetes.io/metrics',
      'team',
    ]);
    const again = hpaV1ToStored(served);
    expect(again.spec.metrics).toEqual(stored.spec.metrics);
    expect(again.spec.behavior!.scaleDown!.stabilizationWindowSeconds).toBe(30);
    expect(again.status!.conditions).toEqual(stored.status!.conditions);
    expect(again.metadata.annotations).toEqual({ team: 'a' });
  });

  it('validates through the v2 rules and prints the v2 table', () => {
    const bad = v1({ targetCPUUtilizationPercentage: 0 });
    expect(v1Kind.validate!(bad).map((e) => `${e.field}: ${e.message}`)).toEqual([
      'spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0',
    ]);
    const now = new Date('2024-01-01T00:00:20Z');
    expect(v1Kind.table.cells(v1({ targetCPUUtilizationPercentage: 50 }), now)).toEqual(['web', 'Deployment/web', 'cpu: <unknown>/50%', '1', 5, 0, '20s']);
  });
});
