/** core/v1 Pod: the smallest deployable unit, a group of containers on one node. */
import { defineKind } from '../../kind.js';
import { ageColumn, col, nameColumn, formatAge } from '../../printing.js';
import { type FieldError, forbidden, invalid, required } from '../../validation/field-errors.js';
import { validateIP } from '../../validation/ip.js';
import { validateImageWhitespace } from './container.js';
import { defaultPodSpec, validatePodSpec } from './pod-spec.js';
import { podSummary, podWideCells } from './pod-printer.js';
import { computePodQOS } from './pod-qos.js';
import type { Pod } from './pod-types.js';
import { validatePodSpecUpdate } from './pod-update.js';
import type { Container } from './container-types.js';

export * from './pod-types.js';
export { computePodQOS } from './pod-qos.js';
export { podSummary, podWideCells } from './pod-printer.js';
export { validateEphemeralContainersUpdate, validatePodSpecUpdate } from './pod-update.js';

/** The annotation carrying a pod's deletion cost (an int32) for ReplicaSet scale-down. */
export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

/** Requests default to limits on pods (not in templates), as upstream's SetDefaults_Pod. */
function defaultRequestsFromLimits(containers: Container[] | undefined): void {
  for (const c of containers ?? []) {
    const limits = c.resources?.limits;
    if (!limits) continue;
    c.resources!.requests ??= {};
    for (const [k, v] of Object.entries(limits)) if (!(k in c.resources!.requests)) c.resources!.requests[k] = v;
  }
}

/** Upstream's Pod defaults on top of the PodSpec defaults. */
export function defaultPod(pod: Pod): void {
  pod.spec ??= { containers: [] };
  defaultPodSpec(pod.spec);
  defaultRequestsFromLimits(pod.spec.containers);
  defaultRequestsFromLimits(pod.spec.initContainers);
  pod.spec.enableServiceLinks ??= true;
  syncIPs(pod);
  if (pod.spec.hostNetwork) {
    for (const c of [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])]) {
      for (const p of c.ports ?? []) if (!p.hostPort) p.hostPort = p.containerPort;
    }
  }
}

/** podIP mirrors podIPs[0] (and hostIP hostIPs[0]), as upstream's v1 conversion keeps them. */
function syncIPs(p: Pod): void {
  const s = p.status;
  if (!s) return;
  if (s.podIP && !s.podIPs?.length) s.podIPs = [{ ip: s.podIP }];
  if (!s.podIP && s.podIPs?.length) s.podIP = s.podIPs[0]!.ip;
  if (s.hostIP && !s.hostIPs?.length) s.hostIPs = [{ ip: s.hostIP }];
  if (!s.hostIP && s.hostIPs?.length) s.hostIP = s.hostIPs[0]!.ip;
}

function validateDeletionCost(pod: Pod): FieldError[] {
  const v = pod.metadata.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (v === undefined) return [];
  const n = Number(v);
  const ok = /^[-+]?[0-9]+$/.test(v.trim()) && Number.isInteger(n) && n >= -2147483648 && n <= 2147483647;
  return ok ? [] : [invalid(`metadata.annotations[${POD_DELETION_COST_ANNOTATION}]`, v, 'must be a 32bit integer')];
}

function validatePod(pod: Pod): FieldError[] {
  if (!pod.spec) return [required('spec')];
  const errs = [...validateDeletionCost(pod), ...validatePodSpec(pod.spec, 'spec', { resourceIsPod: true })];
  if (!pod.spec.serviceAccountName) {
    (pod.spec.volumes ?? []).forEach((v, i) => {
      (v.projected?.sources ?? []).forEach((s, j) => {
        if (s.serviceAccountToken) {
          const f = `spec.volumes[${i}].projected.sources[${j}].serviceAccountToken`;
          errs.push(forbidden(f, 'must not be specified when serviceAccountName is not set'));
        }
      });
    });
  }
  errs.push(...validateImageWhitespace(pod.spec.containers, 'spec.containers'));
  errs.push(...validateImageWhitespace(pod.spec.initContainers, 'spec.initContainers'));
  return errs;
}

