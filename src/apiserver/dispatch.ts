/** Routes an authenticated resource request to its handler by subresource and verb. */
import { ApiError } from '../machinery/index.js';
import type { HandlerContext } from './handlers/context.js';
import { handleGet, handleList } from './handlers/read.js';
import { handleWatch } from './handlers/watch.js';
import { handleCreate, handleDelete, handleDeleteCollection, handlePatch, handleUpdate } from './handlers/write.js';
import { handleScale } from './handlers/scale.js';
import { handleBinding, handleEviction, handleNodeStream } from './handlers/pods.js';

type Handler = (ctx: HandlerContext) => Promise<void>;

const POD_STREAMS = new Set(['log', 'exec', 'attach', 'portforward']);

function notAllowed(): never {
  throw ApiError.methodNotAllowed();
}

function mainResource(ctx: HandlerContext): Handler {
  switch (ctx.info.verb) {
    case 'get':
      return handleGet;
    case 'list':
      return handleList;
    case 'watch':
      return handleWatch;
    case 'create':
      if (ctx.info.name) notAllowed();
      return handleCreate;
    case 'update':
      return handleUpdate;
    case 'patch':
      return handlePatch;
    case 'delete':
      return handleDelete;
    case 'deletecollection':
      return handleDeleteCollection;
    default:
      return notAllowed();
  }
}

/** Handlers for status-like subresources: the object itself, with writes limited to a part. */
function objectSubresource(ctx: HandlerContext): Handler {
  switch (ctx.info.verb) {
    case 'get':
      return handleGet;
    case 'update':
      return handleUpdate;
    case 'patch':
      return handlePatch;
    default:
      return notAllowed();
  }
}

export function route(ctx: HandlerContext): Handler {
  const { subresource, name, verb } = ctx.info;
  const kind = ctx.kind;
  if (!subresource) {
    if (kind.namespaced && !ctx.info.namespace && verb !== 'list' && verb !== 'watch') {
      throw ApiError.notFound({ group: kind.group, resource: kind.plural }, name);
    }
    return mainResource(ctx);
  }
  if (!name) throw ApiError.notFound({ group: kind.group, resource: kind.plural }, '');
  if (subresource === 'status' && kind.statusSubresource) return objectSubresource(ctx);
  if (subresource === 'scale' && kind.scale) return handleScale;
  if (kind.group === '' && kind.plural === 'namespaces' && subresource === 'finalize' && verb === 'update') {
    return handleUpdate;
  }
  if (kind.group === '' && kind.plural === 'pods') {
    if (subresource === 'binding' && verb === 'create') return handleBinding;
    if (subresource === 'eviction' && verb === 'create') return handleEviction;
    if (POD_STREAMS.has(subresource)) return handleNodeStream;
  }
  throw ApiError.notFound({ group: kind.group, resource: `${kind.plural}/${subresource}` }, name);
}
