/**
 * The Kubernetes protobuf envelope: the 4-byte magic `k8s\0`, then a runtime.Unknown message
 * holding the object's typeMeta and its encoded bytes (`raw`).
 */
import { ApiError } from '../../machinery/index.js';
import { schemaRoot } from './schema/index.js';

export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

/** `k8s\0` */
export const PROTOBUF_MAGIC: Uint8Array = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

export interface Envelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
  contentType: string;
}

function hasMagic(body: Uint8Array): boolean {
  return body.length >= PROTOBUF_MAGIC.length && PROTOBUF_MAGIC.every((b, i) => body[i] === b);
}

/** Reads the envelope; a missing prefix or a malformed runtime.Unknown is a 400. */
export function readEnvelope(body: Uint8Array): Envelope {
  if (!hasMagic(body)) {
    throw ApiError.badRequest(
      `provided data does not appear to be a protobuf message, expected prefix [${[...PROTOBUF_MAGIC].join(' ')}]`,
    );
  }
  let unknown: Record<string, unknown>;
  try {
    const type = schemaRoot().lookupType('gantry.meta.Unknown');
    unknown = type.decode(body.subarray(PROTOBUF_MAGIC.length)) as unknown as Record<string, unknown>;
  } catch (e) {
    throw ApiError.badRequest(`error decoding the protobuf envelope: ${(e as Error).message}`);
  }
  const typeMeta = (unknown.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
  return {
    apiVersion: typeMeta.apiVersion ?? '',
    kind: typeMeta.kind ?? '',
    raw: (unknown.raw as Uint8Array | undefined) ?? new Uint8Array(0),
    contentEncoding: (unknown.contentEncoding as string | undefined) ?? '',
    contentType: (unknown.contentType as string | undefined) ?? '',
  };
}
