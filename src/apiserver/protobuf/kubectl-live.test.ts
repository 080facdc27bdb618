import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOBUF_MEDIA_TYPE } from './index.js';
import { startCaptureSession, type CaptureSession } from './testing/capture.js';
import { KUBECTL_CASES } from './testing/cases.js';
import { decodeCaptured } from './testing/decode-captured.js';
import { HAND_EXPECTED, stableNames } from './testing/expected.js';
import { findKubectl } from './testing/kubectl.js';

/**
 * Runs the stock kubectl 1.32 against a throwaway HTTPS server on 127.0.0.1, captures the
 * protobuf body of each generator command and checks it decodes to the `--dry-run=client -o json`
 * object. Skipped on machines without kubectl.
 */
const kubectl = findKubectl();

describe.skipIf(!kubectl)('protobuf bodies from the live kubectl', () => {
  let dir = '';
  let session: CaptureSession;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gantry-pb-live-'));
    session = await startCaptureSession(kubectl!, dir);
  });

  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const c of KUBECTL_CASES) {
    it(`kubectl ${c.args.join(' ')}`, async () => {
      const cap = await session.run(c);
      expect(cap.request.contentType).toBe(PROTOBUF_MEDIA_TYPE);
      const want = cap.dryRun ?? HAND_EXPECTED[c.name];
      expect(stableNames(decodeCaptured(cap.request, cap.gvk))).toEqual(want);
    });
  }
});
