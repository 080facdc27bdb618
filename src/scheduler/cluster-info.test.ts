import { describe, expect, it } from 'vitest';
import type { ReplicaSet } from '../api/apps/v1/index.js';
import type { Service } from '../api/core/v1/index.js';
import { Store } from '../client/index.js';
import { ClusterInfo } from './cluster-info.js';
import { makePod } from './testing/builders.js';

function store<T extends { metadata: { name?: string; namespace?: string } }>(...objs: T[]): Store<never> {
  const s = new Store<never>();
  for (const o of objs) s.set(o as never);
  return s;
}

describe('ClusterInfo.defaultSpreadSelector', () => {
  const svc = (name: string, selector: Record<string, string>, namespace = 'default') => ({ metadata: { name, namespace }, spec: { selector } }) as Service;
  const info = new ClusterInfo({
    services: store(svc('web', { app: 'web' }), svc('other-ns', { app: 'web' }, 'elsewhere'), svc('db', { app: 'db' })),
    replicaSets: store({ metadata: { name: 'web-abc', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web', hash: 'abc' } } } } as unknown as ReplicaSet),
  });

  it('merges the selectors of matching Services', () => {
    const pod = makePod('p', { labels: { app: 'web', hash: 'abc' } });
    expect(info.defaultSpreadSelector(pod)?.toString()).toBe('app=web');
  });

  it("adds the controlling ReplicaSet's selector", () => {
    const pod = makePod('p', { labels: { app: 'web', hash: 'abc' } });
    pod.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'u', controller: true }];
    expect(info.defaultSpreadSelector(pod)?.toString()).toBe('app=web,app=web,hash=abc');
  });

  it('is undefined for a pod nothing selects', () => {
    expect(info.defaultSpreadSelector(makePod('p', { labels: { app: 'lonely' } }))).toBeUndefined();
  });
});
