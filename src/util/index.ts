/** Tiny shared helpers (no component logic). This file is the folder's only public surface. */
export { FakeClock, realClock, safeDelay, type Clock, type TimerHandle } from './clock.js';
export { childController, isAbortError, sleep } from './abort.js';
export { Backoff, exponentialDelay, type BackoffOptions } from './backoff.js';
export { rfc3339, rfc3339Micro } from './time.js';
