import { describe, expect, it } from 'vitest';
import { TooLargeResourceVersionError } from './errors.js';
import { RevisionWaiters } from './revision-waiters.js';

describe('RevisionWaiters', () => {
  it('resolves at once when already there, and on notify otherwise', async () => {
    let current = 5;
    const waiters = new RevisionWaiters();
    await waiters.wait(5, 1_000, { current: () => current });
    const pending = waiters.wait(8, 5_000, { current: () => current });
    const later = waiters.wait(20, 5_000, { current: () => current });
    current = 8;
    waiters.notify(8);
    await pending;
    expect(waiters.size).toBe(1);
    waiters.rejectAll(new Error('stopped'));
    await expect(later).rejects.toThrow('stopped');
    expect(waiters.size).toBe(0);
  });

  it('times out with TooLargeResourceVersionError', async () => {
    const waiters = new RevisionWaiters();
    const err = await waiters.wait(9, 10, { current: () => 3 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TooLargeResourceVersionError);
    expect(err).toMatchObject({ requested: 9, current: 3, message: 'Too large resource version: 9, current: 3' });
    expect(waiters.size).toBe(0);
  });

  it('stops waiting when the signal aborts', async () => {
    const waiters = new RevisionWaiters();
    const ac = new AbortController();
    const pending = waiters.wait(9, 5_000, { current: () => 3, signal: ac.signal });
    ac.abort(new Error('client went away'));
    await expect(pending).rejects.toThrow('client went away');
    expect(waiters.size).toBe(0);
    await expect(waiters.wait(9, 5_000, { current: () => 3, signal: ac.signal })).rejects.toThrow('client went away');
  });
});
