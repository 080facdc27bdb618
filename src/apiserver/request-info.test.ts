import { describe, expect, it } from 'vitest';
import { scheme } from '../api/scheme.js';
import { parseRequestInfo } from './request-info.js';

function info(method: string, path: string) {
  return parseRequestInfo(method, new URL(path, 'https://x'), scheme);
}

describe('parseRequestInfo', () => {
  it.each([
    ['GET', '/api/v1/namespaces/default/pods', { verb: 'list', namespace: 'default', resource: 'pods', name: '' }],
    ['GET', '/api/v1/namespaces/default/pods?watch=true', { verb: 'watch', resource: 'pods' }],
    ['GET', '/api/v1/pods', { verb: 'list', namespace: '', resource: 'pods' }],
    ['GET', '/api/v1/namespaces/default/pods/web', { verb: 'get', name: 'web' }],
    ['PUT', '/api/v1/namespaces/default/pods/web/status', { verb: 'update', subresource: 'status' }],
    ['POST', '/api/v1/namespaces/default/pods/web/binding', { verb: 'create', subresource: 'binding' }],
    ['GET', '/api/v1/namespaces/default/pods/web/log', { verb: 'get', subresource: 'log' }],
    ['POST', '/api/v1/namespaces/default/pods/web/exec', { verb: 'connect', subresource: 'exec' }],
    ['DELETE', '/api/v1/namespaces/default/configmaps', { verb: 'deletecollection', resource: 'configmaps' }],
    ['GET', '/api/v1/namespaces/kube-system', { verb: 'get', namespace: '', resource: 'namespaces', name: 'kube-system' }],
    ['PUT', '/api/v1/namespaces/foo/finalize', { verb: 'update', resource: 'namespaces', name: 'foo', subresource: 'finalize' }],
    ['GET', '/api/v1/namespaces', { verb: 'list', resource: 'namespaces' }],
    ['PATCH', '/apis/apps/v1/namespaces/ns1/deployments/web/scale', { verb: 'patch', group: 'apps', version: 'v1', namespace: 'ns1', resource: 'deployments', name: 'web', subresource: 'scale' }],
    ['GET', '/apis/rbac.authorization.k8s.io/v1/clusterroles/admin', { group: 'rbac.authorization.k8s.io', resource: 'clusterroles', name: 'admin' }],
  ])('%s %s', (method, path, want) => {
    const got = info(method, path);
    expect(got.isResourceRequest).toBe(true);
    expect(got).toMatchObject(want);
  });

  it.each(['/api', '/apis', '/api/v1', '/apis/apps', '/apis/apps/v1', '/version', '/openapi/v3'])(
    '%s is not a resource request',
    (path) => {
      expect(info('GET', path).isResourceRequest).toBe(false);
    },
  );
});
