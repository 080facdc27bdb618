/**
 * Go-style durations ("300ms", "1.5s", "2m30s", "1h"), as the simulate-* annotations take them
 * and as the kubelet prints back-off delays ("back-off 1m20s restarting failed container").
 */

const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** The largest duration accepted (Go's time.Duration tops out near 292 years; a year is plenty here). */
const MAX_MS = 366 * 24 * 3_600_000;

/**
 * Milliseconds in a Go duration string. A sign is not allowed (durations here are never
 * negative); "0" is the only unitless value, as in Go. Throws an Error naming the input.
 */
export function parseGoDuration(text: string): number {
  if (typeof text !== 'string') throw new Error(`invalid duration ${JSON.stringify(text)}: not a string`);
  const s = text.trim();
  if (s === '0') return 0;
  if (s === '') throw new Error('invalid duration "": empty');
  let total = 0;
  let rest = s;
  const part = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  while (rest.length > 0) {
    const m = part.exec(rest);
    if (!m) {
      const why = /^[\d.]+$/.test(rest) ? 'missing unit' : /^[+-]/.test(s) ? 'a sign is not allowed' : 'expected a number and a unit (ms, s, m, h)';
      throw new Error(`invalid duration ${JSON.stringify(text)}: ${why}`);
    }
    total += Number(m[1]) * UNITS[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  if (!Number.isFinite(total) || total > MAX_MS) throw new Error(`invalid duration ${JSON.stringify(text)}: longer than a year`);
  return total;
}

function trimFraction(n: number, digits: number): string {
  return n.toFixed(digits).replace(/\.?0+$/, '');
}

/** Go's time.Duration.String() for whole or fractional milliseconds: "500ms", "10s", "1m20s", "5m0s", "1h0m0s". */
export function formatGoDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0s';
  if (ms < 1) return `${trimFraction(ms * 1000, 3)}µs`;
  if (ms < 1000) return `${trimFraction(ms, 6)}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const sec = trimFraction((ms % 60_000) / 1000, 3);
  if (h > 0) return `${h}h${m}m${sec}s`;
  if (m > 0) return `${m}m${sec}s`;
  return `${sec}s`;
}
