/** `application/vnd.kubernetes.protobuf` request bodies → the JSON object model. */
import type protobuf from 'protobufjs';
import { ApiError } from '../../machinery/index.js';
import { PROTOBUF_MEDIA_TYPE, readEnvelope, type Envelope } from './envelope.js';
import { apiVersionOf, messageTypeFor, schemaRoot, type GroupVersionKind } from './schema/index.js';
import { messageToJson } from './to-json.js';
import { findUnknownField } from './unknown-fields.js';

/** The media types a client can fall back to when protobuf is refused. */
const JSON_MEDIA_TYPES = ['application/json', 'application/yaml'];

/** 415 for a body Gantry cannot decode as protobuf, pointing the client at JSON. */
function unsupported(message: string): ApiError {
  const base = ApiError.unsupportedMediaType(JSON_MEDIA_TYPES);
  return new ApiError({ ...base.status, message: `${message}; ${base.message}` });
}

function describeKind(apiVersion: string, kind: string): string {
  return `${apiVersion}, Kind=${kind}`;
}

/** A readable envelope whose inner content is plain protobuf. */
function openEnvelope(body: Uint8Array): Envelope {
  const env = readEnvelope(body);
  if (env.contentEncoding) throw ApiError.badRequest(`unsupported protobuf content encoding ${JSON.stringify(env.contentEncoding)}`);
  if (env.contentType && env.contentType !== PROTOBUF_MEDIA_TYPE) {
    throw ApiError.badRequest(`unsupported content type ${JSON.stringify(env.contentType)} inside the protobuf envelope`);
  }
  return env;
}

/** Decodes `raw` as `type` and converts it, labelling failures with `what`. */
function decodeRaw(type: protobuf.Type, raw: Uint8Array, what: string): Record<string, unknown> {
  const unknown = findUnknownField(type, raw);
  if (unknown) {
    const where = unknown.path ? ` at ${unknown.path}` : '';
    throw unsupported(`protobuf field number ${unknown.number} of ${unknown.type}${where} is not supported for ${what}`);
  }
  try {
    const message = type.decode(raw) as unknown as Record<string, unknown>;
    return messageToJson(type, message) as Record<string, unknown>;
  } catch (e) {
    throw ApiError.badRequest(`error decoding protobuf ${what}: ${(e as Error).message}`);
  }
}

/**
 * Decodes a protobuf request body for the kind the request path names into the plain JSON
 * object the JSON API would have received (Go `omitempty` rules, RFC3339 times, int-or-string
 * and quantities as JSON scalars), with `apiVersion` and `kind` set from `expected`.
 *
 * Errors: a malformed body, or a typeMeta naming another group/version or kind → 400
 * BadRequest; a kind without protobuf support here, or a field this server does not model
 * carrying data → 415 UnsupportedMediaType.
 */
export function decodeProtobufBody(body: Uint8Array, expected: GroupVersionKind): Record<string, unknown> {
  const env = openEnvelope(body);
  const apiVersion = apiVersionOf(expected);
  if (env.apiVersion && env.apiVersion !== apiVersion) {
    throw ApiError.badRequest(`the API version in the data (${env.apiVersion}) does not match the expected API version (${apiVersion})`);
  }
  if (env.kind && env.kind !== expected.kind) {
    throw ApiError.badRequest(`${env.kind} in version "${expected.version}" cannot be handled as a ${expected.kind}: the kind in the data does not match`);
  }
  const what = describeKind(apiVersion, expected.kind);
  const type = messageTypeFor(expected);
  if (!type) throw unsupported(`protobuf is not supported for ${what}`);
  return { kind: expected.kind, apiVersion, ...decodeRaw(type, env.raw, what) };
}

/**
 * Decodes a protobuf DELETE body: a meta/v1 DeleteOptions, which typed clients send under the
 * resource's group/version, `meta.k8s.io/v1` or `v1` (all accepted, as upstream does). The
 * result carries `kind: "DeleteOptions"` and the envelope's apiVersion (`meta.k8s.io/v1` when unset).
 */
export function decodeProtobufDeleteOptions(body: Uint8Array): Record<string, unknown> {
  const env = openEnvelope(body);
  if (env.kind && env.kind !== 'DeleteOptions') {
    throw ApiError.badRequest(`a DELETE body must be DeleteOptions, not ${env.kind}`);
  }
  const apiVersion = env.apiVersion || 'meta.k8s.io/v1';
  const type = schemaRoot().lookupType('gantry.meta.DeleteOptions');
  return { kind: 'DeleteOptions', apiVersion, ...decodeRaw(type, env.raw, describeKind(apiVersion, 'DeleteOptions')) };
}
