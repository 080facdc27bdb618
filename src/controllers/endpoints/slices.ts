/**
 * Placing a service's desired endpoints into EndpointSlices (a simpler take on upstream's
 * reconciler): endpoints stay in the slice that has them, new ones fill slices with room, then
 * new slices; at most `maxPerSlice` per slice; slices left empty go, except one placeholder when
 * the service has no endpoints at all. Slices are grouped by address type and port set.
 */
import type { Endpoint, EndpointPort, EndpointSlice } from '../../api/discovery/v1/index.js';
import { semanticEqual } from '../../api/validation/semantic-equal.js';

export const MAX_ENDPOINTS_PER_SLICE = 100;

/** Desired endpoints sharing an address type and port set. */
export interface EndpointGroup {
  addressType: EndpointSlice['addressType'];
  ports: EndpointPort[];
  endpoints: Endpoint[];
}

export interface SlicePlan {
  create: EndpointSlice[];
  update: EndpointSlice[];
  delete: EndpointSlice[];
}

/** The identity of an endpoint across reconciles: its pod uid, else its first address. */
function endpointId(e: Endpoint): string {
  return e.targetRef?.uid ?? e.addresses?.[0] ?? '';
}

export function groupKey(addressType: string, ports: readonly EndpointPort[] | undefined): string {
  const sorted = [...(ports ?? [])].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || (a.port ?? 0) - (b.port ?? 0));
  return `${addressType}|${JSON.stringify(sorted)}`;
}

/**
 * Plans the writes that turn `existing` into slices holding `groups`. `template` makes a new
 * slice (name, labels, owner) for a group; `meta` is the metadata every slice should carry
 * (labels), compared to decide updates.
 */
export function planSlices(
  existing: readonly EndpointSlice[],
  groups: readonly EndpointGroup[],
  opts: { template(g: EndpointGroup): EndpointSlice; labels: Record<string, string>; maxPerSlice?: number },
): SlicePlan {
  const max = opts.maxPerSlice ?? MAX_ENDPOINTS_PER_SLICE;
  const plan: SlicePlan = { create: [], update: [], delete: [] };
  const byGroup = new Map<string, EndpointSlice[]>();
  for (const s of existing) {
    const k = groupKey(s.addressType, s.ports);
    byGroup.set(k, [...(byGroup.get(k) ?? []), s]);
  }
  const wanted = new Set<string>();
  const keep: EndpointSlice[] = [];
  for (const g of groups) {
    const key = groupKey(g.addressType, g.ports);
    wanted.add(key);
    const desired = new Map(g.endpoints.map((e) => [endpointId(e), e]));
    const slices = (byGroup.get(key) ?? []).map((s) => ({ old: s, endpoints: [] as Endpoint[] }));
    for (const s of slices) {
      for (const e of s.old.endpoints ?? []) {
        const want = desired.get(endpointId(e));
        if (!want || s.endpoints.length >= max) continue;
        s.endpoints.push(want);
        desired.delete(endpointId(e));
      }
    }
    const rest = [...desired.values()];
    for (const s of slices) while (rest.length && s.endpoints.length < max) s.endpoints.push(rest.shift()!);
    for (const s of slices) {
      const next: EndpointSlice = { ...s.old, metadata: { ...s.old.metadata, labels: { ...s.old.metadata.labels, ...opts.labels } }, endpoints: s.endpoints, ports: g.ports };
      if (s.endpoints.length === 0) plan.delete.push(s.old);
      else {
        keep.push(next);
        if (!semanticEqual(s.old.endpoints ?? [], next.endpoints) || !semanticEqual(s.old.metadata.labels ?? {}, next.metadata.labels ?? {}) || !semanticEqual(s.old.ports ?? [], g.ports)) plan.update.push(next);
      }
    }
    while (rest.length) plan.create.push({ ...opts.template(g), endpoints: rest.splice(0, max) });
  }
  for (const [k, slices] of byGroup) if (!wanted.has(k)) plan.delete.push(...slices);
  // A service without endpoints keeps one empty placeholder slice.
  const total = groups.reduce((n, g) => n + g.endpoints.length, 0);
  if (total === 0 && keep.length === 0 && plan.create.length === 0) {
    const placeholder = plan.delete.find((s) => (s.ports ?? []).length === 0 && (s.endpoints ?? []).length === 0);
    if (placeholder) plan.delete = plan.delete.filter((s) => s !== placeholder);
    else plan.create.push({ ...opts.template({ addressType: groups[0]?.addressType ?? 'IPv4', ports: [], endpoints: [] }), endpoints: [] });
  }
  return plan;
}
