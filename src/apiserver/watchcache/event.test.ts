import { describe, expect, it } from 'vitest';
import { defaultEncoder, StoredEvent, type CacheEvent } from './event.js';
import { testKv, type TestObj } from './fake-backend.js';

function modified(encode: (e: CacheEvent<TestObj>) => string): StoredEvent<TestObj> {
  const prevKv = testKv('/r/a', { name: 'a', labels: { app: 'x' } }, 3);
  const kv = testKv('/r/a', { name: 'a', labels: { app: 'y' } }, 7);
  return new StoredEvent<TestObj>(
    {
      type: 'MODIFIED',
      key: '/r/a',
      object: { name: 'a', labels: { app: 'y' } },
      prevObject: { name: 'a', labels: { app: 'x' } },
      kv,
      prevKv,
      revision: 7,
    },
    encode,
  );
}

describe('StoredEvent', () => {
  it('encodes once however often it is asked', () => {
    let calls = 0;
    const event = modified((e) => {
      calls++;
      return `${e.type}@${e.revision}`;
    });
    for (let i = 0; i < 100; i++) expect(event.encoded()).toBe('MODIFIED@7');
    expect(calls).toBe(1);
  });

  it('builds and memoises the ADDED and DELETED views for filtered watchers', () => {
    let calls = 0;
    const event = modified((e) => {
      calls++;
      return JSON.stringify({ type: e.type, object: e.object, rv: e.revision });
    });
    const added = event.asAdded();
    expect(added).toBe(event.asAdded());
    expect(added).toMatchObject({ type: 'ADDED', object: event.object, revision: 7 });
    expect(added.prevObject).toBeUndefined();
    const deleted = event.asDeletedPrevious();
    expect(deleted).toBe(event.asDeletedPrevious());
    expect(deleted).toMatchObject({ type: 'DELETED', object: event.prevObject, revision: 7 });
    expect(deleted.kv.modRevision).toBe(3);
    added.encoded();
    added.encoded();
    deleted.encoded();
    expect(calls).toBe(2);
    expect(JSON.parse(deleted.encoded())).toEqual({ type: 'DELETED', object: event.prevObject, rv: 7 });
  });

  it('has a JSON default encoder', () => {
    const event = modified(defaultEncoder);
    expect(JSON.parse(event.encoded())).toEqual({ type: 'MODIFIED', object: event.object });
  });
});
