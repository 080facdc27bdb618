import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../util/index.js';
import { Expectations } from './expectations.js';

describe('Expectations', () => {
  it('is satisfied once every expected add and delete was observed', () => {
    const e = new Expectations();
    expect(e.satisfied('ns/rs')).toBe(true);
    e.expectCreations('ns/rs', 2);
    expect(e.satisfied('ns/rs')).toBe(false);
    e.creationObserved('ns/rs');
    e.creationObserved('ns/rs');
    e.creationObserved('ns/rs'); // extra observations do not go negative
    expect(e.satisfied('ns/rs')).toBe(true);
    e.expectDeletions('ns/rs', ['ns/a', 'ns/b']);
    e.deletionObserved('ns/rs', 'ns/a');
    e.deletionObserved('ns/rs', 'ns/zzz');
    expect(e.pending('ns/rs')).toEqual({ adds: 0, deletes: 1 });
    e.deletionObserved('ns/rs', 'ns/b');
    expect(e.satisfied('ns/rs')).toBe(true);
  });
  it('expires after the timeout, and forgets deleted owners', () => {
    const clock = new FakeClock();
    const e = new Expectations({ clock, ttlMs: 1000 });
    e.expectCreations('k', 5);
    clock.advance(999);
    expect(e.satisfied('k')).toBe(false);
    clock.advance(2);
    expect(e.satisfied('k')).toBe(true);
    e.delete('k');
    expect(e.pending('k')).toBeUndefined();
  });
});
