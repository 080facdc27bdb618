/**
 * Parses a request path the way kube-apiserver's RequestInfoFactory does:
 *   /api/v1/namespaces/{ns}/{resource}/{name}/{subresource}
 *   /apis/{group}/{version}/{resource}/{name}
 * Non-resource paths (/version, /healthz, /openapi/v3, ...) have isResourceRequest false.
 */
import type { Scheme } from '../api/scheme.js';

export type Verb =
  | 'get'
  | 'list'
  | 'watch'
  | 'create'
  | 'update'
  | 'patch'
  | 'delete'
  | 'deletecollection'
  | 'connect';

export interface RequestInfo {
  isResourceRequest: boolean;
  path: string;
  verb: Verb | string;
  /** 'api' or 'apis' for resource requests. */
  apiPrefix: string;
  group: string;
  version: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  /** Path segments after the api prefix. */
  parts: string[];
}

const CONNECT_SUBRESOURCES = new Set(['exec', 'attach', 'portforward', 'proxy']);

export function parseRequestInfo(
  method: string,
  url: URL,
  scheme: Scheme,
): RequestInfo {
  const path = url.pathname;
  const info: RequestInfo = {
    isResourceRequest: false,
    path,
    verb: method.toLowerCase(),
    apiPrefix: '',
    group: '',
    version: '',
    namespace: '',
    resource: '',
    subresource: '',
    name: '',
    parts: [],
  };
  const segs = path.split('/').filter((s) => s !== '').map(safeDecode);
  if (segs.length === 0 || (segs[0] !== 'api' && segs[0] !== 'apis')) return info;
  info.apiPrefix = segs[0]!;
  let rest = segs.slice(1);
  if (info.apiPrefix === 'apis') {
    if (rest.length < 2) return info; // /apis or /apis/{group}: discovery
    info.group = rest[0]!;
    info.version = rest[1]!;
    rest = rest.slice(2);
  } else {
    if (rest.length < 1) return info; // /api: discovery
    info.version = rest[0]!;
    rest = rest.slice(1);
  }
  if (rest.length === 0) return info; // /api/v1 or /apis/g/v: discovery
  info.isResourceRequest = true;
  info.parts = rest;

  // /namespaces/{ns}/{resource}/... when the segment after the namespace name is a resource;
  // otherwise /namespaces/{ns}[/status|/finalize] is the Namespace object itself.
  if (rest[0] === 'namespaces' && rest.length >= 3 && scheme.resource(info.group, info.version, rest[2]!)) {
    info.namespace = rest[1]!;
    rest = rest.slice(2);
  }
  info.resource = rest[0] ?? '';
  info.name = rest[1] ?? '';
  info.subresource = rest.slice(2).join('/');

  const m = method.toUpperCase();
  const watchParam = url.searchParams.get('watch');
  const isWatch = watchParam === 'true' || watchParam === '1';
  if (CONNECT_SUBRESOURCES.has(info.subresource) || (info.subresource === 'log' && m === 'GET')) {
    info.verb = info.subresource === 'log' ? 'get' : 'connect';
  } else if (m === 'GET' || m === 'HEAD') {
    if (info.name) info.verb = 'get';
    else info.verb = isWatch ? 'watch' : 'list';
  } else if (m === 'POST') info.verb = 'create';
  else if (m === 'PUT') info.verb = 'update';
  else if (m === 'PATCH') info.verb = 'patch';
  else if (m === 'DELETE') info.verb = info.name ? 'delete' : 'deletecollection';
  return info;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
