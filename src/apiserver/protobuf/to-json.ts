/**
 * Decoded protobuf message → the JSON object the Kubernetes JSON API has for it, following the
 * Go encoding the field options in schema/meta.ts describe (omitempty, pointers, inline structs),
 * plus the apimachinery types with their own JSON form (Time, IntOrString, Quantity, FieldsV1, ExtraValue).
 */
import protobuf from 'protobufjs';
import { rfc3339 } from '../../util/index.js';

/** A value that failed to convert; the caller turns it into a 400. */
export class ConversionError extends Error {
  constructor(path: string, message: string) {
    super(`${path || '<root>'}: ${message}`);
    this.name = 'ConversionError';
  }
}

type Msg = Record<string, unknown>;
type Special = (msg: Msg, path: string) => unknown;

const OMIT = Symbol('omit');

interface LongLike {
  toNumber(): number;
  toString(): string;
}

function isLong(v: unknown): v is LongLike {
  return typeof v === 'object' && v !== null && typeof (v as LongLike).toNumber === 'function';
}

function toNumber(v: unknown, path: string): number {
  if (typeof v === 'number') return v;
  if (isLong(v)) {
    const n = v.toNumber();
    if (!Number.isSafeInteger(n)) throw new ConversionError(path, `integer ${v.toString()} is out of range`);
    return n;
  }
  return 0;
}

/** Unix seconds of 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years Go's RFC3339 JSON can write. */
const MIN_SECONDS = -62_167_219_200;
const MAX_SECONDS = 253_402_300_799;

/** Go's time.RFC3339 for a UTC instant: second precision, `Z` suffix. */
function goTime(seconds: number, path: string): string {
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) throw new ConversionError(path, `time ${seconds}s is outside years 0-9999`);
  return rfc3339(seconds * 1000);
}

const SPECIALS: Record<string, Special> = {
  '.gantry.meta.Time': (m, path) => {
    const seconds = toNumber(m.seconds, path);
    const nanos = toNumber(m.nanos, path);
    return seconds === 0 && nanos === 0 ? null : goTime(seconds, path);
  },
  '.gantry.meta.IntOrString': (m, path) => {
    const type = toNumber(m.type, path);
    if (type === 0) return toNumber(m.intVal, path);
    if (type === 1) return (m.strVal as string | undefined) ?? '';
    throw new ConversionError(path, `impossible IntOrString type ${type}`);
  },
  '.gantry.meta.Quantity': (m) => (m.string as string | undefined) || '0',
  '.gantry.meta.FieldsV1': (m, path) => {
    const raw = m.Raw as Uint8Array | undefined;
    if (!raw || raw.length === 0) return null;
    try {
      return JSON.parse(Buffer.from(raw).toString('utf8')) as unknown;
    } catch {
      throw new ConversionError(path, 'fieldsV1 is not valid JSON');
    }
  },
  '.gantry.authentication.ExtraValue': (m) => [...((m.items as string[] | undefined) ?? [])],
};

function isZero(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return true;
  if (v instanceof Uint8Array) return v.length === 0;
  return isLong(v) && v.toString() === '0';
}

/** A scalar (or bytes) value as JSON, the type's zero when absent: int64 as a number, bytes as base64. */
function scalar(field: protobuf.Field, v: unknown, path: string): unknown {
  if (field.type === 'bytes') {
    const b = v instanceof Uint8Array ? v : new Uint8Array(0);
    return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
  }
  const x = v ?? field.typeDefault;
  return isLong(x) ? toNumber(x, path) : x;
}

function element(field: protobuf.Field, v: unknown, path: string): unknown {
  if (field.resolvedType instanceof protobuf.Type) return convert(field.resolvedType, (v ?? {}) as Msg, path);
  return scalar(field, v, path);
}

function option(field: protobuf.Field, name: string): unknown {
  return field.options?.[`(${name})`];
}

function fieldValue(field: protobuf.Field, msg: Msg, path: string): unknown {
  const present = Object.prototype.hasOwnProperty.call(msg, field.name);
  const v = msg[field.name];
  const keep = option(field, 'keep') === true;
  if (field.map) {
    const entries = Object.entries((v ?? {}) as Msg);
    if (entries.length === 0) return keep ? null : OMIT;
    return Object.fromEntries(entries.map(([k, x]) => [k, element(field, x, `${path}[${JSON.stringify(k)}]`)]));
  }
  if (field.repeated) {
    const items = (v ?? []) as unknown[];
    if (items.length === 0) return keep ? null : OMIT;
    return items.map((x, i) => element(field, x, `${path}[${i}]`));
  }
  if (field.resolvedType instanceof protobuf.Type) {
    return present && v != null ? convert(field.resolvedType, v as Msg, path) : OMIT;
  }
  if (option(field, 'ptr') === true) return present ? scalar(field, v, path) : OMIT;
  if (keep) return scalar(field, present ? v : undefined, path);
  return present && !isZero(v) ? scalar(field, v, path) : OMIT;
}

/** Converts one decoded message; `path` (the JSON field path) only labels errors. */
function convert(type: protobuf.Type, msg: Msg, path: string): unknown {
  const special = SPECIALS[type.fullName];
  if (special) return special(msg, path);
  const out: Record<string, unknown> = {};
  for (const field of type.fieldsArray) {
    const name = (option(field, 'json') as string | undefined) ?? field.name;
    const sub = path ? `${path}.${name}` : name;
    if (option(field, 'inline') === true) {
      const inner = fieldValue(field, msg, path);
      if (inner !== OMIT && inner !== null && typeof inner === 'object') Object.assign(out, inner);
      continue;
    }
    const value = fieldValue(field, msg, sub);
    if (value !== OMIT) out[name] = value;
  }
  return out;
}

/** Converts a decoded message of `type` into its JSON object form. */
export function messageToJson(type: protobuf.Type, msg: Record<string, unknown>): unknown {
  return convert(type, msg, '');
}
