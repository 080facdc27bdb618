/** `application/vnd.kubernetes.protobuf` request bodies → the JSON object model. */
import { ApiError } from '../../machinery/index.js';
import { PROTOBUF_MEDIA_TYPE, readEnvelope } from './envelope.js';
import { apiVersionOf, messageTypeFor, type GroupVersionKind } from './schema/index.js';
import { ConversionError, messageToJson } from './to-json.js';
import { findUnknownField } from './unknown-fields.js';

/** The media types a client can fall back to when protobuf is refused. */
const JSON_MEDIA_TYPES = ['application/json', 'application/yaml'];

/** 415 for a body Gantry cannot decode as protobuf, pointing the client at JSON. */
function unsupported(message: string): ApiError {
  const base = ApiError.unsupportedMediaType(JSON_MEDIA_TYPES);
  return new ApiError({ ...base.status, message: `${message}; ${base.message}` });
}

function describe(gvk: GroupVersionKind): string {
  return `${apiVersionOf(gvk)}, Kind=${gvk.kind}`;
}

/** Checks the envelope's typeMeta (when set) against the kind the request path names. */
function checkTypeMeta(apiVersion: string, kind: string, expected: GroupVersionKind): void {
  const want = apiVersionOf(expected);
  if (apiVersion && apiVersion !== want) {
    throw ApiError.badRequest(`the API version in the data (${apiVersion}) does not match the expected API version (${want})`);
  }
  if (kind && kind !== expected.kind) {
    throw ApiError.badRequest(`${kind} in version "${expected.version}" cannot be handled as a ${expected.kind}: the kind in the data does not match`);
  }
}

/**
 * Decodes a protobuf request body for the kind the request path names into the plain JSON
 * object the JSON API would have received (Go `omitempty` rules, RFC3339 times, int-or-string
 * and quantities as JSON scalars), with `apiVersion` and `kind` set.
 *
 * Errors: a malformed body or a typeMeta that names another kind → 400 BadRequest; a kind
 * without protobuf support here, or a field this server does not model carrying data → 415.
 */
export function decodeProtobufBody(body: Uint8Array, expected: GroupVersionKind): Record<string, unknown> {
  const env = readEnvelope(body);
  if (env.contentEncoding) throw ApiError.badRequest(`unsupported protobuf content encoding ${JSON.stringify(env.contentEncoding)}`);
  if (env.contentType && env.contentType !== PROTOBUF_MEDIA_TYPE) {
    throw ApiError.badRequest(`unsupported content type ${JSON.stringify(env.contentType)} inside the protobuf envelope`);
  }
  checkTypeMeta(env.apiVersion, env.kind, expected);
  const type = messageTypeFor(expected);
  if (!type) throw unsupported(`protobuf is not supported for ${describe(expected)}`);
  const unknown = findUnknownField(type, env.raw);
  if (unknown) {
    const where = unknown.path ? ` at ${unknown.path}` : '';
    throw unsupported(`protobuf field number ${unknown.number} of ${unknown.type}${where} is not supported for ${describe(expected)}`);
  }
  let message: Record<string, unknown>;
  try {
    message = type.decode(env.raw) as unknown as Record<string, unknown>;
  } catch (e) {
    throw ApiError.badRequest(`error decoding protobuf ${describe(expected)}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = messageToJson(type, message);
  } catch (e) {
    if (e instanceof ConversionError) throw ApiError.badRequest(`error decoding protobuf ${describe(expected)}: ${e.message}`);
    throw e;
  }
  return { kind: expected.kind, apiVersion: apiVersionOf(expected), ...(json as Record<string, unknown>) };
}
