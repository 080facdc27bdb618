/**
 * An in-memory LogDriver (`memory://`) for unit tests: nothing is durable, but it runs the same
 * LogBackend code as the SQL drivers, with the same (name, prevRevision) uniqueness rule.
 */
import { compareKeys } from '../keys.js';
import { type KeyRange, type LogChange, LogConflictError, type LogDriver, type LogRow } from '../log/driver.js';

function pairOf(row: LogRow): string {
  return `${row.name}\0${row.prevRevision}`;
}

/** Index of the first element of sorted `items` that is not below `target`. */
function lowerBound<T>(items: readonly T[], less: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (less(items[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class MemoryLogDriver implements LogDriver {
  readonly location: string;
  /** Every stored row, in id order. */
  private log: LogRow[] = [];
  private readonly byId = new Map<number, LogRow>();
  /** Each key's stored rows, in id order. */
  private readonly byName = new Map<string, LogRow[]>();
  /** Keys that have stored rows, in key order. */
  private names: string[] = [];
  private readonly pairs = new Set<string>();
  private current = 0;
  private compacted = 0;

  constructor(location = 'memory://') {
    this.location = location;
  }

  async currentRevision(): Promise<number> {
    return this.current;
  }

  async compactedRevision(): Promise<number> {
    return this.compacted;
  }

  async latest(name: string, revision = Infinity): Promise<LogRow | null> {
    return this.latestSync(name, revision);
  }

  async range(range: KeyRange, opts: { revision: number; limit: number }): Promise<LogRow[]> {
    const rows: LogRow[] = [];
    for (const name of this.namesIn(range)) {
      const row = this.latestSync(name, opts.revision);
      if (!row || row.deleted) continue;
      rows.push(row);
      if (opts.limit > 0 && rows.length >= opts.limit) break;
    }
    return rows;
  }

  async count(range: KeyRange): Promise<number> {
    let n = 0;
    for (const name of this.namesIn(range)) if (!this.latestSync(name, Infinity)?.deleted) n++;
    return n;
  }

  async changes(after: number, opts: { range: KeyRange; upTo: number; limit: number }): Promise<LogChange[]> {
    const { start, end } = opts.range;
    const out: LogChange[] = [];
    for (let i = lowerBound(this.log, (r) => r.id <= after); i < this.log.length; i++) {
      const row = this.log[i]!;
      if (row.id > opts.upTo || out.length >= opts.limit) break;
      if (compareKeys(row.name, start) < 0 || (end !== null && compareKeys(row.name, end) >= 0)) continue;
      out.push({ row, prev: this.byId.get(row.prevRevision) ?? null });
    }
    return out;
  }

  async append(rows: readonly LogRow[]): Promise<void> {
    const seen = new Set<string>();
    for (const row of rows) {
      const pair = pairOf(row);
      if (this.pairs.has(pair) || seen.has(pair)) {
        throw new LogConflictError(`${row.name} already has a row after revision ${row.prevRevision}`);
      }
      seen.add(pair);
    }
    for (const row of rows) {
      this.log.push(row);
      this.byId.set(row.id, row);
      this.pairs.add(pairOf(row));
      const chain = this.byName.get(row.name);
      if (chain) chain.push(row);
      else {
        this.byName.set(row.name, [row]);
        this.names.splice(lowerBound(this.names, (n) => compareKeys(n, row.name) < 0), 0, row.name);
      }
      this.current = Math.max(this.current, row.id);
    }
  }

  async compactBatch(from: number, to: number): Promise<number> {
    const doomed = new Set<number>();
    for (const row of this.log) {
      if (row.id <= from) continue;
      if (row.id > to) break;
      if (row.prevRevision > 0) doomed.add(row.prevRevision);
      if (row.deleted) doomed.add(row.id);
    }
    let removed = 0;
    for (const id of doomed) {
      const row = this.byId.get(id);
      if (!row) continue;
      removed++;
      this.byId.delete(id);
      this.pairs.delete(pairOf(row));
      const chain = this.byName.get(row.name)!.filter((r) => r.id !== id);
      if (chain.length > 0) this.byName.set(row.name, chain);
      else {
        this.byName.delete(row.name);
        this.names = this.names.filter((n) => n !== row.name);
      }
    }
    if (removed > 0) this.log = this.log.filter((r) => !doomed.has(r.id));
    this.compacted = Math.max(this.compacted, to);
    return removed;
  }

  async close(): Promise<void> {}

  private latestSync(name: string, revision: number): LogRow | null {
    const chain = this.byName.get(name);
    if (!chain) return null;
    for (let i = chain.length - 1; i >= 0; i--) if (chain[i]!.id <= revision) return chain[i]!;
    return null;
  }

  private *namesIn(range: KeyRange): Iterable<string> {
    for (let i = lowerBound(this.names, (n) => compareKeys(n, range.start) < 0); i < this.names.length; i++) {
      const name = this.names[i]!;
      if (range.end !== null && compareKeys(name, range.end) >= 0) return;
      yield name;
    }
  }
}
