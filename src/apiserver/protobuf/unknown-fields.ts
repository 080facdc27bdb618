/**
 * Finds wire fields the schema does not model. Go clients write every non-pointer field, so an
 * unmodelled field holding only zeros (0, "", an empty or all-zero message) is harmless; one
 * carrying data would be lost by a plain decode, so the caller refuses the body instead.
 */
import protobuf from 'protobufjs';

/** Nesting beyond this inside an unknown field counts as data (and bounds the recursion). */
const MAX_ZERO_DEPTH = 16;

const WIRE_LEN = 2;

export interface UnknownField {
  /** The JSON path of the message holding the field ('' for the top level). */
  path: string;
  /** The message type, e.g. `gantry.core.PodSpec`. */
  type: string;
  number: number;
}

/** True when `buf` parses as a message whose every field is zero or empty. */
function allZero(buf: Uint8Array, depth: number): boolean {
  if (buf.length === 0) return true;
  if (depth > MAX_ZERO_DEPTH) return false;
  const r = protobuf.Reader.create(buf);
  try {
    while (r.pos < r.len) {
      const tag = r.uint32();
      if (tag >>> 3 === 0 || !zeroValue(r, tag & 7, depth)) return false;
    }
    return true;
  } catch {
    return false;
  }
}

function zeroValue(r: protobuf.Reader, wireType: number, depth: number): boolean {
  if (wireType === WIRE_LEN) return allZero(r.bytes(), depth + 1);
  const start = r.pos;
  r.skipType(wireType);
  for (let i = start; i < r.pos; i++) if (r.buf[i] !== 0) return false;
  return wireType !== 3 && wireType !== 4;
}

function mapValueType(field: protobuf.Field): protobuf.Type | undefined {
  return field.map && field.resolvedType instanceof protobuf.Type ? field.resolvedType : undefined;
}

/** Walks one map entry ({1: key, 2: value}) whose value is a message. */
function walkMapEntry(valueType: protobuf.Type, buf: Uint8Array, path: string): UnknownField | undefined {
  const r = protobuf.Reader.create(buf);
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag >>> 3 === 2 && (tag & 7) === WIRE_LEN) {
      const found = walk(valueType, r.bytes(), `${path}[*]`);
      if (found) return found;
    } else {
      r.skipType(tag & 7);
    }
  }
  return undefined;
}

function walk(type: protobuf.Type, buf: Uint8Array, path: string): UnknownField | undefined {
  const r = protobuf.Reader.create(buf);
  try {
    while (r.pos < r.len) {
      const tag = r.uint32();
      const id = tag >>> 3;
      const wireType = tag & 7;
      const field = type.fieldsById[id];
      if (!field) {
        if (!zeroValue(r, wireType, 0)) return { path, type: type.fullName.slice(1), number: id };
        continue;
      }
      const sub = path ? `${path}.${field.name}` : field.name;
      const valueType = mapValueType(field);
      let found: UnknownField | undefined;
      if (wireType === WIRE_LEN && valueType) found = walkMapEntry(valueType, r.bytes(), sub);
      else if (wireType === WIRE_LEN && !field.map && field.resolvedType instanceof protobuf.Type) {
        found = walk(field.resolvedType, r.bytes(), sub);
      } else r.skipType(wireType);
      if (found) return found;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * The first field in `buf` (a `type` message) that the schema lacks and that carries data, or
 * undefined. Malformed input is left for the decoder to report: this returns undefined for it.
 */
export function findUnknownField(type: protobuf.Type, buf: Uint8Array): UnknownField | undefined {
  return walk(type, buf, '');
}
