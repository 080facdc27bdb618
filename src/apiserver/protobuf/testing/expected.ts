/**
 * The JSON twins of the bodies that have no `--dry-run` (auth can-i, auth whoami, create token),
 * written out by hand from the Go types: status structs that kubectl leaves empty still appear,
 * with their non-omitempty fields at zero (`allowed: false`, `token: ""`, null lists and times).
 */

const meta = { creationTimestamp: null };

export const HAND_EXPECTED: Record<string, Record<string, unknown>> = {
  'can-i': {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: meta,
    spec: {
      resourceAttributes: { namespace: 'default', verb: 'list', group: 'apps', resource: 'deployments', subresource: 'scale' },
    },
    status: { allowed: false },
  },
  'can-i-nonresource': {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: meta,
    spec: { nonResourceAttributes: { path: '/logs', verb: 'get' } },
    status: { allowed: false },
  },
  'can-i-list': {
    kind: 'SelfSubjectRulesReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: meta,
    spec: { namespace: 'default' },
    status: { resourceRules: null, nonResourceRules: null, incomplete: false },
  },
  whoami: {
    kind: 'SelfSubjectReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: meta,
    status: { userInfo: {} },
  },
  token: {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: meta,
    spec: {
      audiences: ['api'],
      expirationSeconds: 3600,
      boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'p', uid: '1234' },
    },
    status: { token: '', expirationTimestamp: null },
  },
  // drain --disable-eviction deletes the pod with a DeleteOptions body.
  'drain-delete': { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 5 },
};
