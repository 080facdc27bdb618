/**
 * Watch fan-out: `watchers` concurrent watches of one namespace while creates arrive at a fixed
 * rate. Measures events delivered per second (all watchers together) and the latency from
 * sending a create to a watcher receiving its event.
 */
import { setMaxListeners } from 'node:events';
import { waitFor } from '../../test/support/wait.js';
import type { ApiBench } from './api-phases.js';
import { openLoop, summarize, type Summary } from './load.js';

export interface WatchSummary extends Summary {
  /** Events expected (creates acknowledged × watchers) and events received. */
  expected: number;
  received: number;
}

export interface WatchPhaseOptions {
  namespace: string;
  /** Creates per second while the watchers listen. */
  writesPerSecond: number;
  durationMs: number;
}

const NAME = /"metadata":\{[^{}]*?"name":"([^"]+)"/;

export async function measureWatch(b: ApiBench, watchers: number, opts: WatchPhaseOptions): Promise<WatchSummary> {
  const path = b.kind.path(opts.namespace);
  const list = await b.client.json<{ metadata: { resourceVersion: string } }>('GET', `${path}?limit=1`, { expect: [200] });
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let received = 0;
  let lastEventAt = 0;
  let badLines = 0;
  const stop = new AbortController();
  setMaxListeners(watchers + 10, stop.signal);
  const onLine = (line: string): void => {
    const name = NAME.exec(line)?.[1];
    const sent = name === undefined ? undefined : sentAt.get(name);
    if (sent === undefined) {
      badLines++;
      return;
    }
    lastEventAt = performance.now();
    latencies.push(lastEventAt - sent);
    received++;
  };
  const query = `?watch=1&resourceVersion=${list.metadata.resourceVersion}`;
  try {
    const streams = await Promise.all(Array.from({ length: watchers }, () => b.client.stream(`${path}${query}`, onLine, { signal: stop.signal })));
    const failed = streams.find((s) => s.status !== 200);
    if (failed) throw new Error(`watch answered ${failed.status}`);
    const started = performance.now();
    let acked = 0;
    const writes = await openLoop(
      async (i) => {
        const name = `w${watchers}-${i}`;
        sentAt.set(name, performance.now());
        const res = await b.client.request('POST', path, { body: b.kind.build(name, opts.namespace) });
        if (res.status !== 201) throw new Error(`create ${name}: ${res.status}`);
        acked++;
      },
      { ratePerSecond: opts.writesPerSecond, durationMs: opts.durationMs },
    );
    const expected = acked * watchers;
    await waitFor(() => received >= expected, { timeoutMs: 15_000, intervalMs: 20, description: `${expected} watch events` }).catch(() => undefined);
    const summary = summarize(latencies, writes.errors + badLines + (expected - Math.min(received, expected)), {
      elapsedMs: Math.max(1, lastEventAt - started),
      firstError: writes.firstError ?? (badLines ? `${badLines} unexpected watch lines` : undefined),
    });
    return { ...summary, expected, received };
  } finally {
    stop.abort();
  }
}
