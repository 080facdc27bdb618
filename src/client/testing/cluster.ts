/**
 * Test fixture: a real Gantry server (spawned by test/support's harness on 127.0.0.1 with its
 * own data directory) and a RestClient on its kubeconfig. Tests only.
 */
import { afterAll, beforeAll } from 'vitest';
import { namespace as namespaceKind, type Namespace } from '../../api/core/v1/index.js';
import { startGantry, type Gantry } from '../../../test/support/index.js';
import { RestClient } from '../rest-client.js';

export interface TestCluster {
  gantry: Gantry;
  client: RestClient;
  /** A fresh client on the same kubeconfig (e.g. a second process's view). */
  newClient(): RestClient;
  dispose(): Promise<void>;
}

export async function startTestCluster(): Promise<TestCluster> {
  const gantry = await startGantry();
  const clients: RestClient[] = [];
  const newClient = (): RestClient => {
    const c = RestClient.fromKubeconfig(gantry.kubeconfig, { userAgent: 'gantry-client-test' });
    clients.push(c);
    return c;
  };
  return {
    gantry,
    client: newClient(),
    newClient,
    async dispose() {
      for (const c of clients) c.close();
      await gantry.dispose();
    },
  };
}

let seq = 0;
/** A unique DNS-1123 name for test objects. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid.toString(36)}-${(seq++).toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * Registers beforeAll/afterAll hooks that start a cluster for this test file (and create
 * `namespace` in it, if given) and dispose of it. Returns a getter for use inside tests.
 */
export function useTestCluster(opts: { namespace?: string } = {}): () => TestCluster {
  let cluster: TestCluster | undefined;
  beforeAll(async () => {
    cluster = await startTestCluster();
    if (opts.namespace) await cluster.client.resource<Namespace>(namespaceKind).create({ metadata: { name: opts.namespace } });
  });
  afterAll(async () => {
    await cluster?.dispose();
  });
  return () => {
    if (!cluster) throw new Error('the test cluster is not running (used outside a test?)');
    return cluster;
  };
}
