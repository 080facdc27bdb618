/**
 * LimitRange admission (upstream plugin/pkg/admission/limitranger), for the apiserver:
 *
 *   applyLimitRangeDefaults(pod, limitRanges)          // mutating: default limits and requests
 *   const msg = checkLimitRanges(pod, limitRanges, { kind: 'Pod' })
 *   if (msg) throw ApiError.forbidden({ group: '', resource: 'pods' }, name, { reason: msg })
 *   // → pods "x" is forbidden: maximum cpu usage per Container is 1, but limit is 2
 *
 * Defaults come from the Container items' `default` (limits) and `defaultRequest` (requests),
 * set only where a container states nothing; the pod is annotated with what was set. The checks
 * are min, max and maxLimitRequestRatio per Container, per Pod (summed) and per
 * PersistentVolumeClaim (storage requests), with upstream's messages.
 */
import type { Container, LimitRange, PersistentVolumeClaim, Pod, ResourceList } from './core/v1/index.js';
import { quantityMilliValue, quantityToString, tryParseQuantity, type Quantity } from './quantity.js';
import { podResourceTotals } from './quota/evaluators.js';

/** The annotation naming what LimitRanger set. */
export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

function defaultsOf(ranges: readonly LimitRange[]): { requests: ResourceList; limits: ResourceList } {
  const requests: ResourceList = {};
  const limits: ResourceList = {};
  for (const lr of ranges) {
    for (const item of lr.spec?.limits ?? []) {
      if (item.type !== 'Container') continue;
      Object.assign(requests, item.defaultRequest ?? {});
      Object.assign(limits, item.default ?? {});
    }
  }
  return { requests, limits };
}

function mergeContainer(c: Container, defaults: { requests: ResourceList; limits: ResourceList }, what: string): string[] {
  c.resources ??= {};
  const limits = (c.resources.limits ??= {});
  const requests = (c.resources.requests ??= {});
  const setLimits: string[] = [];
  const setRequests: string[] = [];
  for (const [k, v] of Object.entries(defaults.limits)) {
    if (!(k in limits)) {
      limits[k] = v;
      setLimits.push(k);
    }
  }
  for (const [k, v] of Object.entries(defaults.requests)) {
    if (!(k in requests)) {
      requests[k] = v;
      setRequests.push(k);
    }
  }
  if (Object.keys(limits).length === 0) delete c.resources.limits;
  if (Object.keys(requests).length === 0) delete c.resources.requests;
  const notes: string[] = [];
  if (setRequests.length) notes.push(`${setRequests.sort().join(', ')} request for ${what} ${c.name}`);
  if (setLimits.length) notes.push(`${setLimits.sort().join(', ')} limit for ${what} ${c.name}`);
  return notes;
}

/** Sets default requests and limits on `pod` (in place) and annotates it, as upstream's mutating LimitRanger. */
export function applyLimitRangeDefaults(pod: Pod, ranges: readonly LimitRange[]): void {
  const defaults = defaultsOf(ranges);
  if (Object.keys(defaults.limits).length === 0 && Object.keys(defaults.requests).length === 0) return;
  const notes: string[] = [];
  for (const c of pod.spec?.containers ?? []) notes.push(...mergeContainer(c, defaults, 'container'));
  for (const c of pod.spec?.initContainers ?? []) notes.push(...mergeContainer(c, defaults, 'init container'));
  if (notes.length === 0) return;
  pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
}

type Amounts = Map<string, Quantity>;

function amounts(list: ResourceList | undefined): Amounts {
  const out: Amounts = new Map();
  for (const [k, v] of Object.entries(list ?? {})) {
    const q = tryParseQuantity(v);
    if (q) out.set(k, q);
  }
  return out;
}

const show = (q: Quantity) => quantityToString(q);

