import { TooLargeResourceVersionError } from './errors.js';

interface Waiter {
  revision: number;
  resolve: () => void;
  reject: (err: unknown) => void;
  cleanup: () => void;
}

/**
 * Callers waiting for the cache to reach a revision. `notify` releases every waiter at or
 * below the new revision; a waiter that times out gets TooLargeResourceVersionError.
 */
export class RevisionWaiters {
  #waiters: Waiter[] = [];

  get size(): number {
    return this.#waiters.length;
  }

  /**
   * Resolves once `notify` reports `revision` or more. `current` is read for the error message
   * when the wait times out or is already satisfied.
   */
  wait(revision: number, timeoutMs: number, opts: { current: () => number; signal?: AbortSignal }): Promise<void> {
    if (opts.current() >= revision) return Promise.resolve();
    const signal = opts.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => settle(() => reject(signal?.reason));
      const timer = setTimeout(
        () => settle(() => reject(new TooLargeResourceVersionError(revision, Math.max(0, opts.current())))),
        Math.max(0, timeoutMs),
      );
      const waiter: Waiter = {
        revision,
        resolve: () => settle(resolve),
        reject: (err) => settle(() => reject(err)),
        cleanup: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
        },
      };
      const settle = (finish: () => void): void => {
        waiter.cleanup();
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        finish();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  /** The cache reached `revision`. */
  notify(revision: number): void {
    if (this.#waiters.length === 0) return;
    for (const waiter of this.#waiters.filter((w) => w.revision <= revision)) waiter.resolve();
  }

  /** Fails every waiter (the cache stopped). */
  rejectAll(err: unknown): void {
    for (const waiter of [...this.#waiters]) waiter.reject(err);
  }
}
