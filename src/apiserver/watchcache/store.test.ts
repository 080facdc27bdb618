import { describe, expect, it } from 'vitest';
import { testKv, type TestObj } from './fake-backend.js';
import { CacheStore } from './store.js';

function storeOf(names: string[]): CacheStore<TestObj> {
  const store = new CacheStore<TestObj>();
  names.forEach((name, i) => {
    const key = `/r/${name}`;
    store.set(key, { value: { name }, kv: testKv(key, { name }, i + 1) });
  });
  return store;
}

const names = (items: TestObj[]) => items.map((o) => o.name);

describe('CacheStore', () => {
  it('pages in key order with remaining counts', () => {
    const store = storeOf(['ns1/c', 'ns1/a', 'ns2/a', 'ns1/b']);
    const first = store.page({ keyPrefix: '/r/', limit: 2 });
    expect(names(first.items)).toEqual(['ns1/a', 'ns1/b']);
    expect(first).toMatchObject({ lastKey: '/r/ns1/b', remaining: 2 });
    const second = store.page({ keyPrefix: '/r/', limit: 2, startKey: '/r/ns1/b\u0000' });
    expect(names(second.items)).toEqual(['ns1/c', 'ns2/a']);
    expect(second.lastKey).toBeUndefined();
  });

  it('scopes to a key prefix and applies a filter, without remaining counts', () => {
    const store = storeOf(['ns1/a', 'ns1/b', 'ns1/c', 'ns2/a']);
    expect(names(store.page({ keyPrefix: '/r/ns1/', limit: 0 }).items)).toEqual(['ns1/a', 'ns1/b', 'ns1/c']);
    const filter = (o: TestObj) => o.name !== 'ns1/b';
    const page = store.page({ keyPrefix: '/r/', limit: 2, filter });
    expect(names(page.items)).toEqual(['ns1/a', 'ns1/c']);
    expect(page).toMatchObject({ lastKey: '/r/ns1/c' });
    expect(page.remaining).toBeUndefined();
  });

  it('gives no continue when nothing more matches', () => {
    const store = storeOf(['a', 'b', 'c']);
    const page = store.page({ keyPrefix: '/r/', limit: 2, filter: (o) => o.name !== 'c' });
    expect(names(page.items)).toEqual(['a', 'b']);
    expect(page.lastKey).toBeUndefined();
  });

  it('updates, deletes and replaces', () => {
    const store = storeOf(['a', 'b']);
    store.set('/r/a', { value: { name: 'a2' }, kv: testKv('/r/a', { name: 'a2' }, 9) });
    store.delete('/r/b');
    store.delete('/r/missing');
    expect(store.size).toBe(1);
    expect(store.entriesUnder('/r/').map((e) => e.value.name)).toEqual(['a2']);
    store.replace(new Map([['/r/z', { value: { name: 'z' }, kv: testKv('/r/z', { name: 'z' }, 10) }]]));
    expect(store.get('/r/a')).toBeUndefined();
    expect(names(store.page({ keyPrefix: '/r/', limit: 0 }).items)).toEqual(['z']);
  });
});
