/**
 * A burst of concurrent ConfigMap creates that records exactly what was sent and which creates
 * were acknowledged with 201, so a crash test can compare the store with the acknowledgements.
 */
import type { ApiClient } from './api-client.js';
import { configMap, randomData, revisionOf, type ConfigMap } from './objects.js';

export interface BurstOptions {
  namespace: string;
  /** Concurrent requests in flight. */
  concurrency: number;
  /** Data entries per object and their size. */
  keys: number;
  bytesPerKey: number;
  /** Each worker stops after this many attempts (bounds the loop). */
  maxPerWorker: number;
  /** Called after each 201 with the number acknowledged so far. */
  onAck?: (acked: number) => void;
  /**
   * Whether the server is meant to be gone (killed). A network error then ends the worker;
   * before that it is recorded in `unexpectedErrors` and the worker goes on.
   */
  serverGone: () => boolean;
}

export interface BurstResult {
  /** Every object whose create was sent (acknowledged or not), by name. */
  sent: Map<string, ConfigMap>;
  /** Names answered 201, with the resourceVersion of the answer. */
  acked: Map<string, number>;
  /** Names answered with a status other than 201, with that status. */
  rejected: Map<string, number>;
  /** Network errors after the server was killed (expected). */
  networkErrors: number;
  /** Network errors while the server was meant to be up, with their messages. */
  unexpectedErrors: string[];
}

/**
 * Runs `concurrency` workers that create ConfigMaps until `signal` aborts, a worker hits a
 * network error once the server is gone, or `maxPerWorker` is reached.
 */
export async function createBurst(client: ApiClient, signal: AbortSignal, opts: BurstOptions): Promise<BurstResult> {
  const result: BurstResult = { sent: new Map(), acked: new Map(), rejected: new Map(), networkErrors: 0, unexpectedErrors: [] };
  const path = `/api/v1/namespaces/${opts.namespace}/configmaps`;
  const worker = async (w: number): Promise<void> => {
    for (let i = 0; i < opts.maxPerWorker && !signal.aborted; i++) {
      const name = `burst-${w}-${i}`;
      const obj = configMap(name, opts.namespace, { data: randomData(opts.keys, opts.bytesPerKey), labels: { burst: 'yes' } });
      result.sent.set(name, obj);
      let res;
      try {
        res = await client.request('POST', path, { body: obj, timeoutMs: 15_000 });
      } catch (err) {
        if (opts.serverGone()) {
          result.networkErrors++;
          return;
        }
        result.unexpectedErrors.push(`${name}: ${(err as Error).message}`);
        continue;
      }
      if (res.status === 201) {
        result.acked.set(name, revisionOf(JSON.parse(res.body) as ConfigMap));
        opts.onAck?.(result.acked.size);
      } else {
        result.rejected.set(name, res.status);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, (_, w) => worker(w)));
  return result;
}
