/** Runs async jobs one at a time, in submission order (the log's single writer lane). */
export class Lane {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when every job submitted so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}

/** Lets timers, I/O and already-scheduled immediates run before continuing. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
