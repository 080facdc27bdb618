import { describe, expect, it } from 'vitest';
import { StoreOpenError } from './errors.js';
import { openBackend } from './index.js';
import { parseStoreUrl } from './url.js';

describe('store URLs', () => {
  it('parses the three kinds', () => {
    expect(parseStoreUrl('memory://')).toEqual({ kind: 'memory' });
    expect(parseStoreUrl('sqlite:///var/lib/gantry/state.db')).toEqual({ kind: 'sqlite', file: '/var/lib/gantry/state.db' });
    expect(parseStoreUrl('sqlite:///tmp/with%20space/s.db')).toEqual({ kind: 'sqlite', file: '/tmp/with space/s.db' });
    expect(parseStoreUrl('etcd://h1:2379,h2:2380')).toEqual({
      kind: 'etcd',
      endpoints: ['http://h1:2379', 'http://h2:2380'],
      prefix: '/gantry',
    });
    expect(parseStoreUrl('etcd://10.0.0.1?prefix=/cluster-a')).toEqual({
      kind: 'etcd',
      endpoints: ['http://10.0.0.1:2379'],
      prefix: '/cluster-a',
    });
  });

  it('rejects bad URLs with StoreOpenError naming the URL', () => {
    for (const bad of ['', 'state.db', 'postgres://x', 'sqlite://rel/path.db', 'sqlite:///a.db?mode=x', 'etcd://', 'etcd://h:99999', 'etcd://a b']) {
      expect(() => parseStoreUrl(bad)).toThrow(StoreOpenError);
    }
    expect(() => parseStoreUrl('mysql://db/x')).toThrow(/cannot open store mysql:\/\/db\/x: unknown store URL/);
  });

  it('reports an unreachable etcd as StoreOpenError', async () => {
    const error = await openBackend('etcd://127.0.0.1:1', { etcdConnectTimeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toContain('etcd://127.0.0.1:1');
  });
});
