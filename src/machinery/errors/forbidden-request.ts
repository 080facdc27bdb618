/**
 * The 403 the authorization filter answers with, worded as kube-apiserver does:
 * `pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"`.
 */
import { ApiError } from './api-error.js';

/** What was asked, as the authorizer saw it. */
export interface RequestAttributes {
  /** The user name ('' for none). */
  user: string;
  verb: string;
  /** False for non-resource paths such as /healthz or /version. */
  resourceRequest: boolean;
  path?: string;
  group?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

const htmlUnsafe: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Upstream escapes characters that could make the message look like HTML. */
function sanitize(s: string): string {
  return s.replace(/[&<>]/g, (c) => htmlUnsafe[c]!);
}

/** `User "alice" cannot get resource "pods/log" in API group "" in the namespace "ns"`. */
export function forbiddenMessage(attrs: RequestAttributes): string {
  const user = JSON.stringify(attrs.user);
  if (!attrs.resourceRequest) {
    return `User ${user} cannot ${attrs.verb} path ${JSON.stringify(attrs.path ?? '')}`;
  }
  let resource = attrs.resource ?? '';
  if (attrs.subresource) resource += `/${attrs.subresource}`;
  const head = `User ${user} cannot ${attrs.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(attrs.group ?? '')}`;
  return attrs.namespace ? `${head} in the namespace ${JSON.stringify(attrs.namespace)}` : `${head} at the cluster scope`;
}

/** The full 403 for a denied request; `reason` is the authorizer's explanation, if any. */
export function forbiddenRequest(attrs: RequestAttributes, opts: { reason?: string } = {}): ApiError {
  const msg = sanitize(forbiddenMessage(attrs));
  const text = opts.reason ? `${msg}: ${opts.reason}` : msg;
  const resource = attrs.resourceRequest ? { group: attrs.group ?? '', resource: attrs.resource ?? '' } : { group: '', resource: '' };
  return ApiError.forbidden(resource, attrs.name ?? '', { reason: text });
}
