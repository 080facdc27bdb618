/**
 * The JSON twins of the bodies that have no `--dry-run` (auth can-i|whoami, create token, debug,
 * drain), written out by hand from the Go types: status structs that kubectl leaves empty still
 * appear, with their non-omitempty fields at zero (`allowed: false`, `token: ""`, null lists and times).
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
  'debug-node': {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name: 'node-debugger-n1-#####', creationTimestamp: null },
    spec: {
      volumes: [{ name: 'host-root', hostPath: { path: '/' } }],
      containers: [
        {
          name: 'debugger',
          image: 'busybox',
          resources: {},
          volumeMounts: [{ name: 'host-root', mountPath: '/host' }],
          securityContext: { privileged: true },
          terminationMessagePolicy: 'File',
        },
      ],
      restartPolicy: 'Never',
      nodeName: 'n1',
      hostNetwork: true,
      hostPID: true,
      hostIPC: true,
      tolerations: [{ operator: 'Exists' }],
    },
    status: {},
  },
  'debug-copy': {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name: 'p2', namespace: 'default', creationTimestamp: null },
    spec: {
      volumes: [{ name: 'v', emptyDir: {} }],
      containers: [
        { name: 'c', image: 'busybox', resources: {}, volumeMounts: [{ name: 'v', mountPath: '/v' }] },
        {
          name: 'dbg',
          image: 'busybox',
          command: ['sleep', '1d'],
          resources: {},
          securityContext: { capabilities: { add: ['SYS_PTRACE'] } },
          terminationMessagePolicy: 'File',
        },
      ],
      shareProcessNamespace: true,
    },
    status: {},
  },
  // drain --disable-eviction deletes the pod with a DeleteOptions body.
  'drain-delete': { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 5 },
};

/** Replaces the random suffix of `kubectl debug node/…` pod names so that runs compare equal. */
export function stableNames(obj: Record<string, unknown>): Record<string, unknown> {
  const meta = obj.metadata as { name?: string } | undefined;
  const name = meta?.name?.replace(/^(node-debugger-.+-)[a-z0-9]{5}$/, '$1#####');
  return name === meta?.name ? obj : { ...obj, metadata: { ...meta, name } };
}
