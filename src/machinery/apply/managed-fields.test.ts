import { describe, expect, it } from 'vitest';
import { isConflict, type ApiError } from '../errors/api-error.js';
import { builtinPatchMeta } from '../patch/patch-meta.js';
import { applyConfig, trackUpdate } from './managed-fields.js';

type Obj = Record<string, unknown>;
const now = new Date('2026-01-02T03:04:05Z');
const base = { apiVersion: 'apps/v1', meta: builtinPatchMeta, now };

function deployment(replicas: number, image = 'nginx:1.27', extra: Obj = {}): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image, ...extra }] },
      },
    },
  };
}

function catchErr(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('expected an error');
}

describe('server-side apply', () => {
  it('creates with an Apply entry that owns the configuration fields', () => {
    const obj = applyConfig(undefined, deployment(2), { ...base, manager: 'kubectl' });
    const mf = (obj.metadata as Obj).managedFields as Obj[];
    expect(mf).toHaveLength(1);
    expect(mf[0]).toMatchObject({ manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', fieldsType: 'FieldsV1' });
    const f = mf[0]!.fieldsV1 as Obj;
    expect(f['f:spec']).toMatchObject({ 'f:replicas': {} });
    expect(JSON.stringify(f)).toContain('"k:{\\"name\\":\\"nginx\\"}"');
    expect(JSON.stringify(f)).not.toContain('f:name":{},"f:namespace');
  });

  it('conflicts with a scale update on spec.replicas, and force takes ownership', () => {
    const created = applyConfig(undefined, deployment(2), { ...base, manager: 'kubectl' });
    const scaled = structuredClone(created);
    (scaled.spec as Obj).replicas = 5;
    trackUpdate(created, scaled, { ...base, manager: 'kubectl', subresource: 'scale' });
    const err = catchErr(() => applyConfig(scaled, deployment(3), { ...base, manager: 'kubectl' }));
    expect(isConflict(err)).toBe(true);
    expect(err.status.message).toBe('Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas');
    expect(err.status.details?.causes).toEqual([
      { reason: 'FieldManagerConflict', message: 'conflict with "kubectl" with subresource "scale" using apps/v1', field: '.spec.replicas' },
    ]);
    const forced = applyConfig(scaled, deployment(3), { ...base, manager: 'kubectl', force: true });
    expect((forced.spec as Obj).replicas).toBe(3);
    const managers = ((forced.metadata as Obj).managedFields as Obj[]).map((e) => e.manager);
    expect(managers).toEqual(['kubectl']);
  });

  it('does not conflict when the value is the same (shared ownership)', () => {
    const created = applyConfig(undefined, deployment(2), { ...base, manager: 'a' });
    const again = applyConfig(created, deployment(2), { ...base, manager: 'b' });
    expect(((again.metadata as Obj).managedFields as Obj[]).map((e) => e.manager)).toEqual(['a', 'b']);
  });

  it('removes fields the applier owned and no longer sets', () => {
    const withPort = applyConfig(undefined, deployment(1, 'nginx', { ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] }), { ...base, manager: 'kubectl' });
    const without = applyConfig(withPort, deployment(1, 'nginx'), { ...base, manager: 'kubectl' });
    const c = (((without.spec as Obj).template as Obj).spec as Obj).containers as Obj[];
    expect(c).toEqual([{ name: 'nginx', image: 'nginx' }]);
  });

  it('keeps fields another manager owns when the applier drops them', () => {
    const created = applyConfig(undefined, deployment(1), { ...base, manager: 'kubectl' });
    const labelled = structuredClone(created);
    ((labelled.metadata as Obj).labels as Obj).team = 'x';
    trackUpdate(created, labelled, { ...base, manager: 'kubectl-label' });
    const reapplied = applyConfig(labelled, deployment(1), { ...base, manager: 'kubectl' });
    expect((reapplied.metadata as Obj).labels).toEqual({ app: 'web', team: 'x' });
  });
});

describe('trackUpdate', () => {
  it('gives changed fields to the updater and takes them from others', () => {
    const prev = deployment(1);
    trackUpdate(undefined, prev, { ...base, manager: 'creator' });
    const next = structuredClone(prev);
    (next.spec as Obj).replicas = 4;
    trackUpdate(prev, next, { ...base, manager: 'scaler' });
    const mf = (next.metadata as Obj).managedFields as Obj[];
    expect(mf.map((e) => e.manager)).toEqual(['creator', 'scaler']);
    expect(mf[1]!.fieldsV1).toEqual({ 'f:spec': { 'f:replicas': {} } });
    expect(JSON.stringify(mf[0]!.fieldsV1)).not.toContain('f:replicas');
  });
});
