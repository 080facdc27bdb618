/**
 * Kept-alive HTTPS connections under concurrent requests with large bodies and responses: every
 * request must be answered. Clients such as client-go and client-node reuse connections, and a
 * server that drops one mid-request leaves the client not knowing whether its write happened.
 * Regression test for Node's server pausing its HTTP parser while a large response drains, which
 * made TLS sockets fail with HPE_PAUSED ("socket hang up" on the client).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startGantry, type Gantry } from '../support/index.js';
import { ApiClient } from './lib/api-client.js';
import { createBurst } from './lib/burst.js';
import { ensureNamespace } from './lib/objects.js';

const NAMESPACE = 'keepalive';

describe('kept-alive connections with large objects', () => {
  let g: Gantry;
  let client: ApiClient;

  beforeAll(async () => {
    g = await startGantry();
    client = ApiClient.fromKubeconfig(g.kubeconfig);
    await ensureNamespace(client, NAMESPACE);
  });
  afterAll(async () => {
    client?.close();
    await g?.dispose();
  });

  it('answers every one of 8 concurrent streams of 64 KiB creates', async () => {
    const burst = await createBurst(client, new AbortController().signal, {
      namespace: NAMESPACE,
      concurrency: 8,
      keys: 16,
      bytesPerKey: 4096,
      maxPerWorker: 20,
      serverGone: () => false,
    });
    expect(burst.unexpectedErrors).toEqual([]);
    expect([...burst.rejected]).toEqual([]);
    expect(burst.acked.size).toBe(160);
  });
});
