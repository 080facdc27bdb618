/** LIST of a large namespace: whole (one response) and paged with limit/continue. */
import { listAll } from '../../test/reliability/lib/objects.js';
import type { ApiBench } from './api-phases.js';
import { closedLoop, summarize, type Summary } from './load.js';

export interface BigListResult {
  objects: number;
  /** Whole-namespace LISTs, one at a time. */
  whole: Summary;
  /** Bytes of one whole LIST response. */
  bytes: number;
  /** Walks of the namespace in pages of `pageSize`, one at a time. */
  paged: Summary;
  pageSize: number;
}

export async function measureBigList(b: ApiBench, opts: { namespace: string; objects: number; repeats: number; pageSize?: number }): Promise<BigListResult> {
  const path = b.kind.path(opts.namespace);
  let bytes = 0;
  const whole = await closedLoop(
    async () => {
      const res = await b.client.request('GET', path, { timeoutMs: 60_000 });
      if (res.status !== 200) throw new Error(`list: ${res.status} ${res.body.slice(0, 200)}`);
      const items = (JSON.parse(res.body) as { items: unknown[] }).items.length;
      if (items !== opts.objects) throw new Error(`list returned ${items} items, expected ${opts.objects}`);
      bytes = Buffer.byteLength(res.body);
    },
    { concurrency: 1, durationMs: 60_000, maxOps: opts.repeats },
  );
  const pageSize = opts.pageSize ?? 500;
  const walks: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  for (let r = 0; r < opts.repeats; r++) {
    const t0 = performance.now();
    try {
      const seen = (await listAll(b.client, path, { limit: pageSize })).items.length;
      if (seen !== opts.objects) throw new Error(`paged list saw ${seen} items, expected ${opts.objects}`);
      walks.push(performance.now() - t0);
    } catch (err) {
      errors++;
      firstError ??= (err as Error).message;
    }
  }
  const paged = summarize(walks, errors, { elapsedMs: performance.now() - started, firstError });
  return { objects: opts.objects, whole, bytes, paged, pageSize };
}
