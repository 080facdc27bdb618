/**
 * Kubernetes resource quantities (apimachinery resource.Quantity): "100m", "1.5Gi", "2e3",
 * "128974848". A quantity is held exactly as a whole number of nano-units (the finest
 * precision upstream keeps; finer inputs are rounded up, away from zero), plus the format
 * family its suffix came from, which decides how it is printed back.
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The amount in units of 1e-9. */
  nanos: bigint;
  format: QuantityFormat;
  /**
   * The text it was parsed from, when upstream would print that text back unchanged
   * (it keeps inputs that are already in canonical form, such as "100m" or "1Gi").
   */
  text?: string;
}

/** The pattern upstream quotes when a quantity is malformed. */
export const QUANTITY_PATTERN = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';

export const QUANTITY_FORMAT_ERROR = `quantities must match the regular expression '${QUANTITY_PATTERN}'`;
export const QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity';
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

/** Thrown by `parseQuantity`; `message` is upstream's wording. */
export class QuantityError extends Error {
  constructor(
    message: string,
    readonly input: string,
  ) {
    super(message);
    this.name = 'QuantityError';
  }
}

const NANO = 9;
const TEN = 10n;
const MAX_INT64 = (1n << 63n) - 1n;

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_BY_EXPONENT = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

interface Pieces {
  negative: boolean;
  /** Integer digits without leading zeros ("0" when none). */
  num: string;
  /** Fraction digits. */
  denom: string;
  suffix: string;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Splits a quantity string the way upstream's hand-written scanner does (quirks included). */
function split(str: string): Pieces {
  let pos = 0;
  let negative = false;
  if (str[0] === '-' || str[0] === '+') {
    negative = str[0] === '-';
    pos++;
  }
  while (str[pos] === '0') pos++;
  const numStart = pos;
  while (isDigit(str[pos])) pos++;
  const num = str.slice(numStart, pos) || '0';
  let denom = '';
  if (str[pos] === '.') {
    const denomStart = ++pos;
    while (isDigit(str[pos])) pos++;
    denom = str.slice(denomStart, pos);
  }
  const suffixStart = pos;
  while (pos < str.length && 'eEinumkKMGTP'.includes(str[pos]!)) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (isDigit(str[pos])) pos++;
  if (pos < str.length) throw new QuantityError(QUANTITY_FORMAT_ERROR, str);
  return { negative, num, denom, suffix: str.slice(suffixStart) };
}

interface Suffix {
  base: 10 | 2;
  exponent: number;
  format: QuantityFormat;
}

function interpretSuffix(suffix: string): Suffix | undefined {
  if (suffix in DECIMAL_SUFFIXES) return { base: 10, exponent: DECIMAL_SUFFIXES[suffix]!, format: 'DecimalSI' };
  if (suffix in BINARY_SUFFIXES) return { base: 2, exponent: BINARY_SUFFIXES[suffix]!, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[-+]?[0-9]+$/.test(suffix.slice(1))) {
    const exponent = Number(suffix.slice(1));
    if (Number.isSafeInteger(exponent) && Math.abs(exponent) <= 2 ** 31 - 1) {
      return { base: 10, exponent, format: 'DecimalExponent' };
    }
  }
  return undefined;
}

/** Divides rounding away from zero (the magnitude is non-negative here). */
function divideUp(n: bigint, d: bigint): bigint {
  const q = n / d;
  return q * d === n ? q : q + 1n;
}

/** Would upstream keep the input text as the printed form? */
function keepsText(p: Pieces, s: Suffix): boolean {
  const digits = p.num + p.denom;
  if (digits.length > 18) return false;
  if (s.format === 'BinarySI') {
    return p.denom === '' && s.exponent % 10 === 0 && (Number(BigInt(digits) & 7n) !== 0);
  }
  const scale = s.exponent - p.denom.length;
  return scale >= -NANO && scale % 3 === 0 && !digits.endsWith('000') && digits[0] !== '0';
}

/** Parses a quantity; throws QuantityError with upstream's message when it is malformed. */
export function parseQuantity(input: string | number): Quantity {
  const str = typeof input === 'number' ? numberText(input) : input;
  if (str.length === 0) throw new QuantityError(QUANTITY_FORMAT_ERROR, str);
  if (str === '0') return { nanos: 0n, format: 'DecimalSI', text: '0' };
  const p = split(str);
  const s = interpretSuffix(p.suffix);
  if (!s) throw new QuantityError(QUANTITY_SUFFIX_ERROR, str);
  // The magnitude is digits × 10^(−len(denom)) × base^exponent; scale it to nanos.
  let magnitude = BigInt(p.num + p.denom);
  let tenPower = NANO - p.denom.length;
  if (s.base === 10) tenPower += s.exponent;
  else magnitude <<= BigInt(s.exponent);
  if (tenPower >= 0) magnitude *= TEN ** BigInt(tenPower);
  else magnitude = divideUp(magnitude, TEN ** BigInt(-tenPower));
  let format = s.format;
  if (format === 'BinarySI') {
    if (magnitude > MAX_INT64 * 10n ** BigInt(NANO)) magnitude = MAX_INT64 * 10n ** BigInt(NANO);
    if (magnitude > 0n && magnitude < 10n ** BigInt(NANO)) format = 'DecimalSI';
  }
  const q: Quantity = { nanos: p.negative ? -magnitude : magnitude, format };
  if (format === s.format && keepsText(p, s)) q.text = str;
  return q;
}

/** Numbers in JSON (`cpu: 0.5`) are read as their decimal text, as upstream does. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new QuantityError(QUANTITY_FORMAT_ERROR, String(n));
  return String(n).replace('e+', 'e');
}

/** The parse problem of a value, or undefined when it is a valid quantity. */
export function quantityError(input: unknown): string | undefined {
  if (typeof input !== 'string' && typeof input !== 'number') return QUANTITY_FORMAT_ERROR;
  try {
    parseQuantity(input);
    return undefined;
  } catch (e) {
    if (e instanceof QuantityError) return e.message;
    throw e;
  }
}

/** Parses, or returns undefined for malformed input. */
export function tryParseQuantity(input: unknown): Quantity | undefined {
  if (typeof input !== 'string' && typeof input !== 'number') return undefined;
  try {
    return parseQuantity(input);
  } catch {
    return undefined;
  }
}

function removeFactors(n: bigint, factor: bigint): { rest: bigint; times: number } {
  let times = 0;
  while (n !== 0n && n % factor === 0n) {
    n /= factor;
    times++;
  }
  return { rest: n, times };
}

function decimalText(magnitude: bigint, format: QuantityFormat): string {
  const { rest, times } = removeFactors(magnitude, TEN);
  let exponent = times - NANO;
  let mantissa = rest;
  const shift = ((exponent % 3) + 3) % 3;
  mantissa *= TEN ** BigInt(shift);
  exponent -= shift;
  if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  const suffix = DECIMAL_BY_EXPONENT.get(exponent);
  return suffix === undefined ? `${mantissa}e${exponent}` : `${mantissa}${suffix}`;
}

/** The canonical text upstream would produce for this amount and format (ignoring `text`). */
export function canonicalQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  const negative = q.nanos < 0n;
  const magnitude = negative ? -q.nanos : q.nanos;
  const unit = TEN ** BigInt(NANO);
  let out: string;
  if (q.format === 'BinarySI' && magnitude >= 1024n * unit && magnitude % unit === 0n) {
    const { rest, times } = removeFactors(magnitude / unit, 1024n);
    const exp = Math.min(times, BINARY_BY_EXPONENT.length - 1);
    out = `${rest * 1024n ** BigInt(times - exp)}${BINARY_BY_EXPONENT[exp]}`;
  } else {
    out = decimalText(magnitude, q.format === 'DecimalExponent' ? 'DecimalExponent' : 'DecimalSI');
  }
  return negative ? `-${out}` : out;
}

