/** Conversions from log rows to the contract's KeyValue and WatchEvent. */
import type { KeyValue, WatchEvent } from '../backend.js';
import type { LogRow } from './driver.js';

export function kvOf(row: LogRow): KeyValue {
  return { key: row.name, value: row.value, createRevision: row.createRevision, modRevision: row.id };
}

/** The live value a row leaves behind, or null for a tombstone or no row. */
export function liveKv(row: LogRow | null | undefined): KeyValue | null {
  return row && !row.deleted ? kvOf(row) : null;
}

/** The watch event of `row`; `prev` is the row it replaced, if still stored. */
export function eventOf(row: LogRow, prev: LogRow | null): WatchEvent {
  const type = row.deleted ? 'delete' : row.created ? 'create' : 'update';
  const event: WatchEvent = { type, kv: kvOf(row), revision: row.id };
  if (type !== 'create' && prev && !prev.deleted) event.prevKv = kvOf(prev);
  return event;
}
