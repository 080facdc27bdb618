/** POST, PUT, PATCH, DELETE and DELETE-collection on a resource or its status. */
import type { KubeObject, Status } from '../../api/meta.js';
import { apiVersionOfKind } from '../../api/scheme.js';
import { ApiError } from '../../machinery/index.js';
import { decodeObjectBody, mediaType, parseJson, readBody } from '../http/body.js';
import { APPLY_PATCH_TYPE, handleApply } from './apply.js';
import { checkObject } from './object-body.js';
import {
  checkFields,
  checkPatchedFields,
  formatWarningHeader,
  parseFieldValidation,
  type PatchFormat,
} from '../fieldvalidation/index.js';

const PATCH_FORMATS: Record<string, PatchFormat> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
};
import { decodeProtobufDeleteOptions, PROTOBUF_MEDIA_TYPE } from '../protobuf/index.js';
import { sendJson } from '../http/respond.js';
import type { DeleteOptions } from '../registry/hooks.js';
import { listPrefix, storageTarget } from '../registry/keys.js';
import { type HandlerContext, scopeOf } from './context.js';
import { buildFilter } from './filters.js';
import { applyPatchBody } from './patch.js';
import { sendObject } from './read.js';

/** Decodes a body meant to be an object of the handler's kind, checking apiVersion/kind/namespace. */
interface CheckedBody {
  obj: KubeObject;
  /** Warning response headers (fieldValidation=Warn). */
  headers: Record<string, string | string[]>;
}

/** `Warning: 299 - "..."` headers for field validation warnings. */
export function warningHeaders(warnings: readonly string[]): Record<string, string | string[]> {
  return warnings.length ? { Warning: warnings.map(formatWarningHeader) } : {};
}

/** Decodes the body, checks it against the kind's schema (fieldValidation) and the URL. */
async function readObject(ctx: HandlerContext): Promise<CheckedBody> {
  const k = ctx.kind;
  const body = await readBody(ctx.req);
  const contentType = ctx.req.headers['content-type'];
  const raw = decodeObjectBody(body, contentType, { group: k.group, version: k.version, kind: k.kind });
  const mode = parseFieldValidation(ctx.url.searchParams.get('fieldValidation'));
  const isJson = mediaType(contentType) === 'application/json' || mediaType(contentType) === '';
  const { object, warnings } = checkFields(k, raw, { mode, rawBody: isJson ? body : undefined });
  return { obj: checkObject(ctx, object as Record<string, unknown>), headers: warningHeaders(warnings) };
}

export async function handleCreate(ctx: HandlerContext): Promise<void> {
  const { obj, headers } = await readObject(ctx);
  if (!obj.metadata.name && !obj.metadata.generateName) {
    throw ApiError.invalid({ group: ctx.kind.group, kind: ctx.kind.kind }, '', {
      causes: [{ type: 'FieldValueRequired', field: 'metadata.name', message: 'Required value: name or generateName is required' }],
    });
  }
  const created = await ctx.services.store.create(scopeOf(ctx, obj.metadata.name ?? ''), obj);
  sendObject(ctx, 201, created, headers);
}

