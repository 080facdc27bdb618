import { describe, expect, it } from 'vitest';
import { deployment, type Deployment, type DeploymentSpec } from './deployment.js';
import { CREATED, messages, podTemplate } from './testing.js';

function deploy(spec: Partial<DeploymentSpec> = {}): Deployment {
  const d: Deployment = {
    metadata: { name: 'web', namespace: 'default', creationTimestamp: CREATED },
    spec: { selector: { matchLabels: { app: 'web' } }, template: podTemplate(), ...spec } as DeploymentSpec,
  };
  deployment.defaults!(d);
  return d;
}

describe('Deployment defaults', () => {
  it('fills replicas, strategy, history and deadline', () => {
    const { spec } = deploy();
    expect(spec.replicas).toBe(1);
    expect(spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    expect(spec.revisionHistoryLimit).toBe(10);
    expect(spec.progressDeadlineSeconds).toBe(600);
    expect(spec.template.spec!.restartPolicy).toBe('Always');
    expect(spec.template.spec!.terminationGracePeriodSeconds).toBe(30);
  });

  it('keeps Recreate without rolling update parameters', () => {
    expect(deploy({ strategy: { type: 'Recreate' } }).spec.strategy).toEqual({ type: 'Recreate' });
    expect(deploy({ strategy: { rollingUpdate: { maxSurge: 1 } } }).spec.strategy!.rollingUpdate).toEqual({ maxSurge: 1, maxUnavailable: '25%' });
  });
});

describe('Deployment validation', () => {
  it('accepts a defaulted deployment', () => {
    expect(messages(deployment.validate!(deploy()))).toEqual([]);
  });

  it.each<[Partial<DeploymentSpec>, string[]]>([
    [
      { selector: undefined },
      [
        'spec.selector: Required value',
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
      ],
    ],
    [
      { selector: { matchLabels: { app: 'api' } } },
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'],
    ],
    [
      { selector: {} },
      ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment'],
    ],
    [
      { selector: { matchExpressions: [{ key: 'app', operator: 'In' }] } },
      [
        "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"In", Values:[]string(nil)}}}: invalid label selector',
      ],
    ],
    [{ replicas: -1 }, ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    [
      { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } } },
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"0%"}: may not be 0 when `maxSurge` is 0'],
    ],
    [
      { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '1', maxUnavailable: '120%' } } },
      [
        `spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"1"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%',
      ],
    ],
    [
      { strategy: { type: 'Recreate', rollingUpdate: {} } },
      ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    ],
    [{ minReadySeconds: 700 }, ['spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds']],
  ])('refuses %o', (spec, want) => {
    expect(messages(deployment.validate!(deploy(spec)))).toEqual(want);
  });

  it('requires restartPolicy Always and no activeDeadlineSeconds', () => {
    const d = deploy();
    d.spec.template.spec!.restartPolicy = 'OnFailure';
    d.spec.template.spec!.activeDeadlineSeconds = 10;
    expect(messages(deployment.validate!(d))).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
    ]);
  });

  it('reports pod template problems under spec.template', () => {
    const d = deploy();
    d.spec.template.spec!.containers[0]!.image = '';
    expect(messages(deployment.validate!(d))).toContain('spec.template.spec.containers[0].image: Required value');
  });

  it('keeps the selector immutable', () => {
    const next = deploy({ selector: { matchLabels: { app: 'web', tier: 'fe' } }, template: podTemplate({ app: 'web', tier: 'fe' }) });
    expect(messages(deployment.validateUpdate!(next, deploy()))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"fe"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
    expect(deployment.validateUpdate!(deploy({ replicas: 5 }), deploy())).toEqual([]);
  });

  it('checks status counters', () => {
    const old = deploy();
    old.status = { collisionCount: 2 };
    const d = deploy();
    d.status = { replicas: 2, readyReplicas: 3, availableReplicas: 3, collisionCount: 1 };
    expect(messages(deployment.validateStatusUpdate!(d, old))).toEqual([
      'status.readyReplicas: Invalid value: 3: cannot be greater than status.replicas',
      'status.availableReplicas: Invalid value: 3: cannot be greater than status.replicas',
      'status.collisionCount: Invalid value: 1: cannot be decremented',
    ]);
  });
});

describe('Deployment kind', () => {
  it('clears status on create and scales through spec.replicas', () => {
    const d = deploy();
    d.status = { replicas: 3 };
    deployment.prepareForCreate!(d);
    expect(d.status).toEqual({});
    expect(deployment.scale).toEqual({ specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', labelSelectorPath: 'spec.selector' });
    expect([deployment.shortNames, deployment.categories]).toEqual([['deploy'], ['all']]);
  });

  it('prints the table row', () => {
    const d = deploy({ replicas: 3, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['b', 'a'] }] } });
    d.spec.template.metadata!.labels = { app: 'web', tier: 'fe' };
    d.spec.template.spec!.containers.push({ name: 'sidecar', image: 'envoy:1' });
    d.status = { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 };
    expect(deployment.table.columns.map((c) => `${c.name}/${c.priority}`)).toEqual([
      'Name/0',
      'Ready/0',
      'Up-to-date/0',
      'Available/0',
      'Age/0',
      'Containers/1',
      'Images/1',
      'Selector/1',
    ]);
    expect(deployment.table.cells(d, new Date('2024-01-01T00:03:10Z'))).toEqual([
      'web',
      '2/3',
      3,
      2,
      '3m10s',
      'web,sidecar',
      'nginx:1.27,envoy:1',
      'app=web,tier notin (a,b)',
    ]);
  });
});
