/** PATCH with application/apply-patch+yaml: server-side apply, creating the object when missing. */
import type { KubeObject } from '../../api/meta.js';
import { apiVersionOfKind } from '../../api/scheme.js';
import { ApiError, applyConfig, builtinPatchMeta, isAlreadyExists, isNotFound } from '../../machinery/index.js';
import { schemaOf } from '../../api/openapi/lookup.js';
import { findUnknownFields, parseFieldValidation } from '../fieldvalidation/index.js';
import { parseYamlBody } from '../http/body.js';
import { type HandlerContext, scopeOf } from './context.js';
import { sendObject } from './read.js';
import { checkObject } from './object-body.js';

type Obj = Record<string, unknown>;

export const APPLY_PATCH_TYPE = 'application/apply-patch+yaml';

function readConfig(ctx: HandlerContext, body: Buffer): KubeObject {
  const raw = parseYamlBody(body);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw ApiError.badRequest('the apply configuration must be a YAML or JSON object');
  }
  const r = raw as Obj;
  if (!r.apiVersion || !r.kind) {
    throw ApiError.badRequest('invalid object type: apply configurations need apiVersion and kind');
  }
  const schema = schemaOf(ctx.kind);
  const mode = parseFieldValidation(ctx.url.searchParams.get('fieldValidation'));
  if (schema && mode !== 'Ignore') {
    const { paths } = findUnknownFields(r, schema);
    if (paths.length) {
      const k = ctx.kind;
      const gv = k.group ? `${k.group}/${k.version}` : k.version;
      const where = k.namespaced ? `${ctx.info.namespace}/${ctx.info.name}` : ctx.info.name;
      throw ApiError.badRequest(
        `failed to create typed patch object (${where}; ${gv}, Kind=${k.kind}): ` +
          paths.map((p) => `${p.startsWith('.') ? p : `.${p}`}: field not declared in schema`).join(', '),
      );
    }
  }
  const obj = checkObject(ctx, r);
  if (obj.metadata.name && obj.metadata.name !== ctx.info.name) {
    throw ApiError.badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${ctx.info.name})`);
  }
  obj.metadata.name = ctx.info.name;
  if (ctx.kind.namespaced) obj.metadata.namespace = ctx.info.namespace;
  return obj;
}

export async function handleApply(ctx: HandlerContext, body: Buffer): Promise<void> {
  const params = ctx.url.searchParams;
  const manager = params.get('fieldManager');
  if (!manager) {
    throw ApiError.invalid({ group: ctx.kind.group, kind: ctx.kind.kind }, ctx.info.name, {
      causes: [{ type: 'FieldValueRequired', field: 'fieldManager', message: 'Required value: is required for apply patch' }],
    });
  }
  const config = readConfig(ctx, body);
  const scope = { ...scopeOf(ctx), fieldManager: manager };
  const opts = {
    manager,
    apiVersion: apiVersionOfKind(ctx.kind),
    subresource: ctx.info.subresource || undefined,
    meta: builtinPatchMeta,
    force: params.get('force') === 'true',
  };
  const apply = (live: KubeObject | undefined): KubeObject =>
    applyConfig(live as unknown as Obj | undefined, config as unknown as Obj, opts) as unknown as KubeObject;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const updated = await ctx.services.store.update(scope, (cur) => apply(cur), { applied: true });
      sendObject(ctx, 200, updated);
      return;
    } catch (e) {
      if (!isNotFound(e) || ctx.info.subresource) throw e;
    }
    try {
      const created = await ctx.services.store.create(scope, apply(undefined), { applied: true });
      sendObject(ctx, 201, created);
      return;
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
  }
  throw ApiError.conflict({ group: ctx.kind.group, resource: ctx.kind.plural }, ctx.info.name);
}
