import { describe, expect, it } from 'vitest';
import { controllerRevision, type ControllerRevision } from '../../api/apps/v1/index.js';
import { FakeApi } from '../../../test/controllers/b-fake-api.js';
import { createRevision, hashRevision, newRevision, safeEncode, templateFromRevision, templatePatch, truncateHistory } from './history.js';

const owner = { metadata: { name: 'web', namespace: 'ns', uid: 'u1' } };
const gvk = { group: 'apps', version: 'v1', kind: 'StatefulSet' };

describe('history', () => {
  it('hashes data stably, whatever the key order, and salts with the collision count', () => {
    expect(hashRevision({ a: 1, b: [1, 2] })).toBe(hashRevision({ b: [1, 2], a: 1 }));
    expect(hashRevision({ a: 1 }, 1)).not.toBe(hashRevision({ a: 1 }));
    expect(safeEncode('0123456789')).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
  });

  it('stores the template as a replacing patch and reads it back', () => {
    const tpl = { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } };
    const rev = newRevision(owner, { gvk, data: templatePatch(tpl), revision: 1, templateLabels: { a: 'b' } });
    expect((rev.data as { spec: { template: Record<string, unknown> } }).spec.template.$patch).toBe('replace');
    expect(templateFromRevision(rev)).toEqual(tpl);
    expect(rev.metadata.labels?.['controller.kubernetes.io/hash']).toBe(rev.metadata.name!.slice('web-'.length));
    expect(rev.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', controller: true });
  });

  it('bumps the collision count when the name is taken by other data', async () => {
    const api = new FakeApi();
    const client = api.writer<ControllerRevision>(controllerRevision);
    const rev = newRevision(owner, { gvk, data: { x: 1 }, revision: 1 });
    api.seed(controllerRevision, { ...rev, data: { other: true } });
    const made = await createRevision(client, rev, { owner, collisionCount: 0 });
    expect(made.collisionCount).toBe(1);
    expect(made.revision.metadata.name).not.toBe(rev.metadata.name);
    const again = await createRevision(client, rev, { owner, collisionCount: 1 });
    expect(again.revision.metadata.name).toBe(made.revision.metadata.name);
  });

  it('truncates the oldest unused revisions beyond the limit', async () => {
    const api = new FakeApi();
    const client = api.writer<ControllerRevision>(controllerRevision);
    const revs = [1, 2, 3, 4].map((n) => api.seed(controllerRevision, newRevision(owner, { gvk, data: { n }, revision: n })));
    await truncateHistory(client, revs, { keep: new Set([revs[3]!.metadata.name!, revs[0]!.metadata.name!]), limit: 1 });
    expect(api.store<ControllerRevision>(controllerRevision).list().map((r) => r.revision).sort()).toEqual([1, 3, 4]);
  });
});
