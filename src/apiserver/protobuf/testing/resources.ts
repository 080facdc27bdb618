/** The resources the capture server announces in discovery: just enough for the kubectl generators. */

export interface FakeResource {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  /** Subresource name → the kind it accepts (POST-able subresources only). */
  subresources?: Record<string, { group: string; version: string; kind: string }>;
}

function res(gv: string, resource: string, kind: string, extra: Partial<FakeResource> = {}): FakeResource {
  const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
  return { group: group!, version: version!, resource, kind, namespaced: true, ...extra };
}

const cluster = { namespaced: false };

export const FAKE_RESOURCES: readonly FakeResource[] = [
  res('v1', 'namespaces', 'Namespace', { ...cluster, shortNames: ['ns'] }),
  res('v1', 'configmaps', 'ConfigMap', { shortNames: ['cm'] }),
  res('v1', 'secrets', 'Secret'),
  res('v1', 'services', 'Service', { shortNames: ['svc'] }),
  res('v1', 'serviceaccounts', 'ServiceAccount', {
    shortNames: ['sa'],
    subresources: { token: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' } },
  }),
  res('v1', 'resourcequotas', 'ResourceQuota', { shortNames: ['quota'] }),
  res('v1', 'pods', 'Pod', {
    shortNames: ['po'],
    subresources: { eviction: { group: 'policy', version: 'v1', kind: 'Eviction' } },
  }),
  res('v1', 'nodes', 'Node', { ...cluster, shortNames: ['no'] }),
  res('apps/v1', 'deployments', 'Deployment', {
    shortNames: ['deploy'],
    subresources: { scale: { group: 'autoscaling', version: 'v1', kind: 'Scale' } },
  }),
  res('batch/v1', 'jobs', 'Job'),
  res('batch/v1', 'cronjobs', 'CronJob', { shortNames: ['cj'] }),
  res('rbac.authorization.k8s.io/v1', 'roles', 'Role'),
  res('rbac.authorization.k8s.io/v1', 'rolebindings', 'RoleBinding'),
  res('rbac.authorization.k8s.io/v1', 'clusterroles', 'ClusterRole', cluster),
  res('rbac.authorization.k8s.io/v1', 'clusterrolebindings', 'ClusterRoleBinding', cluster),
  res('policy/v1', 'poddisruptionbudgets', 'PodDisruptionBudget', { shortNames: ['pdb'] }),
  res('scheduling.k8s.io/v1', 'priorityclasses', 'PriorityClass', { ...cluster, shortNames: ['pc'] }),
  res('networking.k8s.io/v1', 'ingresses', 'Ingress', { shortNames: ['ing'] }),
  res('autoscaling/v1', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', { shortNames: ['hpa'] }),
  res('authorization.k8s.io/v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', cluster),
  res('authorization.k8s.io/v1', 'selfsubjectrulesreviews', 'SelfSubjectRulesReview', cluster),
  res('authentication.k8s.io/v1', 'selfsubjectreviews', 'SelfSubjectReview', cluster),
];

function apiVersionOf(r: { group: string; version: string }): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** The aggregated discovery document (apidiscovery.k8s.io/v2) for `/api` (core) or `/apis` (groups). */
export function aggregatedDiscovery(core: boolean): Record<string, unknown> {
  const groups = new Map<string, FakeResource[]>();
  for (const r of FAKE_RESOURCES) {
    if ((r.group === '') !== core) continue;
    groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  }
  const items = [...groups].map(([group, rs]) => ({
    metadata: group ? { name: group, creationTimestamp: null } : { creationTimestamp: null },
    versions: [
      {
        version: rs[0]!.version,
        freshness: 'Current',
        resources: rs.map((r) => ({
          resource: r.resource,
          responseKind: { group: r.group, version: r.version, kind: r.kind },
          scope: r.namespaced ? 'Namespaced' : 'Cluster',
          singularResource: r.kind.toLowerCase(),
          verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
          ...(r.shortNames ? { shortNames: r.shortNames } : {}),
          subresources: Object.entries(r.subresources ?? {}).map(([name, k]) => ({
            subresource: name,
            responseKind: k,
            verbs: ['create'],
          })),
        })),
      },
    ],
  }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}

/** The legacy APIResourceList for one group/version (kubectl drain reads `/api/v1` to find pods/eviction). */
export function legacyResourceList(group: string, version: string): Record<string, unknown> | undefined {
  const rs = FAKE_RESOURCES.filter((r) => r.group === group && r.version === version);
  if (rs.length === 0) return undefined;
  const verbs = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
  const resources = rs.flatMap((r) => [
    { name: r.resource, singularName: r.kind.toLowerCase(), namespaced: r.namespaced, kind: r.kind, verbs },
    ...Object.entries(r.subresources ?? {}).map(([sub, k]) => ({
      name: `${r.resource}/${sub}`,
      singularName: '',
      namespaced: r.namespaced,
      ...k,
      verbs: ['create'],
    })),
  ]);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf({ group, version }), resources };
}

export interface ResolvedPath {
  group: string;
  version: string;
  kind: string;
  /** The object name in the path, when there is one. */
  name?: string;
}

/** Maps a request path (`/apis/apps/v1/namespaces/x/deployments[/name[/sub]]`) to the kind it carries. */
export function resolvePath(path: string): ResolvedPath | undefined {
  const parts = path.split('?')[0]!.split('/').filter(Boolean);
  const rest = parts[0] === 'api' ? parts.slice(2) : parts.slice(3);
  const gv = parts[0] === 'api' ? { group: '', version: parts[1] } : { group: parts[1], version: parts[2] };
  if (rest[0] === 'namespaces' && rest.length >= 3) rest.splice(0, 2);
  const r = FAKE_RESOURCES.find((x) => x.resource === rest[0] && x.group === gv.group && x.version === gv.version);
  if (!r) return undefined;
  const sub = rest[2] ? r.subresources?.[rest[2]] : undefined;
  if (rest[2] && !sub) return undefined;
  return { ...(sub ?? { group: r.group, version: r.version, kind: r.kind }), ...(rest[1] ? { name: rest[1] } : {}) };
}

export { apiVersionOf };
