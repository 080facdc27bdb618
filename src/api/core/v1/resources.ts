/** Compute resources: ResourceList and ResourceRequirements, with their defaults and checks. */
import { type FieldError, fieldPath, forbidden, invalid, required } from '../../validation/field-errors.js';
import { isQualifiedName } from '../../validation/names.js';
import {
  compareQuantities,
  normalizeQuantity,
  quantityError,
  quantityMilliValue,
  quantityToString,
  tryParseQuantity,
} from '../../quantity.js';
import {
  isExtendedResourceName,
  isHugePageResourceName,
  isIntegerResourceName,
  isNativeResource,
  isOvercommitAllowed,
  isStandardContainerResourceName,
  isStandardResourceName,
} from './resource-names.js';

/**
 * Amounts of named resources ("cpu", "memory", "ephemeral-storage", "hugepages-2Mi",
 * extended resources like "example.com/gpu") as quantity strings, e.g. { cpu: "500m", memory: "128Mi" }.
 */
export type ResourceList = Record<string, string>;

/** A resource claim used by a container (dynamic resource allocation). */
export interface ResourceClaim {
  /** Name of an entry in pod.spec.resourceClaims that this container may use. */
  name: string;
  /** Selects one request of the claim, when it has several. */
  request?: string;
}

/** Compute resources a container needs and may use. */
export interface ResourceRequirements {
  /** The most of each resource the container may use. */
  limits?: ResourceList;
  /** The amount of each resource the container is guaranteed and scheduled by; defaults to the limit. */
  requests?: ResourceList;
  /** Dynamically allocated resource claims this container uses. */
  claims?: ResourceClaim[];
}

/** Rewrites every valid quantity in place into the text the apiserver stores ("0.5" → "500m", "1.5Gi" → "1536Mi"). */
export function normalizeResourceList(list: ResourceList | undefined): void {
  if (!list || typeof list !== 'object') return;
  for (const [k, v] of Object.entries(list)) {
    if (quantityError(v) === undefined) list[k] = normalizeQuantity(v);
  }
}

/** A quantity as upstream prints it in a table cell (Quantity.String()); "0" when absent or malformed. */
export function quantityCell(value: unknown): string {
  return quantityError(value) === undefined ? quantityToString(tryParseQuantity(value)!) : '0';
}

/** Normalises quantities, and defaults requests to the limits for resources with a limit but no request. */
export function defaultResourceRequirements(r: ResourceRequirements | undefined): void {
  if (!r) return;
  normalizeResourceList(r.limits);
  normalizeResourceList(r.requests);
  const limits = r.limits ?? {};
  if (Object.keys(limits).length === 0) return;
  r.requests ??= {};
  for (const [k, v] of Object.entries(limits)) {
    if (!(k in r.requests)) r.requests[k] = v;
  }
}

/** A resource name that may appear in quotas and limit ranges: qualified, and standard when unprefixed. */
export function validateResourceName(name: string, field: string): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(field, name, m));
  if (errs.length) return errs;
  if (!name.includes('/') && !isStandardResourceName(name)) {
    errs.push(invalid(field, name, 'must be a standard resource type or fully qualified'));
  }
  return errs;
}

/** A resource name a container may use. */
export function validateContainerResourceName(name: string, field: string): FieldError[] {
  const errs = validateResourceName(name, field);
  if (!name.includes('/')) {
    if (!isStandardContainerResourceName(name)) errs.push(invalid(field, name, 'must be a standard resource for containers'));
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push(invalid(field, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** Checks one quantity: well formed, not negative, and whole for integer resources. */
export function validateResourceQuantity(name: string, value: unknown, field: string): FieldError[] {
  const bad = quantityError(value);
  if (bad !== undefined) return [invalid(field, value, bad)];
  const q = tryParseQuantity(value)!;
  const errs: FieldError[] = [];
  if (q.nanos < 0n) errs.push(invalid(field, quantityToString(q), 'must be greater than or equal to 0'));
  if (isIntegerResourceName(name) && quantityMilliValue(q) % 1000 !== 0) {
    errs.push(invalid(field, quantityToString(q), 'must be an integer'));
  }
  return errs;
}

/** Checks names (as quota/limit-range resource names) and quantities of a ResourceList. */
export function validateResourceList(list: ResourceList | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [name, value] of Object.entries(list ?? {})) {
    const f = fieldPath(field, `[${name}]`);
    errs.push(...validateResourceName(name, f), ...validateResourceQuantity(name, value, f));
  }
  return errs;
}

const QOS_RESOURCES = ['cpu', 'memory'];

/** Checks a container's resources: names, quantities, and every request against its limit. */
export function validateResourceRequirements(r: ResourceRequirements | undefined, field: string): FieldError[] {
  if (!r) return [];
  const errs: FieldError[] = [];
  const limits = r.limits ?? {};
  const requests = r.requests ?? {};
  const limPath = fieldPath(field, 'limits');
  const reqPath = fieldPath(field, 'requests');
  let hugePages = false;
  let cpuOrMemory = false;
  for (const [name, value] of Object.entries(limits)) {
    const f = fieldPath(limPath, `[${name}]`);
    errs.push(...validateContainerResourceName(name, f), ...validateResourceQuantity(name, value, f));
    hugePages ||= isHugePageResourceName(name);
    cpuOrMemory ||= QOS_RESOURCES.includes(name);
  }
  for (const [name, value] of Object.entries(requests)) {
    const f = fieldPath(reqPath, `[${name}]`);
    errs.push(...validateContainerResourceName(name, f), ...validateResourceQuantity(name, value, f));
    hugePages ||= isHugePageResourceName(name);
    cpuOrMemory ||= QOS_RESOURCES.includes(name);
    const req = tryParseQuantity(value);
    if (!req) continue;
    if (name in limits) {
      const lim = tryParseQuantity(limits[name]);
      if (!lim) continue;
      const cmp = compareQuantities(req, lim);
      if (cmp !== 0 && !isOvercommitAllowed(name)) {
        errs.push(invalid(reqPath, quantityToString(req), `must be equal to ${name} limit of ${quantityToString(lim)}`));
      } else if (cmp > 0) {
        errs.push(invalid(reqPath, quantityToString(req), `must be less than or equal to ${name} limit of ${quantityToString(lim)}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
  }
  if (hugePages && !cpuOrMemory) errs.push(forbidden(field, 'HugePages require cpu or memory'));
  (r.claims ?? []).forEach((c, i) => {
    if (!c.name) errs.push(required(fieldPath(field, 'claims', i, 'name')));
  });
  return errs;
}
