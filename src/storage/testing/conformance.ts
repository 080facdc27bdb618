/**
 * The storage conformance suite: declares the same vitest tests for any Backend factory.
 * sqlite.test.ts, etcd.test.ts and memory.test.ts call `describeConformance`.
 *
 * Tests only rely on the contract: revisions increase, but their exact numbers are not assumed
 * (etcd's revisions are cluster-wide). Each test works under its own key prefix.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../backend.js';
import { describeListConformance } from './conformance-list.js';
import { describeWatchConformance } from './conformance-watch.js';
import { describeWriteConformance } from './conformance-write.js';
import type { BackendFactory, ConformanceContext } from './helpers.js';

export function describeConformance(name: string, factory: BackendFactory): void {
  describe(`storage conformance: ${name}`, () => {
    const opened: Backend[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((b) => b.close()));
    });
    const ctx: ConformanceContext = {
      open: async (opts) => {
        const backend = await factory(opts);
        opened.push(backend);
        return backend;
      },
    };
    it('opens and reports revisions', async () => {
      const b = await ctx.open();
      expect(await b.currentRevision()).toBeGreaterThanOrEqual(0);
      expect(await b.compactedRevision()).toBeGreaterThanOrEqual(0);
    });
    describeWriteConformance(ctx);
    describeListConformance(ctx);
    describeWatchConformance(ctx);
  });
}
