import { describe, expect, it } from 'vitest';
import { FakeClock } from '../util/index.js';
import { EventCorrelator, type RecordedEvent } from './event-correlator.js';

const ref = { kind: 'Pod', namespace: 'ns', name: 'p', uid: 'u1', apiVersion: 'v1' };
const ev = (message: string, reason = 'Pulled', involvedObject = ref): RecordedEvent => ({ involvedObject, type: 'Normal', reason, message });

describe('EventCorrelator', () => {
  it('creates the first event and patches repeats within 10 minutes', () => {
    const clock = new FakeClock();
    const c = new EventCorrelator('kubelet', clock);
    const first = c.correlate(ev('pulled image'));
    expect(first).toMatchObject({ action: 'create', count: 1 });
    if (first.action !== 'create') throw new Error('unreachable');
    c.created(first.key, { name: 'p.1', namespace: 'ns', count: 1, firstMs: first.firstMs });
    clock.advance(60_000);
    expect(c.correlate(ev('pulled image'))).toMatchObject({ action: 'patch', name: 'p.1', count: 2, firstMs: first.firstMs, lastMs: clock.now() });
    expect(c.correlate(ev('pulled image'))).toMatchObject({ action: 'patch', count: 3 });
    // A different message, reason or object is a different event.
    expect(c.correlate(ev('other'))).toMatchObject({ action: 'create' });
    expect(c.correlate(ev('pulled image', 'Started'))).toMatchObject({ action: 'create' });
    expect(c.correlate(ev('pulled image', 'Pulled', { ...ref, name: 'q', uid: 'u2' }))).toMatchObject({ action: 'create' });
    // After 10 quiet minutes a repeat starts a new Event.
    clock.advance(10 * 60_000 + 1);
    expect(c.correlate(ev('pulled image'))).toMatchObject({ action: 'create', count: 1 });
  });

  it('combines more than 10 similar events that differ only in message', () => {
    const c = new EventCorrelator('ctl', new FakeClock());
    const actions = Array.from({ length: 12 }, (_, i) => c.correlate(ev(`failed ${i}`, 'FailedCreate')));
    expect(actions.slice(0, 10).every((a) => a.action === 'create' && !a.event.message.startsWith('('))).toBe(true);
    const eleventh = actions[10]!;
    expect(eleventh.action === 'create' && eleventh.event.message).toBe('(combined from similar events): failed 10');
    if (eleventh.action !== 'create') throw new Error('unreachable');
    c.created(eleventh.key, { name: 'p.agg', namespace: 'ns', count: 1, firstMs: eleventh.firstMs });
    // The next similar event patches the combined Event (with its own message).
    const next = c.correlate(ev('failed 99', 'FailedCreate'));
    expect(next).toMatchObject({ action: 'patch', name: 'p.agg', count: 2 });
    expect(next.action === 'patch' && next.event.message).toBe('(combined from similar events): failed 99');
  });

  it('drops floods from one object beyond a burst of 25, refilling one per 5 minutes', () => {
    const clock = new FakeClock();
    const c = new EventCorrelator('ctl', clock);
    const kinds = Array.from({ length: 30 }, (_, i) => c.correlate(ev(`m${i % 5}`, `R${i}`)).action);
    expect(kinds.filter((k) => k === 'drop')).toHaveLength(5);
    expect(c.correlate(ev('x', 'Y')).action).toBe('drop');
    clock.advance(5 * 60_000);
    expect(c.correlate(ev('x', 'Y')).action).toBe('create');
    // Another object has its own bucket.
    expect(c.correlate(ev('x', 'Y', { ...ref, name: 'other', uid: 'u9' })).action).toBe('create');
  });
});
