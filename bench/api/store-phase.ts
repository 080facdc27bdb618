/**
 * The raw store's create throughput, for the API's cost against it: the same SQLite driver the
 * server uses (openBackend with its defaults), the same stored JSON, in this process.
 */
import { join } from 'node:path';
import { openBackend } from '../../src/storage/index.js';
import { tempDir } from '../../test/support/temp.js';
import { closedLoop, type Summary } from './load.js';

const NAME_TOKEN = '__BENCH_NAME__';

/**
 * A stored value template made from an object as the API answered it: the name becomes a
 * placeholder and resourceVersion goes (the server does not store it either).
 */
export function storedTemplate(served: { metadata: Record<string, unknown> }): string {
  const copy = structuredClone(served);
  delete copy.metadata.resourceVersion;
  copy.metadata.name = NAME_TOKEN;
  return JSON.stringify(copy);
}

export async function measureStoreCreates(template: string, concurrencies: readonly number[], opts: { durationMs: number; keyPrefix: string }): Promise<Map<number, Summary>> {
  if (!template.includes(NAME_TOKEN)) throw new Error('store template has no name placeholder');
  const dir = tempDir('gantry-bench-store-');
  const backend = await openBackend(`sqlite://${join(dir.path, 'state.db')}`);
  const results = new Map<number, Summary>();
  try {
    for (const concurrency of concurrencies) {
      const summary = await closedLoop(
        async (i) => {
          const name = `s${concurrency}-${i}`;
          await backend.create(`${opts.keyPrefix}${name}`, template.replace(NAME_TOKEN, name));
        },
        { concurrency, durationMs: opts.durationMs },
      );
      results.set(concurrency, summary);
    }
  } finally {
    await backend.close();
    dir.cleanup();
  }
  return results;
}
