/** Maps etcd client errors onto the storage errors of the contract. */
import { CompactedError, FutureRevisionError, StorageError, ValueTooLargeError } from '../errors.js';
import { MAX_VALUE_BYTES } from '../backend.js';

export function isCompactedError(error: unknown): boolean {
  return /required revision has been compacted/.test(String((error as Error)?.message ?? error));
}

export function isFutureRevisionError(error: unknown): boolean {
  return /required revision is a future revision/.test(String((error as Error)?.message ?? error));
}

export function isTooLargeError(error: unknown): boolean {
  return /request is too large|message larger than max/i.test(String((error as Error)?.message ?? error));
}

export interface ErrorContext {
  key?: string;
  bytes?: number;
  revision?: number;
  current?: () => Promise<number>;
  compacted?: () => Promise<number>;
}

/** Turns an etcd error into a StorageError (passing StorageErrors through). */
export async function translate(error: unknown, ctx: ErrorContext = {}): Promise<Error> {
  if (error instanceof StorageError) return error;
  if (isCompactedError(error) && ctx.revision !== undefined && ctx.compacted) {
    return new CompactedError(ctx.revision, await ctx.compacted().catch(() => 0));
  }
  if (isFutureRevisionError(error) && ctx.revision !== undefined && ctx.current) {
    return new FutureRevisionError(ctx.revision, await ctx.current().catch(() => 0));
  }
  if (isTooLargeError(error) && ctx.key !== undefined) {
    return new ValueTooLargeError(ctx.key, ctx.bytes ?? 0, MAX_VALUE_BYTES);
  }
  const message = error instanceof Error ? error.message : String(error);
  const wrapped = new StorageError(`etcd: ${message}`);
  wrapped.cause = error;
  return wrapped;
}
