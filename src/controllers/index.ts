/**
 * The controller manager: every built-in controller, registered by name, and
 * `startControllerManager`, which the server calls (kube-controller-manager in one call).
 *
 *   const cm = startControllerManager(clientConfig, { controllers: ['*', '-job'], signal });
 *   await cm.ready;            // caches synced, workers running (with leader election: once leading)
 *   await cm.stop();
 */
import { RestClient, type ClientConfig } from '../client/index.js';
import { deploymentController } from './deployment/index.js';
import { endpointSliceController, endpointsController } from './endpoints/index.js';
import { garbageCollectorController } from './garbagecollector/index.js';
import { namespaceController } from './namespace/index.js';
import { replicaSetController, replicationControllerController } from './replicaset/index.js';
import { serviceAccountController } from './serviceaccount/index.js';
import { cronJobController } from './cronjob/index.js';
import { daemonSetController } from './daemonset/index.js';
import { jobController, ttlAfterFinishedController } from './job/index.js';
import { nodeLifecycleController } from './nodelifecycle/index.js';
import { podGCController } from './podgc/index.js';
import { resourceQuotaController } from './resourcequota/index.js';
import { statefulSetController } from './statefulset/index.js';
import { ControllerRegistry, Manager, type ControllerDefinition, type LeaderElectionConfig, type ManagerOptions } from './runtime/index.js';

// ── part A controllers ──────────────────────────────────────────────────────────────────
function partA(): ControllerDefinition[] {
  return [
    replicaSetController(),
    replicationControllerController(),
    deploymentController(),
    garbageCollectorController(),
    namespaceController(),
    serviceAccountController(),
    endpointsController(),
    endpointSliceController(),
  ];
}

// ── part B controllers: add yours here (one entry per controller) ────────────────────────
function partB(): ControllerDefinition[] {
  return [statefulSetController, daemonSetController, jobController, ttlAfterFinishedController, cronJobController, nodeLifecycleController, podGCController, resourceQuotaController];
}

/** A registry of every built-in controller (fresh definitions each call). */
export function controllerRegistry(): ControllerRegistry {
  return new ControllerRegistry().register(...partA(), ...partB());
}

export interface ControllerManagerOptions {
  /** kube-controller-manager's --controllers: '*' (default), 'name' to enable, '-name' to disable. */
  controllers?: string[];
  /** Stops the manager when aborted. */
  signal?: AbortSignal;
  /** Campaign on the Lease kube-system/kube-controller-manager first (default false in one process). */
  leaderElection?: boolean | LeaderElectionConfig;
  settings?: ManagerOptions['settings'];
  informerDefaults?: ManagerOptions['informerDefaults'];
  clock?: ManagerOptions['clock'];
  log?: (line: string) => void;
  /** Extra controllers (tests, plugins), registered after the built-in ones. */
  extraControllers?: ControllerDefinition[];
}

export interface RunningControllerManager {
  /** Resolves true once the controllers run with synced caches; false if stopped first. */
  ready: Promise<boolean>;
  /** Names of the controllers that run. */
  controllers: string[];
  manager: Manager;
  /** Stops every controller and waits for them (closes the client it made). */
  stop(): Promise<void>;
}

/**
 * Starts the selected controllers against the API server of `clientConfig` (or on a given
 * RestClient). Throws at once on an unknown controller name.
 */
export function startControllerManager(clientConfig: ClientConfig | RestClient, opts: ControllerManagerOptions = {}): RunningControllerManager {
  const registry = controllerRegistry();
  if (opts.extraControllers?.length) registry.register(...opts.extraControllers);
  const selected = registry.select(opts.controllers ?? ['*']);
  const own = !(clientConfig instanceof RestClient);
  const client = clientConfig instanceof RestClient ? clientConfig : new RestClient({ ...clientConfig, userAgent: clientConfig.userAgent ?? 'kube-controller-manager' });
  const manager = new Manager(client, {
    leaderElection: opts.leaderElection,
    settings: opts.settings,
    informerDefaults: opts.informerDefaults,
    clock: opts.clock,
    log: opts.log,
  }).add(...selected);
  manager.start(opts.signal);
  return {
    ready: manager.ready,
    controllers: selected.map((d) => d.name),
    manager,
    async stop() {
      await manager.stop();
      if (own) client.close();
    },
  };
}

export { ControllerRegistry, Manager, defineController, TerminalError } from './runtime/index.js';
export type { ControllerContext, ControllerDefinition, ControllerSettings, Reconciler, Request, Result } from './runtime/index.js';
