/**
 * ResourceQuota evaluation shared by the quota controller (status.used) and admission (refusing
 * a create that would exceed a quota): which quotas an object falls under (scopes), what it is
 * charged, and upstream's refusal messages.
 */
import type { Pod, ResourceQuota, ScopedResourceSelectorRequirement } from '../core/v1/index.js';
import type { KubeObject } from '../meta.js';
import { handlesResourceName, isBestEffort, podResourceTotals, computeUsage, usageOf, type QuotaResource } from './evaluators.js';
import { addUsage, exceeded, fromResourceList, mask, prettyPrint, toResourceList, type Usage } from './usage.js';

/** A quota's scopes and scope selector as requirements (scopes mean Exists). */
export function scopeRequirements(q: ResourceQuota): ScopedResourceSelectorRequirement[] {
  const fromScopes = (q.spec?.scopes ?? []).map((s) => ({ scopeName: s, operator: 'Exists' as const }));
  return [...fromScopes, ...(q.spec?.scopeSelector?.matchExpressions ?? [])];
}

function crossNamespaceAffinity(pod: Pod): boolean {
  const a = pod.spec?.affinity;
  const terms = [
    ...(a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
    ...(a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
    ...(a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => w.podAffinityTerm),
    ...(a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => w.podAffinityTerm),
  ];
  return terms.some((t) => (t?.namespaces?.length ?? 0) > 0 || t?.namespaceSelector != null);
}

/** upstream podMatchesScopeFunc. */
export function podMatchesScope(pod: Pod, req: ScopedResourceSelectorRequirement): boolean {
  switch (req.scopeName) {
    case 'Terminating':
      return pod.spec?.activeDeadlineSeconds != null && pod.spec.activeDeadlineSeconds >= 0;
    case 'NotTerminating':
      return !(pod.spec?.activeDeadlineSeconds != null && pod.spec.activeDeadlineSeconds >= 0);
    case 'BestEffort':
      return isBestEffort(pod);
    case 'NotBestEffort':
      return !isBestEffort(pod);
    case 'CrossNamespacePodAffinity':
      return crossNamespaceAffinity(pod);
    case 'PriorityClass': {
      const pc = pod.spec?.priorityClassName ?? '';
      const values = req.values ?? [];
      switch (req.operator) {
        case 'Exists':
          return pc !== '';
        case 'DoesNotExist':
          return pc === '';
        case 'In':
          return pc !== '' && values.includes(pc);
        case 'NotIn':
          return pc === '' || !values.includes(pc);
        default:
          return false;
      }
    }
    default:
      return false;
  }
}

/** The quota applies to `obj`: no scopes, or a pod matching every scope (other kinds match no scope). */
export function quotaMatches(q: ResourceQuota, r: QuotaResource, obj: KubeObject): boolean {
  const reqs = scopeRequirements(q);
  if (reqs.length === 0) return true;
  if (r.group !== '' || r.resource !== 'pods') return false;
  return reqs.every((req) => podMatchesScope(obj as Pod, req));
}

/** The hard names of `hard` that the evaluator of `r` charges. */
export function matchingNames(hard: Record<string, string> | undefined, r: QuotaResource): string[] {
  return Object.keys(hard ?? {}).filter((n) => handlesResourceName(r, n));
}

/** status.used of a quota over every object of the namespace (by resource). */
export function computeUsed(q: ResourceQuota, objects: { resource: QuotaResource; items: KubeObject[] }[], opts: { now?: number } = {}): Record<string, string> {
  const hard = q.spec?.hard ?? {};
  let total: Usage = new Map();
  for (const { resource, items } of objects) {
    const names = matchingNames(hard, resource);
    if (names.length === 0) continue;
    for (const obj of items) {
      if (!quotaMatches(q, resource, obj)) continue;
      total = addUsage(total, mask(usageOf(resource, obj, opts), names));
    }
  }
  const out: Record<string, string> = {};
  const listed = toResourceList(total);
  for (const name of Object.keys(hard).sort()) out[name] = listed[name] ?? '0';
  return out;
}

/** CPU and memory names a quota can only count when every container states them (upstream validationSet). */
const MUST_SPECIFY = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

/** upstream podEvaluator.Constraints: "must specify limits.cpu for: a,b; requests.cpu for: a". */
function podConstraints(pod: Pod, required: string[]): string | undefined {
  const wanted = required.filter((n) => MUST_SPECIFY.has(n));
  if (wanted.length === 0) return undefined;
  const missing = new Map<string, Set<string>>();
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const own = computeUsage(podResourceTotals({ containers: [c] }, 'requests'), podResourceTotals({ containers: [c] }, 'limits'));
    for (const n of wanted) {
      if (own.has(n)) continue;
      if (!missing.has(n)) missing.set(n, new Set());
      missing.get(n)!.add(c.name);
    }
  }
  if (missing.size === 0) return undefined;
  const parts = [...missing.keys()].sort().map((n) => `${n} for: ${[...missing.get(n)!].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

export interface QuotaCharge {
  quota: ResourceQuota;
  /** The quota's status.used with the new object added. */
  used: Record<string, string>;
}

export interface QuotaDecision {
  /** Why the create is refused (upstream's wording, without the "<resource> \"name\" is forbidden: " prefix). */
  error?: string;
  /** Quotas the object is charged against, with their new usage (admission writes these back). */
  charges: QuotaCharge[];
}

/**
 * Admission's view of a create: refuses it when a quota that applies has no status yet, when a
 * pod lacks requests or limits a quota needs, or when the new usage would pass status.hard.
 */
export function evaluateQuotas(quotas: readonly ResourceQuota[], obj: KubeObject, opts: { resource: QuotaResource; now?: number }): QuotaDecision {
  const charges: QuotaCharge[] = [];
  const sorted = [...quotas].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  for (const q of sorted) {
    // As upstream, admission goes by status.hard: a quota the controller has not seen yet restricts nothing.
    const statusHard = q.status?.hard;
    const names = matchingNames(statusHard, opts.resource);
    if (names.length === 0 || !quotaMatches(q, opts.resource, obj)) continue;
    const qname = q.metadata.name ?? '';
    if (opts.resource.group === '' && opts.resource.resource === 'pods') {
      const problem = podConstraints(obj as Pod, names);
      if (problem) return { error: `failed quota: ${qname}: ${problem}`, charges: [] };
    }
    if (names.some((n) => !(n in (q.status?.used ?? {})))) {
      return { error: `status unknown for quota: ${qname}, resources: ${[...names].sort().join(',')}`, charges: [] };
    }
    const requested = mask(usageOf(opts.resource, obj, { now: opts.now }), names);
    if (requested.size === 0) continue;
    const used = fromResourceList(q.status?.used);
    const hard = fromResourceList(statusHard);
    const next = addUsage(used, requested);
    const over = exceeded(mask(next, requested.keys()), hard);
    if (over.length > 0) {
      return {
        error: `exceeded quota: ${qname}, requested: ${prettyPrint(mask(requested, over))}, used: ${prettyPrint(mask(used, over))}, limited: ${prettyPrint(mask(hard, over))}`,
        charges: [],
      };
    }
    charges.push({ quota: q, used: { ...(q.status?.used ?? {}), ...toResourceList(mask(next, names)) } });
  }
  return { charges };
}

/** The refusal message for creating `obj` under `quotas`, or undefined when it is allowed. */
export function checkQuota(quotas: readonly ResourceQuota[], obj: KubeObject, opts: { resource: QuotaResource; now?: number }): string | undefined {
  return evaluateQuotas(quotas, obj, opts).error;
}
