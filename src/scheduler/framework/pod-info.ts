/**
 * PodInfo: a pod plus everything the plugins would otherwise recompute on every node of every
 * cycle: its requests, host ports, priority and parsed (anti-)affinity terms. Built once per
 * pod version and shared by the queue, the cache and the NodeInfos.
 */
import type { ContainerPort, Pod, PodAffinityTerm, WeightedPodAffinityTerm } from '../../api/core/v1/index.js';
import { Selector, newRequirement, selectorFromLabelSelector, type Labels } from '../../machinery/index.js';
import { Resource, podRequests } from './resource.js';

/** A processed PodAffinityTerm (upstream framework.AffinityTerm). */
export interface AffinityTerm {
  namespaces: ReadonlySet<string>;
  selector: Selector;
  topologyKey: string;
  /** undefined: no namespaceSelector; Selector.nothing() for an invalid one. */
  namespaceSelector: Selector | undefined;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

/** A host port a pod needs, as upstream's HostPortInfo keys it. */
export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

export interface PodInfo {
  readonly pod: Pod;
  /** The cache key: the UID, or namespace/name when the pod has none (tests). */
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  /** Resolved priority (spec.priority, else the PriorityClass's value, else 0). */
  priority: number;
  /** Resolved preemption policy (spec.preemptionPolicy, else the PriorityClass's). */
  readonly preemptionPolicy: 'PreemptLowerPriority' | 'Never';
  readonly requests: Resource;
  /** Requests with the scoring defaults for containers that set none. */
  readonly nonZeroRequests: Resource;
  readonly hostPorts: readonly HostPort[];
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
  /** A term's selector could not be parsed: the pod cannot be scheduled. */
  readonly parseError: string | undefined;
}

/** The label key upstream's InterPodAffinity treats as "same node". */
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';

const EMPTY = Object.freeze([]) as unknown as never[];

function termNamespaces(pod: Pod, t: PodAffinityTerm): Set<string> {
  const ns = t.namespaces ?? [];
  if (ns.length === 0 && !t.namespaceSelector) return new Set([pod.metadata.namespace ?? '']);
  return new Set(ns);
}

/** Adds matchLabelKeys (In) and mismatchLabelKeys (NotIn) with the pod's own label values. */
function withLabelKeys(sel: Selector, pod: Pod, t: PodAffinityTerm): Selector {
  const labels = pod.metadata.labels ?? {};
  const extra = [];
  for (const k of t.matchLabelKeys ?? []) if (Object.hasOwn(labels, k)) extra.push(newRequirement(k, 'in', [labels[k]!]));
  for (const k of t.mismatchLabelKeys ?? []) if (Object.hasOwn(labels, k)) extra.push(newRequirement(k, 'notin', [labels[k]!]));
  return extra.length ? sel.add(...extra) : sel;
}

function newAffinityTerm(pod: Pod, t: PodAffinityTerm): AffinityTerm {
  const base = selectorFromLabelSelector(t.labelSelector);
  return {
    namespaces: termNamespaces(pod, t),
    selector: t.labelSelector ? withLabelKeys(base, pod, t) : base,
    topologyKey: t.topologyKey ?? '',
    namespaceSelector: t.namespaceSelector ? selectorFromLabelSelector(t.namespaceSelector) : undefined,
  };
}

function terms(pod: Pod, list: PodAffinityTerm[] | undefined): AffinityTerm[] {
  return Array.isArray(list) && list.length ? list.map((t) => newAffinityTerm(pod, t)) : EMPTY;
}

function weightedTerms(pod: Pod, list: WeightedPodAffinityTerm[] | undefined): WeightedAffinityTerm[] {
  if (!Array.isArray(list) || list.length === 0) return EMPTY;
  return list.map((w) => ({ ...newAffinityTerm(pod, w.podAffinityTerm ?? ({} as PodAffinityTerm)), weight: w.weight ?? 0 }));
}

function hostPortsOf(pod: Pod): HostPort[] {
  let out: HostPort[] | undefined;
  const scan = (ports: ContainerPort[] | undefined) => {
    for (const p of ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      (out ??= []).push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  };
  for (const c of pod.spec?.containers ?? []) scan(c.ports);
  for (const c of pod.spec?.initContainers ?? []) if (c.restartPolicy === 'Always') scan(c.ports);
  return out ?? EMPTY;
}

/** The key a pod is cached under. */
export function podKey(pod: Pod): string {
  return pod.metadata.uid || `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}

/** Builds the PodInfo of `pod`; `priority` and `preemptionPolicy` are resolved from its PriorityClass. */
export function newPodInfo(pod: Pod, opts: { priority?: number; preemptionPolicy?: 'PreemptLowerPriority' | 'Never' } = {}): PodInfo {
  const a = pod.spec?.affinity;
  let parseError: string | undefined;
  const safe = <T>(fn: () => T[]): T[] => {
    try {
      return fn();
    } catch (e) {
      parseError ??= `invalid pod affinity term: ${e instanceof Error ? e.message : String(e)}`;
      return EMPTY;
    }
  };
  const requiredAffinityTerms = safe(() => terms(pod, a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution));
  const requiredAntiAffinityTerms = safe(() => terms(pod, a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution));
  const preferredAffinityTerms = safe(() => weightedTerms(pod, a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution));
  const preferredAntiAffinityTerms = safe(() => weightedTerms(pod, a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution));
  return {
    pod,
    key: podKey(pod),
    namespace: pod.metadata.namespace ?? '',
    name: pod.metadata.name ?? '',
    labels: pod.metadata.labels ?? {},
    priority: opts.priority ?? pod.spec?.priority ?? 0,
    preemptionPolicy: opts.preemptionPolicy ?? pod.spec?.preemptionPolicy ?? 'PreemptLowerPriority',
    requests: podRequests(pod.spec),
    nonZeroRequests: podRequests(pod.spec, { nonMissing: true }),
    hostPorts: hostPortsOf(pod),
    requiredAffinityTerms,
    requiredAntiAffinityTerms,
    preferredAffinityTerms,
    preferredAntiAffinityTerms,
    parseError,
  };
}

/** Any pod (anti-)affinity term at all. */
export function hasAffinity(pi: PodInfo): boolean {
  return (
    pi.requiredAffinityTerms.length > 0 ||
    pi.requiredAntiAffinityTerms.length > 0 ||
    pi.preferredAffinityTerms.length > 0 ||
    pi.preferredAntiAffinityTerms.length > 0
  );
}

export function hasRequiredAntiAffinity(pi: PodInfo): boolean {
  return pi.requiredAntiAffinityTerms.length > 0;
}

/**
 * Whether `term` selects `pod`: the pod's namespace is listed (or picked by the namespace
 * selector, given that namespace's labels) and its labels match.
 */
export function termMatches(term: AffinityTerm, pod: PodInfo, nsLabels: Labels | undefined): boolean {
  if (term.namespaces.has(pod.namespace) || (term.namespaceSelector !== undefined && term.namespaceSelector.matches(nsLabels ?? {}))) {
    return term.selector.matches(pod.labels);
  }
  return false;
}

/** A pod that is being deleted. */
export function isTerminating(pi: PodInfo): boolean {
  return Boolean(pi.pod.metadata.deletionTimestamp);
}
