/**
 * Where the benchmark learns that a pod was bound: from its own scheduler (the scheduler runs
 * in this process) or from a pod watch (the server's embedded scheduler does the work).
 */
import { pod as podKind, type Pod } from '../../src/api/core/v1/index.js';
import { SharedInformerFactory, type RestClient } from '../../src/client/index.js';
import { startScheduler, type RunningScheduler } from '../../src/scheduler/index.js';

export interface BindObserver {
  ready: Promise<void>;
  /** A line about the scheduler's own view, when it runs here. */
  describe(): string;
  stop(): Promise<void>;
}

export function localScheduler(client: RestClient, onBound: (p: Pod) => void, opts: { maxBinds: number; log: (l: string) => void }): BindObserver {
  const s: RunningScheduler = startScheduler(client, { log: opts.log, maxConcurrentBinds: opts.maxBinds, onPodBound: onBound });
  return {
    ready: s.ready,
    describe() {
      const m = s.metrics;
      return (
        `scheduler attempts ${m.attempts}, unschedulable ${m.unschedulable}, bind errors ${m.bindErrors}; ` +
        `first attempt→bound p50 ${m.quantile('e2e', 0.5).toFixed(1)} ms, p99 ${m.quantile('e2e', 0.99).toFixed(1)} ms; ` +
        `algorithm p50 ${m.quantile('algorithm', 0.5).toFixed(3)} ms, p99 ${m.quantile('algorithm', 0.99).toFixed(3)} ms`
      );
    },
    stop: () => s.stop(),
  };
}

export function watchBinds(client: RestClient, onBound: (p: Pod) => void, log: (l: string) => void): BindObserver {
  const ctl = new AbortController();
  const factory = new SharedInformerFactory(client, { log });
  factory.informerFor<Pod>(podKind).addEventHandler({
    onAdd: (p) => p.spec?.nodeName && onBound(p),
    onUpdate: (old, p) => !old.spec?.nodeName && p.spec?.nodeName && onBound(p),
  });
  factory.start(ctl.signal);
  return {
    ready: factory.waitForSync(ctl.signal).then(() => undefined),
    describe: () => 'scheduler embedded in the server',
    async stop() {
      ctl.abort();
    },
  };
}
