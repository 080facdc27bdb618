/**
 * Fixture for the part-A controller end-to-end tests: an in-process server (memory store, port 0,
 * scheduler and simulated nodes in-process), the controller manager under test, a RestClient,
 * and the stock kubectl against it. The manager campaigns on the controller-manager Lease, so
 * the tests also pass once the server starts its own controller manager.
 */
import { afterAll, beforeAll } from 'vitest';
import { namespace as namespaceKind, type Namespace } from '../../src/api/core/v1/index.js';
import { RestClient } from '../../src/client/index.js';
import { startControllerManager, type RunningControllerManager } from '../../src/controllers/index.js';
import { startServer, type RunningServer } from '../../src/server/run-server.js';
import { kubectl, tempDir, waitFor, type KubectlResult, type TempDir } from '../support/index.js';

export interface ControllerCluster {
  server: RunningServer;
  client: RestClient;
  manager: RunningControllerManager;
  kubeconfig: string;
  /** Runs the stock kubectl; throws with its stderr on a non-zero exit unless `allowFail`. */
  kubectl(args: string[], opts?: { input?: string; allowFail?: boolean; timeoutMs?: number }): Promise<KubectlResult>;
  /** Creates a fresh namespace (waits for its default ServiceAccount). */
  namespace(prefix: string): Promise<string>;
  stop(): Promise<void>;
}

let seq = 0;

export async function startControllerCluster(opts: { simulatedNodes?: number; controllers?: string[] } = {}): Promise<ControllerCluster> {
  const dir: TempDir = tempDir('gantry-ctrl-a-');
  const logs: string[] = [];
  const log = (l: string): void => {
    logs.push(l);
    if (logs.length > 2000) logs.splice(0, 1000);
  };
  const server = await startServer({ dataDir: dir.path, port: 0, bind: '127.0.0.1', datastore: 'memory://', scheduler: true, simulatedNodes: opts.simulatedNodes ?? 3, log });
  const client = RestClient.fromKubeconfig(server.kubeconfig, { userAgent: 'ctrl-a-test' });
  const manager = startControllerManager(RestClient.fromKubeconfig(server.kubeconfig), {
    controllers: opts.controllers,
    leaderElection: { leaseDurationSeconds: 3, renewDeadlineSeconds: 2, retryPeriodSeconds: 0.2 },
    log,
  });
  await Promise.race([manager.ready, new Promise((r) => setTimeout(r, 10_000))]);
  const cacheDir = `${dir.path}/kubectl-cache`;
  return {
    server,
    client,
    manager,
    kubeconfig: server.kubeconfig,
    async kubectl(args, o = {}) {
      const res = await kubectl(args, { kubeconfig: server.kubeconfig, cacheDir, input: o.input, timeoutMs: o.timeoutMs ?? 60_000 });
      if (res.code !== 0 && !o.allowFail) throw new Error(`kubectl ${args.join(' ')} exited ${res.code}: ${res.stderr}${res.stdout}`);
      return res;
    },
    async namespace(prefix) {
      const name = `${prefix}-${process.pid.toString(36)}-${(seq++).toString(36)}`;
      await client.resource<Namespace>(namespaceKind).create({ metadata: { name } });
      await waitFor(() => client.resource(namespaceKind).get(undefined, name).then(() => true), { description: `namespace ${name}` });
      return name;
    },
    async stop() {
      await manager.stop();
      client.close();
      await server.stop();
      dir.cleanup();
    },
  };
}

/** beforeAll/afterAll hooks around one cluster per test file. */
export function useControllerCluster(opts: Parameters<typeof startControllerCluster>[0] = {}): () => ControllerCluster {
  let cluster: ControllerCluster | undefined;
  beforeAll(async () => {
    cluster = await startControllerCluster(opts);
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });
  return () => {
    if (!cluster) throw new Error('the controller cluster is not running');
    return cluster;
  };
}

/** A Deployment manifest (YAML) for kubectl apply. */
export function deploymentYaml(name: string, o: { replicas?: number; image?: string; maxSurge?: string | number; maxUnavailable?: string | number; strategy?: 'Recreate' } = {}): string {
  const strategy = o.strategy
    ? '  strategy:\n    type: Recreate\n'
    : `  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: ${JSON.stringify(o.maxSurge ?? '25%')}\n      maxUnavailable: ${JSON.stringify(o.maxUnavailable ?? '25%')}\n`;
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${o.replicas ?? 3}
  selector:
    matchLabels:
      app: ${name}
${strategy}  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: web
        image: ${o.image ?? 'nginx:1.25'}
`;
}
