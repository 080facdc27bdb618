import { describe, expect, it } from 'vitest';
import { KUBECTL_FIXTURES, KUBECTL_VERSION } from './kubectl-fixtures.js';
import { decodeCaptured } from './testing/decode-captured.js';
import { HAND_EXPECTED, stableNames } from './testing/expected.js';

/**
 * Bodies the real kubectl sent (saved by testing/write-fixtures.ts). Each must decode to exactly
 * the object kubectl prints for `--dry-run=client -o json`, i.e. what it would have sent as JSON.
 */
describe(`protobuf bodies saved from kubectl ${KUBECTL_VERSION}`, () => {
  it('cover every kind kubectl sends as protobuf', () => {
    const kinds = new Set(KUBECTL_FIXTURES.filter((f) => f.method !== 'DELETE').map((f) => f.gvk.kind));
    expect(kinds.size).toBe(22);
    expect(KUBECTL_FIXTURES.filter((f) => f.method === 'DELETE').map((f) => f.name)).toEqual(['drain-delete']);
  });

  for (const f of KUBECTL_FIXTURES) {
    it(`kubectl ${f.args.join(' ')}`, () => {
      const want = f.dryRun ?? HAND_EXPECTED[f.name];
      expect(want, `no expected object for ${f.name}`).toBeDefined();
      expect(stableNames(decodeCaptured({ method: f.method, body: Buffer.from(f.body, 'base64') }, f.gvk))).toEqual(want);
    });
  }
});
