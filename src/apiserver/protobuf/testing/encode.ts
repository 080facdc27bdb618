/** Builds protobuf request bodies from plain objects with the same schema, for the unit tests. */
import { PROTOBUF_MAGIC } from '../envelope.js';
import { schemaRoot } from '../schema/index.js';

/** Encodes `value` as the message `typeName` (e.g. `gantry.apps.Deployment`). */
export function encodeMessage(typeName: string, value: Record<string, unknown>): Uint8Array {
  const type = schemaRoot().lookupType(typeName);
  return type.encode(type.fromObject(value)).finish();
}

export interface EnvelopeParts {
  apiVersion?: string;
  kind?: string;
  contentEncoding?: string;
  contentType?: string;
}

/** The magic prefix plus a runtime.Unknown around `raw`. */
export function envelope(raw: Uint8Array, parts: EnvelopeParts = {}): Buffer {
  const typeMeta = parts.apiVersion || parts.kind ? { apiVersion: parts.apiVersion, kind: parts.kind } : undefined;
  const unknown = encodeMessage('gantry.meta.Unknown', {
    ...(typeMeta ? { typeMeta } : {}),
    raw,
    ...(parts.contentEncoding ? { contentEncoding: parts.contentEncoding } : {}),
    ...(parts.contentType ? { contentType: parts.contentType } : {}),
  });
  return Buffer.concat([PROTOBUF_MAGIC, unknown]);
}

/** A whole request body for `typeName` with the given typeMeta. */
export function encodeBody(typeName: string, value: Record<string, unknown>, parts: EnvelopeParts = {}): Buffer {
  return envelope(encodeMessage(typeName, value), parts);
}

/** One raw protobuf field: tag for `field` with wire type 0 (varint) or 2 (bytes). */
export function rawField(field: number, value: number | Uint8Array): Uint8Array {
  const bytes: number[] = [];
  const varint = (n: number) => {
    let v = n;
    while (v > 0x7f) {
      bytes.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    bytes.push(v);
  };
  if (typeof value === 'number') {
    varint(field * 8);
    varint(value);
    return Uint8Array.from(bytes);
  }
  varint(field * 8 + 2);
  varint(value.length);
  return Uint8Array.from([...bytes, ...value]);
}