/** The text upstream serialises a quantity as: the input when already canonical, else canonical form. */
export function quantityToString(q: Quantity): string {
  return q.text ?? canonicalQuantity(q);
}

/**
 * Rounds up (away from zero) to whole thousandths, as the apiserver does to every ResourceList
 * value; the kept input text is dropped when it was written finer than milli-units.
 */
export function roundUpToMilli(q: Quantity): Quantity {
  const unit = 10n ** 6n;
  const rest = q.nanos % unit;
  if (rest === 0n && (q.text === undefined || textScale(q.text) >= -3)) return q;
  const magnitude = q.nanos < 0n ? -q.nanos : q.nanos;
  const rounded = divideUp(magnitude, unit) * unit;
  return { nanos: q.nanos < 0n ? -rounded : rounded, format: q.format };
}

/** The decimal exponent of the last digit written in a (valid) quantity text. */
function textScale(text: string): number {
  const p = split(text);
  const s = interpretSuffix(p.suffix);
  return s && s.base === 10 ? s.exponent - p.denom.length : 0;
}

/**
 * Parses and re-prints a quantity as the apiserver stores a ResourceList value: rounded up to
 * milli-units, in canonical form ("1.5Gi" → "1536Mi", "0.5" → "500m", "1000m" → "1").
 */
export function normalizeQuantity(input: string | number): string {
  return quantityToString(roundUpToMilli(parseQuantity(input)));
}

export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** The sum, in the format of the first operand (as upstream's Add). */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.format };
}

export function subtractQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos - b.nanos, format: a.format };
}

export function isZeroQuantity(q: Quantity): boolean {
  return q.nanos === 0n;
}

function scaledUp(q: Quantity, unitNanos: bigint): number {
  const negative = q.nanos < 0n;
  const m = divideUp(negative ? -q.nanos : q.nanos, unitNanos);
  return Number(negative ? -m : m);
}

/** Whole units, rounded up away from zero (upstream Value()): "100m" → 1, "1Ki" → 1024. */
export function quantityValue(q: Quantity): number {
  return scaledUp(q, 10n ** BigInt(NANO));
}

/** Milli-units, rounded up away from zero (upstream MilliValue()): "0.1" → 100, "1n" → 1. */
export function quantityMilliValue(q: Quantity): number {
  return scaledUp(q, 10n ** 6n);
}

/** The amount as a floating-point number of whole units ("1.5Gi" → 1610612736, "250m" → 0.25). */
export function quantityToNumber(q: Quantity): number {
  const unit = 10n ** BigInt(NANO);
  return Number(q.nanos / unit) + Number(q.nanos % unit) / 1e9;
}

/** A quantity of `milli` thousandths (e.g. a CPU amount from the scheduler). */
export function quantityFromMilli(milli: number, format: QuantityFormat = 'DecimalSI'): Quantity {
  return { nanos: BigInt(Math.round(milli)) * 10n ** 6n, format };
}

/** A quantity of whole units (e.g. bytes of memory). */
export function quantityFromValue(value: number, format: QuantityFormat = 'DecimalSI'): Quantity {
  return { nanos: BigInt(Math.round(value)) * 10n ** BigInt(NANO), format };
}
