/**
 * Typed allocation errors. Their messages are upstream's wording, so the apiserver can put them
 * into field errors unchanged (see `allocationFieldDetail` and `allocationInternalMessage`).
 */
import type { Owner } from './record.js';

/** What an allocator hands out: `IP` (ClusterIPs) or `port` (NodePorts). */
export type AllocationKind = 'IP' | 'port';

/** Base class of every allocation failure. `item` is the IP or port asked for, when there was one. */
export class AllocationError extends Error {
  override name = 'AllocationError';
  constructor(
    readonly kind: AllocationKind,
    message: string,
    readonly item?: string,
  ) {
    super(message);
  }
}

/** The IP or port asked for is held by another owner. */
export class AlreadyAllocatedError extends AllocationError {
  override name = 'AlreadyAllocatedError';
  constructor(
    kind: AllocationKind,
    item: string,
    /** The current holder, when its record is readable. */
    readonly owner: Owner | null,
  ) {
    super(kind, `provided ${kind} is already allocated`, item);
  }
}

/** The IP or port asked for lies outside the allocator's range. */
export class NotInRangeError extends AllocationError {
  override name = 'NotInRangeError';
  constructor(
    kind: AllocationKind,
    item: string,
    readonly validRange: string,
  ) {
    super(kind, `provided ${kind} is not in the valid range. The range of valid ${kind}s is ${validRange}`, item);
  }
}

/** Every IP or port of the range is allocated. */
export class RangeFullError extends AllocationError {
  override name = 'RangeFullError';
  constructor(
    kind: AllocationKind,
    readonly validRange: string,
  ) {
    super(kind, 'range is full');
  }
}

/** The text or number given is not an IP address or a port number at all. */
export class InvalidItemError extends AllocationError {
  override name = 'InvalidItemError';
  constructor(kind: AllocationKind, item: string) {
    const what = kind === 'IP' ? 'a valid IP address' : 'a valid port number (an integer from 1 to 65535)';
    super(kind, `${JSON.stringify(item)} is not ${what}`, item);
  }
}

/** An allocator was configured with a range it cannot use. Thrown by constructors. */
export class AllocatorConfigError extends Error {
  override name = 'AllocatorConfigError';
}

/**
 * The detail of the field error for a failed specific allocation, as kube-apiserver words it:
 * for `spec.clusterIPs` "failed to allocate IP 10.43.0.5: provided IP is already allocated", for
 * `spec.ports[i].nodePort` just the error's message.
 */
export function allocationFieldDetail(err: AllocationError): string {
  if (err.kind === 'IP') return `failed to allocate IP ${err.item ?? ''}: ${err.message}`;
  return err.message;
}

/**
 * The message of the InternalError (HTTP 500) for a failed dynamic allocation, as kube-apiserver
 * words it: "failed to allocate a serviceIP: range is full" / "failed to allocate a nodePort: ...".
 */
export function allocationInternalMessage(err: AllocationError): string {
  return `failed to allocate a ${err.kind === 'IP' ? 'serviceIP' : 'nodePort'}: ${err.message}`;
}
