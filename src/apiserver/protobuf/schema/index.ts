/**
 * The protobuf schema Gantry decodes request bodies with: every message definition parsed into
 * one protobufjs Root, and the table from group/version/kind to its top-level message.
 */
import protobuf from 'protobufjs';
import { AUTHENTICATION_PROTO, AUTHORIZATION_PROTO } from './auth.js';
import { CORE_PROTO } from './core.js';
import { META_PROTO } from './meta.js';
import { AUTOSCALING_PROTO, NETWORKING_PROTO } from './networking.js';
import { POD_PROTO } from './pod.js';
import { POLICY_PROTO, SCHEDULING_PROTO } from './policy.js';
import { RBAC_PROTO } from './rbac.js';
import { POD_EXTRA_PROTO } from './volume.js';
import { APPS_PROTO, BATCH_PROTO } from './workloads.js';

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

const SOURCES = [
  META_PROTO, CORE_PROTO, POD_PROTO, POD_EXTRA_PROTO, APPS_PROTO, BATCH_PROTO, RBAC_PROTO, POLICY_PROTO,
  SCHEDULING_PROTO, NETWORKING_PROTO, AUTOSCALING_PROTO, AUTHORIZATION_PROTO, AUTHENTICATION_PROTO,
];

/** group/version → (kind → message name under `gantry.<package>`). */
const KINDS: Record<string, { pkg: string; kinds: string[] }> = {
  v1: { pkg: 'core', kinds: ['Namespace', 'ConfigMap', 'Secret', 'Service', 'ServiceAccount', 'ResourceQuota', 'Pod'] },
  'apps/v1': { pkg: 'apps', kinds: ['Deployment'] },
  'batch/v1': { pkg: 'batch', kinds: ['Job', 'CronJob'] },
  'rbac.authorization.k8s.io/v1': { pkg: 'rbac', kinds: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'] },
  'policy/v1': { pkg: 'policy', kinds: ['PodDisruptionBudget', 'Eviction'] },
  'scheduling.k8s.io/v1': { pkg: 'scheduling', kinds: ['PriorityClass'] },
  'networking.k8s.io/v1': { pkg: 'networking', kinds: ['Ingress'] },
  'autoscaling/v1': { pkg: 'autoscaling', kinds: ['HorizontalPodAutoscaler'] },
  'authorization.k8s.io/v1': { pkg: 'authorization', kinds: ['SelfSubjectAccessReview', 'SelfSubjectRulesReview'] },
  'authentication.k8s.io/v1': { pkg: 'authentication', kinds: ['SelfSubjectReview', 'TokenRequest'] },
};

let root: protobuf.Root | undefined;

/** The parsed and resolved schema (built once, on first use). */
export function schemaRoot(): protobuf.Root {
  if (root) return root;
  const r = new protobuf.Root();
  for (const src of SOURCES) protobuf.parse(src, r, { keepCase: true });
  r.resolveAll();
  root = r;
  return r;
}

export function apiVersionOf(gvk: { group: string; version: string }): string {
  return gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
}

/** The top-level message for a kind, or undefined when protobuf is not supported for it. */
export function messageTypeFor(gvk: GroupVersionKind): protobuf.Type | undefined {
  const entry = KINDS[apiVersionOf(gvk)];
  if (!entry || !entry.kinds.includes(gvk.kind)) return undefined;
  return schemaRoot().lookupType(`gantry.${entry.pkg}.${gvk.kind}`);
}

/** Every kind whose protobuf body Gantry can decode. */
export function protobufKinds(): GroupVersionKind[] {
  return Object.entries(KINDS).flatMap(([gv, { kinds }]) => {
    const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
    return kinds.map((kind) => ({ group: group!, version: version!, kind }));
  });
}
