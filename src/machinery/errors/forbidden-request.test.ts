import { describe, it, expect } from 'vitest';
import { forbiddenMessage, forbiddenRequest } from './forbidden-request.js';

describe('forbiddenRequest', () => {
  it('words a namespaced denial like kube-apiserver', () => {
    const e = forbiddenRequest({ user: 'system:anonymous', verb: 'list', resourceRequest: true, resource: 'pods', namespace: 'default' });
    expect(e.code).toBe(403);
    expect(e.message).toBe(
      'pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" in the namespace "default"',
    );
    expect(e.status.details).toEqual({ kind: 'pods' });
  });

  it('names the object, subresource and group; cluster scope', () => {
    const e = forbiddenRequest(
      { user: 'bob', verb: 'get', resourceRequest: true, group: 'apps', resource: 'deployments', subresource: 'scale', name: 'web' },
      { reason: 'no RBAC policy matched' },
    );
    expect(e.message).toBe(
      'deployments.apps "web" is forbidden: User "bob" cannot get resource "deployments/scale" in API group "apps" at the cluster scope: no RBAC policy matched',
    );
  });

  it('non-resource paths, with HTML-looking characters escaped', () => {
    expect(forbiddenMessage({ user: 'u', verb: 'get', resourceRequest: false, path: '/healthz' })).toBe('User "u" cannot get path "/healthz"');
    const e = forbiddenRequest({ user: '<b>', verb: 'get', resourceRequest: false, path: '/x&y' });
    expect(e.message).toBe('forbidden: User "&lt;b&gt;" cannot get path "/x&amp;y"');
  });
});
