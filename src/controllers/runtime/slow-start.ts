/**
 * slowStartBatch (upstream controller_utils): runs `count` calls of `fn` in batches of 1, 2,
 * 4, … (starting at `initialBatchSize`), each batch concurrently, and stops after the first
 * batch with an error, so that a failing create (quota, admission) costs one call, not hundreds.
 * Returns the successes and the first error.
 */
export async function slowStartBatch(count: number, fn: (index: number) => Promise<void>, opts: { initialBatchSize?: number } = {}): Promise<{ successes: number; error?: unknown }> {
  let remaining = Math.max(0, count);
  let successes = 0;
  let batch = Math.min(remaining, Math.max(1, opts.initialBatchSize ?? 1));
  let index = 0;
  while (batch > 0) {
    const results = await Promise.allSettled(Array.from({ length: batch }, () => fn(index++)));
    let error: unknown;
    for (const r of results) {
      if (r.status === 'fulfilled') successes++;
      else error ??= r.reason;
    }
    if (error !== undefined) return { successes, error };
    remaining -= batch;
    batch = Math.min(2 * batch, remaining);
  }
  return { successes };
}
