/**
 * Turns a batch of write requests into log rows (MVCC on top of the log): each request is
 * checked against the key's newest row (or the row an earlier request of the same batch
 * wrote) and becomes one row with the next revision, or a typed error.
 */
import type { KeyValue, WatchEvent } from '../backend.js';
import { ConflictError, KeyExistsError, KeyNotFoundError } from '../errors.js';
import type { LogRow } from './driver.js';
import { eventOf, kvOf, liveKv } from './rows.js';

export type WriteOp =
  | { kind: 'create'; key: string; value: string }
  | { kind: 'update'; key: string; value: string; expected: number }
  | { kind: 'delete'; key: string; expected?: number };

export type Outcome = { ok: KeyValue; error?: undefined } | { ok?: undefined; error: Error };

export interface Plan {
  /** Rows to append, in id order. */
  rows: LogRow[];
  /** One per op, in op order. */
  outcomes: Outcome[];
  /** The events of the rows, for watchers. */
  events: WatchEvent[];
}

/** Decides one op given the key's newest row; returns the new row or an error. */
export function decide(op: WriteOp, prev: LogRow | null, id: number): LogRow | Error {
  const live = prev && !prev.deleted ? prev : null;
  const prevRevision = prev ? prev.id : 0;
  switch (op.kind) {
    case 'create':
      if (live) return new KeyExistsError(op.key);
      return { id, name: op.key, created: 1, deleted: 0, createRevision: id, prevRevision, value: op.value };
    case 'update':
      if (!live || live.id !== op.expected) return new ConflictError(op.key, op.expected, liveKv(live));
      return { ...live, id, created: 0, prevRevision, value: op.value };
    case 'delete':
      if (!live) return new KeyNotFoundError(op.key);
      if (op.expected !== undefined && live.id !== op.expected) {
        return new ConflictError(op.key, op.expected, kvOf(live));
      }
      return { ...live, id, created: 0, deleted: 1, prevRevision };
  }
}

/**
 * Plans `ops` on top of revision `revision`. `latest` reads a key's newest stored row.
 */
export async function planBatch(
  ops: readonly WriteOp[],
  revision: number,
  opts: { latest: (key: string) => Promise<LogRow | null> },
): Promise<Plan> {
  const newest = new Map<string, LogRow | null>();
  const plan: Plan = { rows: [], outcomes: [], events: [] };
  let id = revision;
  for (const op of ops) {
    const prev = newest.has(op.key) ? newest.get(op.key)! : await opts.latest(op.key);
    const result = decide(op, prev, id + 1);
    if (result instanceof Error) {
      newest.set(op.key, prev);
      plan.outcomes.push({ error: result });
      continue;
    }
    id = result.id;
    newest.set(op.key, result);
    plan.rows.push(result);
    plan.events.push(eventOf(result, prev));
    plan.outcomes.push({ ok: kvOf(result) });
  }
  return plan;
}
