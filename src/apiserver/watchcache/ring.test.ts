import { describe, expect, it } from 'vitest';
import { EventRing } from './ring.js';

const ev = (revision: number) => ({ revision });

describe('EventRing', () => {
  it('keeps events in order and evicts the oldest when full', () => {
    const ring = new EventRing<{ revision: number }>(3);
    expect(ring.push(ev(1))).toBeUndefined();
    ring.push(ev(2));
    ring.push(ev(3));
    expect(ring.push(ev(4))).toEqual(ev(1));
    expect(ring.size).toBe(3);
    expect(ring.oldest()).toEqual(ev(2));
    expect(ring.newest()).toEqual(ev(4));
    expect(ring.since(0).map((e) => e.revision)).toEqual([2, 3, 4]);
  });

  it('returns the events after a revision, with gaps in revisions', () => {
    const ring = new EventRing<{ revision: number }>(10);
    for (const r of [2, 5, 9, 12]) ring.push(ev(r));
    expect(ring.since(5).map((e) => e.revision)).toEqual([9, 12]);
    expect(ring.since(6).map((e) => e.revision)).toEqual([9, 12]);
    expect(ring.since(12)).toEqual([]);
    expect(ring.since(1).length).toBe(4);
  });

  it('refuses events older than the newest and bad capacities', () => {
    const ring = new EventRing<{ revision: number }>(2);
    ring.push(ev(5));
    expect(() => ring.push(ev(4))).toThrow(RangeError);
    expect(() => new EventRing(0)).toThrow(RangeError);
    expect(() => new EventRing(1.5)).toThrow(RangeError);
  });

  it('clears', () => {
    const ring = new EventRing<{ revision: number }>(2);
    ring.push(ev(1));
    ring.clear();
    expect(ring.size).toBe(0);
    expect(ring.oldest()).toBeUndefined();
    ring.push(ev(0));
    expect(ring.since(-1).length).toBe(1);
  });
});
