/** Reading and decoding request bodies: JSON, YAML, size limit. */
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError } from '../../machinery/index.js';
import { decodeProtobufBody, PROTOBUF_MEDIA_TYPE, type GroupVersionKind } from '../protobuf/index.js';

/** kube-apiserver rejects request bodies over 3 MiB. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) {
    req.resume();
    throw ApiError.requestEntityTooLarge(`limit is ${limit}`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    total += b.length;
    if (total > limit) {
      req.resume();
      throw ApiError.requestEntityTooLarge(`limit is ${limit}`);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** The media type of a Content-Type header without parameters, lower-cased. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

const JSON_TYPES = new Set(['application/json', '']);
const YAML_TYPES = new Set(['application/yaml', 'application/x-yaml', 'text/yaml']);

/**
 * Decodes a JSON, YAML or (for the kinds kubectl 1.32 sends that way) protobuf body into a plain
 * object; anything else is 415, bad syntax is 400. `gvk` is the kind the body must hold.
 */
export function decodeObjectBody(
  body: Buffer,
  contentType: string | undefined,
  gvk?: GroupVersionKind,
): Record<string, unknown> {
  const type = mediaType(contentType);
  let value: unknown;
  if (type === PROTOBUF_MEDIA_TYPE && gvk) value = decodeProtobufBody(body, gvk);
  else if (JSON_TYPES.has(type)) value = parseJson(body);
  else if (YAML_TYPES.has(type)) value = parseYamlBody(body);
  else throw ApiError.unsupportedMediaType();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw ApiError.badRequest('the request body must be a JSON or YAML object');
  }
  return value as Record<string, unknown>;
}

export function parseJson(body: Buffer): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') throw ApiError.badRequest('the request body is empty');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw ApiError.badRequest(`error decoding JSON: ${(e as Error).message}`);
  }
}

export function parseYamlBody(body: Buffer): unknown {
  const text = body.toString('utf8');
  try {
    return parseYaml(text, { uniqueKeys: true, maxAliasCount: 100 });
  } catch (e) {
    throw ApiError.badRequest(`error decoding YAML: ${(e as Error).message.split('\n')[0]}`);
  }
}