export async function handleUpdate(ctx: HandlerContext): Promise<void> {
  const { obj, headers } = await readObject(ctx);
  if (obj.metadata.name && obj.metadata.name !== ctx.info.name) {
    throw ApiError.badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${ctx.info.name})`);
  }
  obj.metadata.name = ctx.info.name;
  const rv = obj.metadata.resourceVersion;
  const updated = await ctx.services.store.update(scopeOf(ctx), () => structuredClone(obj), { expectedResourceVersion: rv || undefined });
  sendObject(ctx, 200, updated, headers);
}

export async function handlePatch(ctx: HandlerContext): Promise<void> {
  const body = await readBody(ctx.req);
  const contentType = ctx.req.headers['content-type'];
  if (mediaType(contentType) === APPLY_PATCH_TYPE) return handleApply(ctx, body);
  const mode = parseFieldValidation(ctx.url.searchParams.get('fieldValidation'));
  const format = PATCH_FORMATS[mediaType(contentType)];
  let headers: Record<string, string | string[]> = {};
  const updated = await ctx.services.store.update(scopeOf(ctx), (current) => {
    const patched = applyPatchBody(ctx.kind, current, { body, contentType });
    const checked = format
      ? checkPatchedFields(ctx.kind, patched as unknown as Record<string, unknown>, { mode, patch: { body, format } })
      : { object: patched, warnings: [] };
    headers = warningHeaders(checked.warnings);
    return checkObject(ctx, checked.object as Record<string, unknown>);
  });
  sendObject(ctx, 200, updated, headers);
}

async function readDeleteOptions(ctx: HandlerContext): Promise<DeleteOptions> {
  const body = await readBody(ctx.req);
  const params = ctx.url.searchParams;
  let opts: DeleteOptions = {};
  if (mediaType(ctx.req.headers['content-type']) === PROTOBUF_MEDIA_TYPE && body.length) {
    opts = decodeProtobufDeleteOptions(body) as DeleteOptions;
  } else if (body.length && body.toString('utf8').trim()) {
    const parsed = parseJson(body);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw ApiError.badRequest('DeleteOptions must be a JSON object');
    }
    opts = parsed as DeleteOptions;
  }
  const grace = params.get('gracePeriodSeconds');
  if (grace !== null && opts.gracePeriodSeconds === undefined) opts.gracePeriodSeconds = Number(grace);
  const policy = params.get('propagationPolicy');
  if (policy && !opts.propagationPolicy) opts.propagationPolicy = policy as DeleteOptions['propagationPolicy'];
  const dry = params.getAll('dryRun');
  if (dry.length && !opts.dryRun) opts.dryRun = dry;
  if (opts.gracePeriodSeconds !== undefined && (!Number.isInteger(opts.gracePeriodSeconds) || opts.gracePeriodSeconds < 0)) {
    throw ApiError.badRequest(`invalid gracePeriodSeconds: ${String(opts.gracePeriodSeconds)}`);
  }
  if (opts.propagationPolicy && !['Orphan', 'Background', 'Foreground'].includes(opts.propagationPolicy)) {
    throw ApiError.badRequest(`propagationPolicy: Unsupported value: "${opts.propagationPolicy}": supported values: "Foreground", "Background", "Orphan"`);
  }
  return opts;
}

function successStatus(ctx: HandlerContext, obj: KubeObject): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: obj.metadata.name, group: ctx.kind.group || undefined, kind: ctx.kind.plural, uid: obj.metadata.uid },
    code: 200,
  };
}

export async function handleDelete(ctx: HandlerContext): Promise<void> {
  const opts = await readDeleteOptions(ctx);
  const scope = scopeOf(ctx);
  if (opts.dryRun?.includes('All')) scope.dryRun = true;
  const { object, deleted } = await ctx.services.store.delete(scope, opts);
  if (deleted) sendJson(ctx.res, 200, successStatus(ctx, object));
  else sendJson(ctx.res, 200, object);
}

export async function handleDeleteCollection(ctx: HandlerContext): Promise<void> {
  const opts = await readDeleteOptions(ctx);
  const { filter } = buildFilter(ctx.kind, ctx.url.searchParams);
  const cache = ctx.services.cacheFor(ctx.kind);
  await cache.ready;
  await cache.waitForRevision(await ctx.services.backend.currentRevision(), 3000).catch(() => undefined);
  const kind = ctx.kind;
  const prefix = listPrefix(storageTarget(kind), kind.namespaced ? ctx.info.namespace : '');
  const victims = cache.list({ namespacePrefix: prefix, filter }).items;
  const deleted: KubeObject[] = [];
  for (const v of victims) {
    const scope = { ...scopeOf(ctx, v.metadata.name!), namespace: v.metadata.namespace ?? '' };
    if (opts.dryRun?.includes('All')) scope.dryRun = true;
    try {
      deleted.push((await ctx.services.store.delete(scope, opts)).object);
    } catch (e) {
      if (!(e instanceof ApiError && e.status.code === 404)) throw e;
    }
  }
  sendJson(ctx.res, 200, { kind: `${kind.kind}List`, apiVersion: apiVersionOfKind(kind), metadata: {}, items: deleted });
}