function validatePodStatus(pod: Pod): FieldError[] {
  const errs: FieldError[] = [];
  const ips = pod.status?.podIPs ?? [];
  ips.forEach((p, i) => errs.push(...validateIP(p.ip ?? '', `status.podIPs[${i}].ip`)));
  const hostIPs = pod.status?.hostIPs ?? [];
  hostIPs.forEach((p, i) => errs.push(...validateIP(p.ip ?? '', `status.hostIPs[${i}].ip`)));
  if (hostIPs.length && pod.status?.hostIP !== hostIPs[0]!.ip) {
    errs.push(invalid('status.hostIPs[0].ip', hostIPs[0]!.ip, 'must be equal to `hostIP`'));
  }
  if (ips.length && pod.status?.podIP && pod.status.podIP !== ips[0]!.ip) {
    errs.push(invalid('status.podIPs[0].ip', ips[0]!.ip, 'must be equal to `podIP`'));
  }
  return errs;
}

export const pod = defineKind<Pod>({
  group: '',
  version: 'v1',
  kind: 'Pod',
  plural: 'pods',
  singular: 'pod',
  namespaced: true,
  shortNames: ['po'],
  categories: ['all'],
  statusSubresource: true,
  extraSubresources: [
    { name: 'attach', kind: 'PodAttachOptions', verbs: ['create', 'get'] },
    { name: 'binding', kind: 'Binding', verbs: ['create'] },
    { name: 'ephemeralcontainers', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
    { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
    { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
    { name: 'log', kind: 'Pod', verbs: ['get'] },
    { name: 'portforward', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
    { name: 'proxy', kind: 'PodProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
  ],
  generationFields: ['spec'],
  defaults: defaultPod,
  prepareForCreate(p) {
    // QoS needs the defaulted requests, whichever order the caller runs defaults in.
    defaultPod(p);
    p.status = { phase: 'Pending', qosClass: computePodQOS(p.spec) };
  },
  validate: validatePod,
  validateUpdate(p, old) {
    const errs = validatePod(p);
    if (errs.length) return errs;
    return validatePodSpecUpdate(p.spec, old.spec);
  },
  validateStatusUpdate: validatePodStatus,
  table: {
    columns: [
      nameColumn,
      col('Ready', 0, 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
      col('Status', 0, 'string', 'The aggregate status of the containers in this pod.'),
      col('Restarts', 0, 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
      ageColumn,
      col('IP', 1, 'string', 'The IP address allocated to the pod.'),
      col('Node', 1, 'string', 'The node the pod is scheduled onto.'),
      col('Nominated Node', 1, 'string', 'The node nominated for the pod while the scheduler preempts pods there.'),
      col('Readiness Gates', 1, 'string', 'Extra conditions evaluated for pod readiness.'),
    ],
    cells(p, now) {
      const s = podSummary(p, now);
      return [p.metadata.name, s.ready, s.status, s.restarts, formatAge(p.metadata.creationTimestamp, now), ...podWideCells(p)];
    },
  },
  fieldSelectors: {
    'spec.nodeName': (p) => p.spec?.nodeName ?? '',
    'spec.restartPolicy': (p) => p.spec?.restartPolicy ?? '',
    'spec.schedulerName': (p) => p.spec?.schedulerName ?? '',
    'spec.serviceAccountName': (p) => p.spec?.serviceAccountName ?? '',
    'spec.hostNetwork': (p) => String(p.spec?.hostNetwork ?? false),
    'status.phase': (p) => p.status?.phase ?? '',
    'status.podIP': (p) => p.status?.podIPs?.[0]?.ip ?? p.status?.podIP ?? '',
    'status.nominatedNodeName': (p) => p.status?.nominatedNodeName ?? '',
  },
});
