import { describe, expect, it } from 'vitest';
import { coreV1Kinds } from './index.js';

describe('coreV1Kinds', () => {
  it('lists the kinds in discovery order', () => {
    expect(coreV1Kinds.map((k) => k.plural)).toEqual([
      'configmaps', 'endpoints', 'events', 'limitranges', 'namespaces', 'nodes', 'persistentvolumeclaims', 'persistentvolumes',
      'pods', 'podtemplates', 'replicationcontrollers', 'resourcequotas', 'secrets', 'serviceaccounts', 'services',
    ]);
  });

  it('puts pods, services and replication controllers in the all category', () => {
    expect(coreV1Kinds.filter((k) => k.categories?.includes('all')).map((k) => k.plural)).toEqual(['pods', 'replicationcontrollers', 'services']);
  });

  it('gives every table a Name column with the name format, or Created At defaults', () => {
    for (const k of coreV1Kinds) {
      expect(k.group).toBe('');
      expect(k.version).toBe('v1');
      expect(k.table.columns.some((c) => c.format === 'name')).toBe(true);
    }
  });

  it('marks cluster-scoped kinds', () => {
    expect(coreV1Kinds.filter((k) => !k.namespaced).map((k) => k.plural)).toEqual(['namespaces', 'nodes', 'persistentvolumes']);
  });
});
