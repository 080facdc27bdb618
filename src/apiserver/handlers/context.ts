/** Everything a resource handler needs for one request. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AnyKind, Scheme } from '../../api/scheme.js';
import type { Backend } from '../../storage/index.js';
import type { RequestInfo } from '../request-info.js';
import type { ResourceCache } from '../registry/caches.js';
import type { RequestScope, UserInfo } from '../registry/hooks.js';
import type { ResourceStore } from '../registry/store.js';

export interface ApiServices {
  scheme: Scheme;
  backend: Backend;
  store: ResourceStore;
  /** The watch cache for a kind's storage (shared by the versions stored together). */
  cacheFor(kind: AnyKind): ResourceCache;
}

export interface HandlerContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  info: RequestInfo;
  kind: AnyKind;
  user: UserInfo;
  services: ApiServices;
  /** Resolves when the client goes away or the server stops. */
  signal: AbortSignal;
}

export function scopeOf(ctx: HandlerContext, name = ctx.info.name): RequestScope {
  const dry = ctx.url.searchParams.getAll('dryRun');
  return {
    kind: ctx.kind,
    namespace: ctx.kind.namespaced ? ctx.info.namespace : '',
    name,
    dryRun: dry.includes('All'),
    user: ctx.user,
    subresource: ctx.info.subresource,
    fieldManager: ctx.url.searchParams.get('fieldManager') || defaultManager(ctx.req.headers['user-agent']),
  };
}

/** Without ?fieldManager, kube-apiserver names the manager after the client's user agent. */
export function defaultManager(userAgent: string | undefined): string {
  const ua = (userAgent ?? '').split('/')[0]!.trim();
  return (ua || 'unknown').slice(0, 128);
}
