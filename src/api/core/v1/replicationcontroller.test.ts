import { describe, expect, it } from 'vitest';
import { type ReplicationController, replicationController as rcKind } from './replicationcontroller.js';
import { created, problems, row } from './test-support.js';

function rc(spec: ReplicationController['spec']): ReplicationController {
  return { metadata: { name: 'web', namespace: 'default' }, spec };
}

const template = () => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } });

describe('ReplicationController', () => {
  it('defaults replicas, selector and labels from the template', () => {
    const r = created(rcKind, rc({ template: template() }));
    expect(r.spec!.replicas).toBe(1);
    expect(r.spec!.selector).toEqual({ app: 'web' });
    expect(r.metadata.labels).toEqual({ app: 'web' });
    expect(r.spec!.template!.spec!.restartPolicy).toBe('Always');
    expect(r.status).toEqual({ replicas: 0 });
    expect(problems(rcKind, r)).toEqual([]);
  });

  it.each<[string, ReplicationController['spec'], string[]]>([
    ['no template', { selector: { app: 'web' } }, ['spec.template: Required value']],
    [
      'selector not matching',
      { selector: { app: 'other' }, template: template() },
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'],
    ],
    ['negative replicas', { replicas: -1, template: template() }, ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    [
      'restartPolicy Never',
      { template: { ...template(), spec: { containers: [{ name: 'web', image: 'nginx' }], restartPolicy: 'Never' } } },
      ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ],
  ])('%s', (_n, spec, want) => {
    expect(problems(rcKind, rc(spec))).toEqual(want);
  });

  it('declares scale and status subresources', () => {
    expect(rcKind.scale).toEqual({ specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', labelSelectorPath: 'spec.selector' });
    expect([rcKind.statusSubresource, rcKind.shortNames, rcKind.categories]).toEqual([true, ['rc'], ['all']]);
  });

  it('prints upstream columns', () => {
    expect(rcKind.table.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0', 'Desired:0', 'Current:0', 'Ready:0', 'Age:0', 'Containers:1', 'Images:1', 'Selector:1',
    ]);
    const r = created(rcKind, rc({ replicas: 3, template: template() }));
    r.status = { replicas: 3, readyReplicas: 2 };
    expect(row(rcKind, r)).toEqual({ Name: 'web', Desired: 3, Current: 3, Ready: 2, Age: '60m', Containers: 'web', Images: 'nginx', Selector: 'app=web' });
  });
});
