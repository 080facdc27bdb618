/** Checks a decoded request body against the kind and namespace the URL names. */
import type { KubeObject } from '../../api/meta.js';
import { apiVersionOfKind } from '../../api/scheme.js';
import { ApiError } from '../../machinery/index.js';
import type { HandlerContext } from './context.js';

export function checkObject(ctx: HandlerContext, raw: Record<string, unknown>): KubeObject {
  const kind = ctx.kind;
  const expected = apiVersionOfKind(kind);
  if (raw.apiVersion !== undefined && raw.apiVersion !== expected) {
    throw ApiError.badRequest(`the API version in the data (${String(raw.apiVersion)}) does not match the expected API version (${expected})`);
  }
  if (raw.kind !== undefined && raw.kind !== kind.kind) {
    throw ApiError.badRequest(`the kind in the data (${String(raw.kind)}) does not match the expected kind (${kind.kind})`);
  }
  if (raw.metadata === undefined || raw.metadata === null) raw.metadata = {};
  if (typeof raw.metadata !== 'object' || Array.isArray(raw.metadata)) {
    throw ApiError.badRequest(`${kind.kind} in version "${kind.version}" cannot be handled as a ${kind.kind}: metadata must be an object`);
  }
  const obj = raw as unknown as KubeObject;
  const ns = obj.metadata.namespace;
  if (kind.namespaced && ns && ctx.info.namespace && ns !== ctx.info.namespace) {
    throw ApiError.badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  return obj;
}

