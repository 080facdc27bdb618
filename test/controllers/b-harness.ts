/**
 * Fixture for the part-B controller integration tests: an in-process API server (memory store,
 * port 0, its scheduler), simulated nodes this test controls (lose/restore, fast heartbeats),
 * and a controller manager running the controllers under test with test settings.
 */
import { afterAll, beforeAll } from 'vitest';
import { startSimulatedNodes, type SimulatedNodes } from '../../src/agent/index.js';
import { namespace as namespaceKind, type Namespace } from '../../src/api/core/v1/index.js';
import { RestClient, loadKubeconfig, type ClientConfig } from '../../src/client/index.js';
import { startControllerManager, type ControllerSettings, type RunningControllerManager } from '../../src/controllers/index.js';
import { startServer, type RunningServer } from '../../src/server/run-server.js';
import { tempDir, waitFor, type TempDir } from '../support/index.js';

export interface BCluster {
  server: RunningServer;
  config: ClientConfig;
  client: RestClient;
  manager: RunningControllerManager;
  nodes: SimulatedNodes;
  /** Starts more simulated nodes (stopped with the cluster). */
  addNodes(count: number, namePrefix: string): Promise<SimulatedNodes>;
  /** A fresh namespace. */
  namespace(prefix: string): Promise<string>;
  /** Recent log lines (for failure messages). */
  logs: string[];
  stop(): Promise<void>;
}

export interface BClusterOptions {
  /** Simulated nodes at start (default 2), named `b-node-<i>`. */
  nodes?: number;
  /** Lease renewal period of the simulated nodes (default 10 s). */
  heartbeatSeconds?: number;
  controllers?: string[];
  settings?: ControllerSettings;
}

let seq = 0;

export async function startBCluster(opts: BClusterOptions = {}): Promise<BCluster> {
  const dir: TempDir = tempDir('gantry-ctrl-b-');
  const logs: string[] = [];
  const log = (l: string): void => {
    logs.push(l);
    if (logs.length > 2000) logs.splice(0, 1000);
  };
  // The server runs no controllers: the manager below runs those under test, with test settings.
  const server = await startServer({ dataDir: dir.path, port: 0, bind: '127.0.0.1', datastore: 'memory://', scheduler: true, controllers: [], log });
  const config = loadKubeconfig(server.kubeconfig);
  const client = new RestClient({ ...config, userAgent: 'ctrl-b-test' });
  const fleets: SimulatedNodes[] = [];
  const addNodes = async (count: number, namePrefix: string): Promise<SimulatedNodes> => {
    const sim = startSimulatedNodes(config, { count, namePrefix, heartbeatSeconds: opts.heartbeatSeconds, log, recordEvents: false });
    fleets.push(sim);
    await sim.ready;
    return sim;
  };
  const nodes = await addNodes(opts.nodes ?? 2, 'b-node-');
  const manager = startControllerManager(new RestClient({ ...config, userAgent: 'kube-controller-manager' }), {
    controllers: opts.controllers,
    settings: opts.settings,
    log,
  });
  await Promise.race([manager.ready, new Promise((r) => setTimeout(r, 15_000))]);
  return {
    server,
    config,
    client,
    manager,
    nodes,
    addNodes,
    logs,
    async namespace(prefix) {
      const name = `${prefix}-${process.pid.toString(36)}-${(seq++).toString(36)}`;
      await client.resource<Namespace>(namespaceKind).create({ metadata: { name } });
      return name;
    },
    async stop() {
      await manager.stop();
      for (const f of fleets) await f.stop();
      client.close();
      await server.stop();
      dir.cleanup();
    },
  };
}

/** beforeAll/afterAll around one cluster per test file. */
export function useBCluster(opts: BClusterOptions = {}): () => BCluster {
  let cluster: BCluster | undefined;
  beforeAll(async () => {
    cluster = await startBCluster(opts);
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 30_000);
  return () => {
    if (!cluster) throw new Error('the controller cluster is not running');
    return cluster;
  };
}

export { waitFor };
