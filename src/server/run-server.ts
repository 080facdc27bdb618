/**
 * `gantry server`: opens the store, makes sure the cluster's certificates and admin credentials
 * exist, writes DIR/kubeconfig.yaml, and runs the API server until told to stop.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startApiServer, type ApiServer } from '../apiserver/server.js';
import { openBackend, type Backend } from '../storage/index.js';
import { configFromPem, startControllerManager, startScheduler, startSimulatedNodes } from './components.js';
import { ensureAdminToken, ensurePki, loadTokenFile, serverUrl, tokenFilePath, writeKubeconfig } from './pki/index.js';

export interface ServerConfig {
  dataDir: string;
  port: number;
  bind: string;
  /** Store URL; default sqlite under the data dir. */
  datastore?: string;
  serviceCIDR?: string;
  nodePortRange?: string;
  /** Run the scheduler in this process, leader-elected through a Lease (the CLI turns it on). */
  scheduler?: boolean;
  /** kube-controller-manager's --controllers list ('*': all; absent or []: none; the CLI defaults to '*'). */
  controllers?: string[];
  /** Simulated nodes to run in-process (0: none). */
  simulatedNodes?: number;
  /** A Node manifest the simulated nodes are made from. */
  simulatedNodeTemplate?: unknown;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  kubeconfig: string;
  stop(): Promise<void>;
}

export function defaultDatastore(dataDir: string): string {
  return `sqlite://${join(resolve(dataDir), 'db', 'state.db')}`;
}

export async function startServer(cfg: ServerConfig): Promise<RunningServer> {
  const log = cfg.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const dataDir = resolve(cfg.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const datastore = cfg.datastore ?? defaultDatastore(dataDir);
  if (datastore.startsWith('sqlite://')) mkdirSync(join(dataDir, 'db'), { recursive: true, mode: 0o700 });
  const pki = await ensurePki(dataDir, { hosts: cfg.bind && cfg.bind !== '0.0.0.0' ? [cfg.bind] : [], log });
  ensureAdminToken(dataDir, { log });
  const tokens = loadTokenFile(tokenFilePath(dataDir), { onWarning: log });
  const backend: Backend = await openBackend(datastore);
  let api: ApiServer;
  try {
    api = await startApiServer({
      backend,
      port: cfg.port,
      host: cfg.bind,
      tls: { key: pki.serverKeyPem, cert: pki.serverCertPem, ca: pki.caCertPem },
      tokens,
      serviceCIDR: cfg.serviceCIDR,
      nodePortRange: cfg.nodePortRange,
      log,
    });
  } catch (e) {
    await backend.close();
    throw e;
  }
  const url = serverUrl(cfg.bind, api.port);
  const kubeconfig = join(dataDir, 'kubeconfig.yaml');
  writeKubeconfig(kubeconfig, {
    server: url,
    caCertPem: pki.caCertPem,
    clientCertPem: pki.adminCertPem,
    clientKeyPem: pki.adminKeyPem,
  });
  // Components are API clients of this server, with the admin credentials, over loopback.
  const clientConfig = configFromPem({
    server: url,
    caPem: pki.caCertPem,
    certPem: pki.adminCertPem,
    keyPem: pki.adminKeyPem,
  });
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop().catch((e: unknown) => log(`stop: ${(e as Error).message}`));
    await api.close();
    await backend.close();
  };
  try {
    if (cfg.scheduler) {
      const sched = startScheduler(clientConfig, { leaderElection: true, log });
      stops.push(() => sched.stop());
      await sched.ready;
    }
    const controllers = cfg.controllers ?? [];
    if (controllers.length) {
      const cm = startControllerManager(clientConfig, { controllers, leaderElection: true, log });
      stops.push(() => cm.stop());
      await cm.ready;
    }
    if (cfg.simulatedNodes) {
      const sim = startSimulatedNodes(clientConfig, {
        count: cfg.simulatedNodes,
        template: cfg.simulatedNodeTemplate,
        log,
      });
      stops.push(() => sim.stop());
      await sim.ready;
    }
  } catch (e) {
    await stopAll();
    throw e;
  }
  return {
    url,
    port: api.port,
    kubeconfig,
    stop: stopAll,
  };
}
