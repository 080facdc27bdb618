/**
 * The scheduler_perf shapes (test/integration/scheduler_perf/config/performance-config.yaml),
 * as pod templates for nodes labelled into three zones (node-default.yaml: 4 cpu, 32Gi, 110 pods).
 */
import type { Pod } from '../../src/api/core/v1/index.js';

export const ZONE_KEY = 'topology.kubernetes.io/zone';
export const ZONES = ['moon-1', 'moon-2', 'moon-3'];

export interface Shape {
  name: string;
  /** JSON key prefix in the final line (basic → basic_pods_per_s). */
  key: string;
  nodes: number;
  initPods: number;
  measurePods: number;
  initTemplate: (i: number) => Pod;
  measureTemplate: (i: number) => Pod;
  /** Priority classes the shape needs. */
  priorityClasses?: { name: string; value: number }[];
}

function pod(name: string, cpu: string, extra: Partial<Pod['spec']> = {}, labels?: Record<string, string>): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: {
      terminationGracePeriodSeconds: 0,
      containers: [
        {
          name: 'pause',
          image: 'registry.k8s.io/pause:3.10',
          ports: [{ containerPort: 80 }],
          resources: { limits: { cpu, memory: '500Mi' }, requests: { cpu, memory: '500Mi' } },
        },
      ],
      ...extra,
    },
  };
}

const defaultPod = (prefix: string) => (i: number) => pod(`${prefix}-${i}`, '100m');

export function shapes(scale: { nodes: number; basicMeasure: number }): Shape[] {
  const n = scale.nodes;
  const spreadLabels = { color: 'blue' };
  return [
    {
      name: 'SchedulingBasic',
      key: 'basic',
      nodes: n,
      initPods: 1000,
      measurePods: scale.basicMeasure,
      initTemplate: defaultPod('basic-init'),
      measureTemplate: defaultPod('basic'),
    },
    {
      name: 'TopologySpreading',
      key: 'spread',
      nodes: n,
      initPods: 1000,
      measurePods: 2000,
      initTemplate: defaultPod('spread-init'),
      measureTemplate: (i) =>
        pod(
          `spread-${i}`,
          '100m',
          { topologySpreadConstraints: [{ maxSkew: 5, topologyKey: ZONE_KEY, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: spreadLabels } }] },
          spreadLabels,
        ),
    },
    {
      name: 'PreferredNodeAffinity',
      key: 'affinity',
      nodes: n,
      initPods: 1000,
      measurePods: 2000,
      initTemplate: defaultPod('aff-init'),
      measureTemplate: (i) =>
        pod(`aff-${i}`, '100m', {
          affinity: {
            nodeAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: ZONE_KEY, operator: 'In', values: [ZONES[0]!] }] } }],
            },
          },
        }),
    },
    {
      name: 'PreemptionBasic',
      key: 'preemption',
      // upstream runs this shape on 500 nodes: 2000 low (900m) pods fill them, 500 high (3000m) preempt.
      nodes: Math.min(n, 500),
      initPods: Math.min(n, 500) * 4,
      measurePods: Math.min(n, 500),
      initTemplate: (i) => pod(`low-${i}`, '900m'),
      measureTemplate: (i) => pod(`high-${i}`, '3000m', { priorityClassName: 'bench-high' }),
      priorityClasses: [{ name: 'bench-high', value: 10 }],
    },
  ];
}
