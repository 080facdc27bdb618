import { describe, expect, it } from 'vitest';
import { statefulSet, type StatefulSet, type StatefulSetSpec } from './statefulset.js';
import { CREATED, messages, podTemplate } from './testing.js';

function sts(spec: Partial<StatefulSetSpec> = {}): StatefulSet {
  const obj: StatefulSet = {
    metadata: { name: 'db', namespace: 'default', creationTimestamp: CREATED },
    spec: { serviceName: 'db', selector: { matchLabels: { app: 'web' } }, template: podTemplate(), ...spec },
  };
  statefulSet.defaults!(obj);
  return obj;
}

const claim = { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce' as const], resources: { requests: { storage: '1Gi' } } } };

describe('StatefulSet defaults', () => {
  it('fills policies, strategy, retention and claim templates', () => {
    const { spec } = sts({ volumeClaimTemplates: [structuredClone(claim)] });
    expect(spec.podManagementPolicy).toBe('OrderedReady');
    expect(spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    expect(spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect([spec.replicas, spec.revisionHistoryLimit]).toEqual([1, 10]);
    expect(spec.volumeClaimTemplates![0]).toMatchObject({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      spec: { volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    });
  });

  it('leaves OnDelete without rolling update parameters', () => {
    expect(sts({ updateStrategy: { type: 'OnDelete' } }).spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });
});

describe('StatefulSet validation', () => {
  it('lets containers mount claim templates', () => {
    const obj = sts({ volumeClaimTemplates: [structuredClone(claim)] });
    obj.spec.template.spec!.containers[0]!.volumeMounts = [{ name: 'data', mountPath: '/var/lib/data' }];
    expect(messages(statefulSet.validate!(obj))).toEqual([]);
  });

  it.each<[Partial<StatefulSetSpec>, string[]]>([
    [{ podManagementPolicy: 'Sometimes' as never }, [`spec.podManagementPolicy: Invalid value: "Sometimes": must be 'OrderedReady' or 'Parallel'`]],
    [
      { updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 1 } } },
      [`spec.updateStrategy.rollingUpdate: Invalid value: {"partition":1}: only allowed for updateStrategy 'RollingUpdate'`],
    ],
    [
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: -1, maxUnavailable: 0 } } },
      [
        'spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0',
        'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: cannot be 0',
      ],
    ],
    [
      { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep' as never } },
      ['spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"'],
    ],
    [
      { selector: { matchLabels: {} } },
      ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset'],
    ],
  ])('refuses %o', (spec, want) => {
    expect(messages(statefulSet.validate!(sts(spec)))).toEqual(want);
  });

  it('forbids changing fields other than the mutable ones', () => {
    const old = sts({ volumeClaimTemplates: [structuredClone(claim)] });
    const grown = sts({ volumeClaimTemplates: [{ ...structuredClone(claim), spec: { ...claim.spec, resources: { requests: { storage: '2Gi' } } } }] });
    expect(messages(statefulSet.validateUpdate!(grown, old))).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
    const scaled = sts({ replicas: 5, minReadySeconds: 3, volumeClaimTemplates: [structuredClone(claim)] });
    expect(statefulSet.validateUpdate!(scaled, old)).toEqual([]);
  });

  it('checks status counters', () => {
    const obj = sts();
    obj.status = { replicas: 2, readyReplicas: 1, availableReplicas: 2 };
    expect(messages(statefulSet.validateStatusUpdate!(obj, sts()))).toEqual([
      'status.availableReplicas: Invalid value: 2: cannot be greater than status.readyReplicas',
    ]);
  });
});

describe('StatefulSet kind', () => {
  it('starts with zero replicas and prints ready/desired', () => {
    const obj = sts({ replicas: 3 });
    statefulSet.prepareForCreate!(obj);
    expect(obj.status).toEqual({ replicas: 0, availableReplicas: 0 });
    obj.status = { replicas: 3, readyReplicas: 2, availableReplicas: 2 };
    expect(statefulSet.table.columns.map((c) => c.name)).toEqual(['Name', 'Ready', 'Age', 'Containers', 'Images']);
    expect(statefulSet.table.cells(obj, new Date('2024-01-01T05:00:00Z'))).toEqual(['db', '2/3', '5h', 'web', 'nginx:1.27']);
  });
});
