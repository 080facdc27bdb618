/** AbortSignal helpers: sleeping that an abort cuts short, and child signals. */
import { realClock, type Clock } from './clock.js';

/** Resolves after `ms` (or at once when `signal` aborts; it never rejects). Returns false if aborted. */
export function sleep(ms: number, opts: { signal?: AbortSignal; clock?: Clock } = {}): Promise<boolean> {
  const clock = opts.clock ?? realClock;
  const signal = opts.signal;
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clock.clearTimeout(timer);
      resolve(false);
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * An AbortController that also aborts when `parent` does. Call `dispose()` when done so the
 * parent does not keep a listener.
 */
export function childController(parent?: AbortSignal): AbortController & { dispose(): void } {
  const ctl = new AbortController() as AbortController & { dispose(): void };
  if (!parent) {
    ctl.dispose = () => {};
    return ctl;
  }
  const onAbort = () => ctl.abort(parent.reason);
  if (parent.aborted) ctl.abort(parent.reason);
  else parent.addEventListener('abort', onAbort, { once: true });
  ctl.dispose = () => parent.removeEventListener('abort', onAbort);
  return ctl;
}

/** True when `err` is what an aborted operation throws (AbortError or the signal's reason). */
export function isAbortError(err: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted && err === signal.reason) return true;
  return err instanceof Error && (err.name === 'AbortError' || (err as { code?: string }).code === 'ABORT_ERR');
}
