/** The benchmark's printed table and its final JSON line. */
import type { Summary } from './load.js';

export interface Row {
  phase: string;
  /** Concurrency, watchers or rate, as printed. */
  load: string;
  summary: Summary;
  note?: string;
  /** Share of one CPU used by the server and by this (client) process during the phase. */
  serverCpu?: number;
  clientCpu?: number;
}

const HEADERS = ['phase', 'load', 'ops', 'errors', 'ops/s', 'p50 ms', 'p99 ms', 'max ms', 'srv cpu', 'cli cpu', 'note'];
/** Columns aligned right (the numbers). */
const NUMERIC = new Set([2, 3, 4, 5, 6, 7, 8, 9]);

function percent(share: number | undefined): string {
  return share === undefined ? '-' : `${Math.round(share * 100)}%`;
}

function fixed(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '-';
}

/** A plain-text table with aligned columns. */
export function renderTable(rows: readonly Row[]): string {
  const cells = rows.map((r) => [
    r.phase,
    r.load,
    String(r.summary.ops),
    String(r.summary.errors),
    fixed(r.summary.perSecond, 0),
    fixed(r.summary.p50Ms, 2),
    fixed(r.summary.p99Ms, 2),
    fixed(r.summary.maxMs, 2),
    percent(r.serverCpu),
    percent(r.clientCpu),
    [r.note, r.summary.firstError ? `first error: ${r.summary.firstError.slice(0, 100)}` : ''].filter(Boolean).join('; '),
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]): string => c.map((v, i) => (NUMERIC.has(i) ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(HEADERS), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** Rounds to `digits` decimals for the JSON line. */
export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** The highest ops/s among summaries (0 for none). */
export function best(summaries: Iterable<Summary>): number {
  let top = 0;
  for (const s of summaries) top = Math.max(top, s.perSecond);
  return top;
}