function minConstraint(type: string, name: string, enforced: Quantity, req: Amounts, lim: Amounts): string | undefined {
  const r = req.get(name);
  const l = lim.get(name);
  if (!r) return `minimum ${name} usage per ${type} is ${show(enforced)}.  No request is specified`;
  if (quantityMilliValue(r) < quantityMilliValue(enforced)) return `minimum ${name} usage per ${type} is ${show(enforced)}, but request is ${show(r)}`;
  if (l && quantityMilliValue(l) < quantityMilliValue(enforced)) return `minimum ${name} usage per ${type} is ${show(enforced)}, but limit is ${show(l)}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: Quantity, req: Amounts, lim: Amounts): string | undefined {
  const r = req.get(name);
  const l = lim.get(name);
  if (!l) return `maximum ${name} usage per ${type} is ${show(enforced)}.  No limit is specified`;
  if (quantityMilliValue(l) > quantityMilliValue(enforced)) return `maximum ${name} usage per ${type} is ${show(enforced)}, but limit is ${show(l)}`;
  if (r && quantityMilliValue(r) > quantityMilliValue(enforced)) return `maximum ${name} usage per ${type} is ${show(enforced)}, but request is ${show(r)}`;
  return undefined;
}

function maxRequestConstraint(type: string, name: string, enforced: Quantity, req: Amounts): string | undefined {
  const r = req.get(name);
  if (!r) return `maximum ${name} usage per ${type} is ${show(enforced)}.  No request is specified`;
  if (quantityMilliValue(r) > quantityMilliValue(enforced)) return `maximum ${name} usage per ${type} is ${show(enforced)}, but request is ${show(r)}`;
  return undefined;
}

function ratioConstraint(type: string, name: string, enforced: Quantity, req: Amounts, lim: Amounts): string | undefined {
  const r = req.get(name);
  const l = lim.get(name);
  const rv = r ? quantityMilliValue(r) : 0;
  const lv = l ? quantityMilliValue(l) : 0;
  if (rv === 0) return `${name} max limit to request ratio per ${type} is ${show(enforced)}, but no request is specified or request is 0`;
  if (lv === 0) return `${name} max limit to request ratio per ${type} is ${show(enforced)}, but no limit is specified or limit is 0`;
  const ratio = lv / rv;
  const max = quantityMilliValue(enforced) / 1000;
  if (ratio > max) return `${name} max limit to request ratio per ${type} is ${show(enforced)}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

/** The min/max/ratio checks of one item against one set of requests and limits. */
function checkItem(item: NonNullable<LimitRange['spec']>['limits'][number], type: string, req: Amounts, lim: Amounts): string[] {
  const errs: string[] = [];
  for (const [k, v] of amounts(item.min)) errs.push(minConstraint(type, k, v, req, lim) ?? '');
  for (const [k, v] of amounts(item.max)) errs.push(maxConstraint(type, k, v, req, lim) ?? '');
  for (const [k, v] of amounts(item.maxLimitRequestRatio)) errs.push(ratioConstraint(type, k, v, req, lim) ?? '');
  return errs.filter(Boolean);
}

/** upstream utilerrors.NewAggregate().Error(): one message, or "[a, b]". */
function aggregate(errs: string[]): string | undefined {
  if (errs.length === 0) return undefined;
  return errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
}

/**
 * Why `obj` breaks the namespace's LimitRanges (undefined: it does not). `kind` is 'Pod' or
 * 'PersistentVolumeClaim'; other kinds are never limited.
 */
export function checkLimitRanges(obj: Pod | PersistentVolumeClaim, ranges: readonly LimitRange[], opts: { kind: 'Pod' | 'PersistentVolumeClaim' }): string | undefined {
  const errs: string[] = [];
  for (const lr of ranges) {
    for (const item of lr.spec?.limits ?? []) {
      if (opts.kind === 'Pod') {
        const pod = obj as Pod;
        if (item.type === 'Container') {
          for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
            errs.push(...checkItem(item, 'Container', amounts(c.resources?.requests), amounts(c.resources?.limits)));
          }
        } else if (item.type === 'Pod') {
          const spec = pod.spec ?? { containers: [] };
          errs.push(...checkItem(item, 'Pod', podResourceTotals(spec, 'requests'), podResourceTotals(spec, 'limits')));
        }
      } else if (item.type === 'PersistentVolumeClaim') {
        const req = amounts((obj as PersistentVolumeClaim).spec?.resources?.requests);
        for (const [k, v] of amounts(item.min)) errs.push(minConstraint('PersistentVolumeClaim', k, v, req, new Map()) ?? '');
        for (const [k, v] of amounts(item.max)) errs.push(maxRequestConstraint('PersistentVolumeClaim', k, v, req) ?? '');
      }
    }
  }
  return aggregate(errs.filter(Boolean));
}
