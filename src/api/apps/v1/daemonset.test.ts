import { describe, expect, it } from 'vitest';
import { daemonSet, type DaemonSet, type DaemonSetSpec } from './daemonset.js';
import { CREATED, messages, podTemplate } from './testing.js';

function ds(spec: Partial<DaemonSetSpec> = {}): DaemonSet {
  const obj: DaemonSet = {
    metadata: { name: 'agent', namespace: 'kube-system', creationTimestamp: CREATED },
    spec: { selector: { matchLabels: { app: 'web' } }, template: podTemplate(), ...spec },
  };
  daemonSet.defaults!(obj);
  return obj;
}

describe('DaemonSet', () => {
  it('defaults the rolling update and history', () => {
    const { spec } = ds();
    expect(spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(spec.revisionHistoryLimit).toBe(10);
    expect(daemonSet.validate!(ds())).toEqual([]);
  });

  it.each<[Partial<DaemonSetSpec>, string[]]>([
    [
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } } },
      ['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero'],
    ],
    [
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } },
      ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0'],
    ],
    [
      { updateStrategy: { type: 'Sometimes' as never } },
      ['spec.updateStrategy: Unsupported value: {"type":"Sometimes"}: supported values: "RollingUpdate", "OnDelete"'],
    ],
    [
      { selector: { matchLabels: { app: 'other' } } },
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'],
    ],
  ])('refuses %o', (spec, want) => {
    expect(messages(daemonSet.validate!(ds(spec)))).toEqual(want);
  });

  it('refuses restartPolicy other than Always', () => {
    const obj = ds();
    obj.spec.template.spec!.restartPolicy = 'Never';
    expect(messages(daemonSet.validate!(obj))).toEqual(['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']);
  });

  it('keeps the selector immutable and records the template generation', () => {
    expect(daemonSet.validateUpdate!(ds({ minReadySeconds: 5 }), ds())).toEqual([]);
    const next = ds({ selector: { matchLabels: { app: 'web', x: 'y' } } });
    next.spec.template.metadata!.labels = { app: 'web', x: 'y' };
    expect(messages(daemonSet.validateUpdate!(next, ds()))[0]).toMatch(/^spec\.selector: .*field is immutable$/);
    const created = ds();
    daemonSet.prepareForCreate!(created);
    expect(created.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' });
    expect(created.status).toEqual({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });
  });

  it('prints the table row', () => {
    const obj = ds();
    obj.spec.template.spec!.nodeSelector = { 'kubernetes.io/os': 'linux' };
    obj.status = { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2, numberMisscheduled: 0 };
    expect(daemonSet.table.columns.map((c) => c.name)).toEqual([
      'Name', 'Desired', 'Current', 'Ready', 'Up-to-date', 'Available', 'Node Selector', 'Age', 'Containers', 'Images', 'Selector',
    ]);
    expect(daemonSet.table.cells(obj, new Date('2024-01-01T00:00:59Z'))).toEqual([
      'agent', 3, 3, 2, 3, 2, 'kubernetes.io/os=linux', '59s', 'web', 'nginx:1.27', 'app=web',
    ]);
    expect(daemonSet.table.cells(ds(), new Date())[6]).toBe('<none>');
  });
});
