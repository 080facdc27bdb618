import { describe, expect, it } from 'vitest';
import { controllerRevision, type ControllerRevision } from './controllerrevision.js';
import { CREATED, messages } from './testing.js';

function rev(extra: Partial<ControllerRevision> = {}): ControllerRevision {
  return { metadata: { name: 'web-6d5f', namespace: 'default', creationTimestamp: CREATED }, data: { spec: {} }, revision: 1, ...extra };
}

describe('ControllerRevision', () => {
  it('needs data and a non-negative revision', () => {
    expect(messages(controllerRevision.validate!(rev({ data: undefined, revision: -1 })))).toEqual([
      'data: Required value: data is mandatory',
      'revision: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('keeps data immutable', () => {
    expect(messages(controllerRevision.validateUpdate!(rev({ data: { spec: { x: 1 } } }), rev()))).toEqual([
      'data: Invalid value: {"spec":{"x":1}}: field is immutable',
    ]);
    expect(controllerRevision.validateUpdate!(rev({ revision: 3 }), rev())).toEqual([]);
  });

  it('prints the controlling owner as kind.group/name', () => {
    const owned = rev();
    owned.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u', controller: true }];
    const now = new Date('2024-01-01T00:01:00Z');
    expect(controllerRevision.table.cells(owned, now)).toEqual(['web-6d5f', 'statefulset.apps/web', 1, '60s']);
    expect(controllerRevision.table.cells(rev(), now)[1]).toBe('<none>');
  });
});
