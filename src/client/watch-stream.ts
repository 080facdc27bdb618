/** Parses a watch answer (newline-delimited JSON events) into an async iterable of WatchEvents. */
import type { IncomingMessage } from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import type { KubeObject } from '../api/meta.js';
import { ApiError } from '../machinery/index.js';
import type { WatchEvent, WatchEventType } from './types.js';

const TYPES: ReadonlySet<string> = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK']);
/** A single event larger than this ends the watch with an error (bad server or framing). */
const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** Turns one line into an event; throws ApiError for ERROR events and Error for garbage. */
export function parseWatchLine<T extends KubeObject>(line: string): WatchEvent<T> {
  let ev: { type?: unknown; object?: unknown };
  try {
    ev = JSON.parse(line) as typeof ev;
  } catch {
    throw new Error(`watch: malformed event: ${line.slice(0, 200)}`);
  }
  if (ev === null || typeof ev !== 'object') throw new Error(`watch: malformed event: ${line.slice(0, 200)}`);
  if (ev.type === 'ERROR') {
    throw ApiError.fromStatus(ev.object) ?? new Error(`watch: ERROR event without a Status: ${line.slice(0, 200)}`);
  }
  if (typeof ev.type !== 'string' || !TYPES.has(ev.type) || typeof ev.object !== 'object' || ev.object === null) {
    throw new Error(`watch: unexpected event: ${line.slice(0, 200)}`);
  }
  const object = ev.object as T;
  if (typeof object.metadata !== 'object' || object.metadata === null) object.metadata = {};
  return { type: ev.type as WatchEventType, object };
}

/**
 * Yields the events of an open watch response. Ends quietly when the server closes the stream
 * or `signal` aborts; throws ApiError on an ERROR event and Error on a broken stream.
 */
export async function* readWatchEvents<T extends KubeObject>(res: IncomingMessage, signal?: AbortSignal): AsyncGenerator<WatchEvent<T>> {
  const decoder = new StringDecoder('utf8');
  let buf = '';
  try {
    for await (const chunk of res) {
      buf += decoder.write(chunk as Buffer);
      let start = 0;
      let nl: number;
      while ((nl = buf.indexOf('\n', start)) >= 0) {
        const line = buf.slice(start, nl).trim();
        start = nl + 1;
        if (line) yield parseWatchLine<T>(line);
      }
      buf = buf.slice(start);
      if (buf.length > MAX_LINE_BYTES) throw new Error('watch: event exceeds the size limit');
    }
  } catch (err) {
    if (signal?.aborted || isCloseError(err)) return; // cut off: the caller resumes
    throw err;
  } finally {
    res.destroy();
  }
  const rest = (buf + decoder.end()).trim();
  if (rest) yield parseWatchLine<T>(rest);
}

function isCloseError(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === 'ECONNRESET' || code === 'ABORT_ERR' || (err as Error)?.name === 'AbortError';
}
