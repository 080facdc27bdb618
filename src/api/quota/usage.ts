/**
 * Quota usage arithmetic (upstream apiserver/pkg/quota/v1 resources.go): usage is a map from
 * resource name to quantity; it is added up, masked to the names a quota limits, compared
 * with the hard limits and printed as upstream prints it ("pods=1,requests.cpu=500m").
 */
import { addQuantities, compareQuantities, quantityToString, tryParseQuantity, type Quantity } from '../quantity.js';
import type { ResourceList } from '../core/v1/resources.js';

export type Usage = Map<string, Quantity>;

const ONE: Quantity = { nanos: 1_000_000_000n, format: 'DecimalSI' };
const ZERO: Quantity = { nanos: 0n, format: 'DecimalSI' };

export function one(): Quantity {
  return { ...ONE };
}

export function zero(): Quantity {
  return { ...ZERO };
}

/** Adds `q` to `name` in place. */
export function addTo(usage: Usage, name: string, q: Quantity): void {
  const prev = usage.get(name);
  usage.set(name, prev ? addQuantities(prev, q) : { nanos: q.nanos, format: q.format });
}

/** a + b (new map). */
export function addUsage(a: Usage, b: Usage): Usage {
  const out: Usage = new Map(a);
  for (const [k, v] of b) addTo(out, k, v);
  return out;
}

/** Only the names in `names`. */
export function mask(usage: Usage, names: Iterable<string>): Usage {
  const out: Usage = new Map();
  for (const n of names) {
    const v = usage.get(n);
    if (v) out.set(n, v);
  }
  return out;
}

/** A ResourceList as Usage; malformed quantities are left out. */
export function fromResourceList(list: ResourceList | undefined): Usage {
  const out: Usage = new Map();
  for (const [k, v] of Object.entries(list ?? {})) {
    const q = tryParseQuantity(v);
    if (q) out.set(k, q);
  }
  return out;
}

/** Usage as a ResourceList of canonical quantity strings. */
export function toResourceList(usage: Usage): ResourceList {
  const out: ResourceList = {};
  for (const k of [...usage.keys()].sort()) out[k] = quantityToString(usage.get(k)!);
  return out;
}

/** Every name of `hard` with its usage, zero when unused (the shape of status.used). */
export function usedFor(hard: ResourceList | undefined, usage: Usage): ResourceList {
  const out: ResourceList = {};
  for (const k of Object.keys(hard ?? {}).sort()) out[k] = quantityToString(usage.get(k) ?? zero());
  return out;
}

/** Names where `usage` exceeds `limits` (names missing from `limits` are not limited). */
export function exceeded(usage: Usage, limits: Usage): string[] {
  const out: string[] = [];
  for (const [k, v] of usage) {
    const lim = limits.get(k);
    if (lim && compareQuantities(v, lim) > 0) out.push(k);
  }
  return out.sort();
}

/** upstream prettyPrint: "a=1,b=2" sorted by name. */
export function prettyPrint(usage: Usage): string {
  return [...usage.keys()]
    .sort()
    .map((k) => `${k}=${quantityToString(usage.get(k)!)}`)
    .join(',');
}
