/**
 * ControllerRunner: one controller during one leadership term: its context, its queue fed by
 * the informer wiring, and its workers calling the reconciler.
 */
import { BucketRateLimiter, EventRecorder, ItemExponentialRateLimiter, MaxOfRateLimiter, WorkQueue, type RestClient, type SharedInformerFactory } from '../../client/index.js';
import { isConflict, isNotFound } from '../../machinery/index.js';
import { sleep, type Clock } from '../../util/index.js';
import type { ControllerContext, ControllerDefinition, ControllerSettings } from './controller.js';
import { TerminalError, requestFromKey, requestKey, type Reconciler } from './reconciler.js';
import { wireController } from './wiring.js';

export const DEFAULT_WORKERS = 5;
/** Delay before retrying a key whose reconcile lost an optimistic-lock race. */
export const CONFLICT_RETRY_MS = 20;
/** The longest per-key retry delay (settings.maxRetryDelayMs overrides). */
export const DEFAULT_MAX_RETRY_DELAY_MS = 60_000;

export interface RunnerDeps {
  client: RestClient;
  informers: SharedInformerFactory;
  settings: ControllerSettings;
  clock: Clock;
  log: (line: string) => void;
}

export class ControllerRunner {
  readonly queue: WorkQueue<string>;
  readonly events: EventRecorder;
  private reconciler: Reconciler | undefined;
  private unwire: (() => void) | undefined;
  private workers: Promise<void>[] = [];
  /** Reconciles run so far (tests, metrics). */
  reconciles = 0;
  /** Reconciles that threw. */
  failures = 0;

  constructor(
    readonly def: ControllerDefinition,
    private readonly deps: RunnerDeps,
    private readonly signal: AbortSignal,
  ) {
    // client-go's controller limiter (5 ms doubling per key, 10 qps overall), with the per-key
    // delay capped lower than its 1000 s: after an overloaded API server recovers, a key whose
    // writes kept failing should not sit out for many minutes.
    const maxMs = typeof deps.settings.maxRetryDelayMs === 'number' && deps.settings.maxRetryDelayMs > 5 ? deps.settings.maxRetryDelayMs : DEFAULT_MAX_RETRY_DELAY_MS;
    const rateLimiter = new MaxOfRateLimiter<string>(new ItemExponentialRateLimiter({ baseMs: 5, maxMs }), new BucketRateLimiter({ qps: 10, burst: 100, clock: deps.clock }));
    this.queue = new WorkQueue<string>({ name: def.name, clock: deps.clock, rateLimiter });
    this.events = new EventRecorder(deps.client, { component: def.component ?? def.name, clock: deps.clock, log: deps.log });
    signal.addEventListener('abort', () => this.queue.shutDown(), { once: true });
  }

  /** Builds the reconciler and wires the informers. Throws what the definition's factory throws. */
  async setup(): Promise<void> {
    const ctx: ControllerContext = {
      name: this.def.name,
      client: this.deps.client,
      informers: this.deps.informers,
      events: this.events,
      clock: this.deps.clock,
      log: (l) => this.deps.log(`${this.def.name}: ${l}`),
      settings: this.deps.settings,
      signal: this.signal,
      enqueue: (req, opts) => {
        const key = requestKey(req);
        if (opts?.afterMs && opts.afterMs > 0) this.queue.addAfter(key, opts.afterMs);
        else this.queue.add(key);
      },
    };
    this.reconciler = await this.def.reconciler(ctx);
    if (!this.reconciler || typeof this.reconciler.reconcile !== 'function') {
      throw new Error(`controller ${this.def.name}: its factory returned no reconciler`);
    }
    this.unwire = wireController(this.def, ctx, (k) => this.queue.add(k));
  }

  /** Starts the workers (call once caches have synced). */
  start(): void {
    const n = this.deps.settings.concurrentSyncs?.[this.def.name] ?? this.def.workers ?? DEFAULT_WORKERS;
    for (let i = 0; i < Math.max(1, n); i++) this.workers.push(this.work());
    if (this.def.for && this.def.resyncPeriodMs && this.def.resyncPeriodMs > 0) this.workers.push(this.resync(this.def.resyncPeriodMs));
  }

  /** Resolves when every worker has returned (after the signal aborted). */
  async stopped(): Promise<void> {
    this.queue.shutDown();
    await Promise.all(this.workers);
    this.unwire?.();
    this.events.stop();
  }

  private async work(): Promise<void> {
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      try {
        this.reconciles++;
        const res = await this.reconciler!.reconcile(requestFromKey(key), this.signal);
        if (res?.requeue) this.queue.addRateLimited(key);
        else this.queue.forget(key);
        if (res && typeof res.requeueAfterMs === 'number' && res.requeueAfterMs >= 0) this.queue.addAfter(key, res.requeueAfterMs);
      } catch (err) {
        this.failures++;
        if (this.signal.aborted) continue;
        if (err instanceof TerminalError) {
          this.deps.log(`${this.def.name}: ${key}: ${err.message} (not retried)`);
          this.queue.forget(key);
        } else if (isConflict(err)) {
          // An optimistic-lock race (the cache was behind a write): retry soon, without growing
          // the key's backoff, which would stall a busy object for minutes.
          this.queue.addAfter(key, CONFLICT_RETRY_MS);
        } else {
          // Vanished objects are the normal races of a controller: retry quietly.
          if (!isNotFound(err)) this.deps.log(`${this.def.name}: error syncing ${JSON.stringify(key)}: ${(err as Error)?.message ?? String(err)}; will retry`);
          this.queue.addRateLimited(key);
        }
      } finally {
        this.queue.done(key);
      }
    }
  }

  private async resync(periodMs: number): Promise<void> {
    const inf = this.deps.informers.informerFor(this.def.for!);
    while (await sleep(periodMs, { signal: this.signal, clock: this.deps.clock })) {
      for (const k of inf.store.keys()) this.queue.add(k);
    }
  }
}
