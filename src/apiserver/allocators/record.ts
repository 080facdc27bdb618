/**
 * The stored record of one allocation: the value of the key `<prefix><item>`, one key per
 * allocated IP or port. The key's existence is the allocation; `create()` failing on an existing
 * key is what makes every item go to exactly one owner, across processes sharing the store.
 */

/** The object an IP or port is allocated to (a Service). */
export interface Owner {
  namespace: string;
  name: string;
  uid: string;
}

export interface AllocationRecord {
  /** The IP (canonical text) or port (decimal) this record allocates. */
  item: string;
  owner: Owner;
  /** When the allocation was made, RFC 3339 (lets repair spare allocations still in flight). */
  allocatedAt: string;
}

const RECORD_KIND = 'Allocation';

/** Checks that `owner` has the three string fields, for a clear error instead of a bad record. */
export function checkOwner(owner: Owner): Owner {
  const ok =
    owner !== null &&
    typeof owner === 'object' &&
    typeof owner.namespace === 'string' &&
    typeof owner.name === 'string' &&
    typeof owner.uid === 'string' &&
    owner.uid !== '';
  if (!ok) throw new TypeError('allocation owner must be {namespace, name, uid} strings with a non-empty uid');
  return { namespace: owner.namespace, name: owner.name, uid: owner.uid };
}

export function encodeRecord(item: string, owner: Owner, now: Date): string {
  const { namespace, name, uid } = owner;
  return JSON.stringify({ kind: RECORD_KIND, item, owner: { namespace, name, uid }, allocatedAt: now.toISOString() });
}

/** Parses a stored value; null when it is not a well-formed record (repair then replaces it). */
export function decodeRecord(value: string): AllocationRecord | null {
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Partial<AllocationRecord> & { kind?: unknown };
  if (r.kind !== RECORD_KIND || typeof r.item !== 'string' || typeof r.allocatedAt !== 'string') return null;
  try {
    return { item: r.item, owner: checkOwner(r.owner as Owner), allocatedAt: r.allocatedAt };
  } catch {
    return null;
  }
}
