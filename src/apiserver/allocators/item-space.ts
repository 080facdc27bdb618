/**
 * What an allocator allocates, described as a contiguous range of bigint values with a mapping
 * to items (IP text, port numbers) and storage keys. Shared by the allocator core and repair.
 */
import type { KeyValue } from '../../storage/index.js';
import type { AllocationKind } from './errors.js';
import type { AllocationRecord } from './record.js';

/** An item read as a value: `foreign` is a well-formed item this allocator never covers (another IP family). */
export type Classified = { value: bigint } | { error: 'invalid' | 'foreign' };

/** How one allocator maps its items (IPs, ports) to values and keys. */
export interface ItemSpace<T> {
  kind: AllocationKind;
  /** Key prefix, ending in `/`. */
  prefix: string;
  /** Allocatable values, inclusive. */
  first: bigint;
  last: bigint;
  /** Dynamic allocation prefers [dynamicFirst, last]; [first, dynamicFirst) is the static band. */
  dynamicFirst: bigint;
  /** Values never handed out dynamically (they can still be allocated specifically). */
  reserved: readonly bigint[];
  /** The range as error messages show it, e.g. `10.43.0.0/16` or `30000-32767`. */
  rangeText: string;
  classify(item: unknown): Classified;
  toItem(value: bigint): T;
  /** The canonical text of a value: the key suffix and the text in reports and errors. */
  format(value: bigint): string;
  /** The value a key suffix names, or null when the key is not one of this space's. */
  parseKey(suffix: string): bigint | null;
}

/** One allocation found in the store. */
export interface StoredAllocation {
  value: bigint;
  kv: KeyValue;
  /** Null when the stored value is not a readable record. */
  record: AllocationRecord | null;
}
