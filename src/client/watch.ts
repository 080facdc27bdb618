/** A WatchStream over the transport: connects lazily, closes on close() or abort. */
import type { KubeObject } from '../api/meta.js';
import { childController } from '../util/index.js';
import type { Transport } from './transport.js';
import type { RawRequest, WatchEvent, WatchStream } from './types.js';
import { readWatchEvents } from './watch-stream.js';

export function openWatch<T extends KubeObject>(transport: Transport, req: Omit<RawRequest, 'method'>): WatchStream<T> {
  const ctl = childController(req.signal);
  async function* events(): AsyncGenerator<WatchEvent<T>> {
    try {
      if (ctl.signal.aborted) return;
      let res;
      try {
        res = await transport.stream({ ...req, method: 'GET', signal: ctl.signal });
      } catch (err) {
        if (ctl.signal.aborted) return;
        throw err;
      }
      yield* readWatchEvents<T>(res, ctl.signal);
    } finally {
      ctl.abort();
      ctl.dispose();
    }
  }
  const gen = events();
  return {
    [Symbol.asyncIterator]: () => gen,
    close: () => ctl.abort(),
  };
}
