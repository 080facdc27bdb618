/** An in-process Gantry API server (memory store, port 0) and a client for simulated-node tests. */
import { startServer, type RunningServer } from '../../src/server/run-server.js';
import { RestClient, loadKubeconfig, type ClientConfig } from '../../src/client/index.js';
import { pod as podKind, type Pod } from '../../src/api/core/v1/index.js';
import { tempDir, type TempDir } from '../support/index.js';

export interface TestCluster {
  config: ClientConfig;
  client: RestClient;
  server: RunningServer;
  /** Creates a pod in `default`, bound to `nodeName` (no scheduler involved). */
  createPod(name: string, nodeName: string, opts?: { annotations?: Record<string, string>; spec?: Partial<Pod['spec']> }): Promise<Pod>;
  getPod(name: string): Promise<Pod | undefined>;
  dispose(): Promise<void>;
}

export async function startCluster(): Promise<TestCluster> {
  const dir: TempDir = tempDir('gantry-agent-');
  const logs: string[] = [];
  const server = await startServer({ dataDir: dir.path, port: 0, bind: '127.0.0.1', datastore: 'memory://', log: (l) => logs.push(l) });
  const config = loadKubeconfig(server.kubeconfig);
  const client = new RestClient(config);
  const pods = client.resource<Pod>(podKind);
  return {
    config,
    client,
    server,
    createPod(name, nodeName, opts = {}) {
      return pods.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'default', annotations: opts.annotations },
        spec: { nodeName, containers: [{ name: 'app', image: 'nginx:1.27' }], terminationGracePeriodSeconds: 5, ...opts.spec },
      } as Pod);
    },
    async getPod(name) {
      try {
        return await pods.get('default', name);
      } catch (err) {
        if ((err as { code?: number }).code === 404) return undefined;
        throw err;
      }
    },
    async dispose() {
      client.close();
      await server.stop();
      dir.cleanup();
    },
  };
}
