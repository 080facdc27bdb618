/**
 * startScheduler: the scheduler as an API client. It starts informers (pods, nodes and what
 * plugins read), keeps its cache and queue warm, and schedules while it holds the
 * kube-system/kube-scheduler Lease (or always, without leader election).
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import { replicaSet, statefulSet, type ReplicaSet, type StatefulSet } from '../api/apps/v1/index.js';
import {
  namespace as namespaceKind,
  node as nodeKind,
  pod as podKind,
  replicationController,
  service,
  type Namespace,
  type Node,
  type Pod,
  type ReplicationController,
  type Service,
} from '../api/core/v1/index.js';
import { podDisruptionBudget, type PodDisruptionBudget } from '../api/policy/v1/index.js';
import { priorityClass, type PriorityClass } from '../api/scheduling/v1/index.js';
import { EventRecorder, LeaderElector, RestClient, SharedInformerFactory, type ClientConfig } from '../client/index.js';
import { childController, realClock, type Clock } from '../util/index.js';
import { ApiActions } from './api.js';
import { ClusterInfo } from './cluster-info.js';
import type { PluginFactory } from './framework/interface.js';
import type { SchedulerMetrics } from './metrics.js';
import { PriorityResolver } from './priority.js';
import { DEFAULT_SCHEDULER_NAME, type ProfileConfig } from './profile.js';
import type { Scheduler } from './scheduler.js';
import { assembleScheduler } from './assemble.js';

export interface LeaderElectionConfig {
  /** Default kube-system. */
  namespace?: string;
  /** Default kube-scheduler. */
  name?: string;
  /** Default hostname_uuid. */
  identity?: string;
  leaseDurationSeconds?: number;
  renewDeadlineSeconds?: number;
  retryPeriodSeconds?: number;
}

export interface StartSchedulerOptions {
  /** Stops the scheduler when aborted (as stop()). */
  signal?: AbortSignal;
  /** Default: one profile, default-scheduler, with the default plugins. */
  profiles?: ProfileConfig[];
  /** Schedule only while holding a Lease (true: kube-system/kube-scheduler). Default false. */
  leaderElection?: boolean | LeaderElectionConfig;
  /** 1–100; unset: adaptive, as kube-scheduler. */
  percentageOfNodesToScore?: number;
  /** Backoff of failed pods (default 1 s doubling to 10 s). */
  podInitialBackoffSeconds?: number;
  podMaxBackoffSeconds?: number;
  /** Bindings in flight at most (default 64). */
  maxConcurrentBinds?: number;
  /** Called after each successful binding (metrics, benchmarks). */
  onPodBound?: (pod: Pod, nodeName: string) => void;
  /** Out-of-tree plugins by name, for profiles to enable. */
  registry?: ReadonlyMap<string, PluginFactory>;
  clock?: Clock;
  log?: (line: string) => void;
}

export interface RunningScheduler {
  /** Resolves once the informers have synced (the scheduler may still be waiting to lead). */
  readonly ready: Promise<void>;
  /** Stops scheduling and the informers; in-flight bindings are abandoned. */
  stop(): Promise<void>;
  isLeader(): boolean;
  readonly metrics: SchedulerMetrics;
  /** The loop itself (tests and benchmarks). */
  readonly scheduler: Scheduler;
}

function validate(opts: StartSchedulerOptions): void {
  const pct = opts.percentageOfNodesToScore;
  if (pct !== undefined && !(Number.isInteger(pct) && pct >= 0 && pct <= 100)) {
    throw new Error(`scheduler: percentageOfNodesToScore must be an integer in 0..100, got ${pct}`);
  }
  for (const [k, v] of [['podInitialBackoffSeconds', opts.podInitialBackoffSeconds], ['podMaxBackoffSeconds', opts.podMaxBackoffSeconds]] as const) {
    if (v !== undefined && !(typeof v === 'number' && v > 0)) throw new Error(`scheduler: ${k} must be a positive number, got ${String(v)}`);
  }
}

/** Starts the scheduler against the API server that `config` (or the client) points to. */
export function startScheduler(config: ClientConfig | RestClient, opts: StartSchedulerOptions = {}): RunningScheduler {
  validate(opts);
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const clock = opts.clock ?? realClock;
  const client = config instanceof RestClient ? config : new RestClient({ userAgent: 'gantry-scheduler', ...config });
  const ctl = childController(opts.signal);
  // Informers, bindings and the lease loop all listen on it.
  setMaxListeners(0, ctl.signal);
  const factory = new SharedInformerFactory(client, { log });
  const pods = factory.informerFor<Pod>(podKind);
  const nodes = factory.informerFor<Node>(nodeKind);
  const classes = factory.informerFor<PriorityClass>(priorityClass);
  const info = new ClusterInfo({
    namespaces: factory.informerFor<Namespace>(namespaceKind).store,
    pdbs: factory.informerFor<PodDisruptionBudget>(podDisruptionBudget).store,
    services: factory.informerFor<Service>(service).store,
    replicationControllers: factory.informerFor<ReplicationController>(replicationController).store,
    replicaSets: factory.informerFor<ReplicaSet>(replicaSet).store,
    statefulSets: factory.informerFor<StatefulSet>(statefulSet).store,
  });
  const profiles = opts.profiles ?? [{ schedulerName: DEFAULT_SCHEDULER_NAME }];
  const recorders = new Map(profiles.map((p) => [p.schedulerName, new EventRecorder(client, { component: p.schedulerName, log })]));
  const fallback = recorders.values().next().value ?? new EventRecorder(client, { component: DEFAULT_SCHEDULER_NAME, log });
  const api = new ApiActions(client, { recorderFor: (pod) => recorders.get(pod.spec?.schedulerName || DEFAULT_SCHEDULER_NAME) ?? fallback }, log);
  const { scheduler, handlers } = assembleScheduler(
    { api, info, priorities: new PriorityResolver(classes.store), currentPod: (ns, name) => pods.store.getByName(ns, name), clock, log },
    {
      profiles,
      registry: opts.registry,
      percentageOfNodesToScore: opts.percentageOfNodesToScore,
      maxConcurrentBinds: opts.maxConcurrentBinds,
      onPodBound: opts.onPodBound,
      initialBackoffMs: (opts.podInitialBackoffSeconds ?? 1) * 1000,
      maxBackoffMs: (opts.podMaxBackoffSeconds ?? 10) * 1000,
    },
  );
  const queue = scheduler.queue;
  pods.addEventHandler({ onAdd: (p) => handlers.onPodAdd(p), onUpdate: (o, p) => handlers.onPodUpdate(o, p), onDelete: (p) => handlers.onPodDelete(p) });
  nodes.addEventHandler({ onAdd: (n) => handlers.onNodeAdd(n), onUpdate: (o, n) => handlers.onNodeUpdate(o, n), onDelete: (n) => handlers.onNodeDelete(n) });
  queue.start();
  factory.start(ctl.signal);

  let elector: LeaderElector | undefined;
  const ready = factory.waitForSync(ctl.signal).then((ok) => {
    if (!ok) throw new Error('scheduler: stopped before the informers synced');
  });
  const loop = ready.then(async () => {
    if (!opts.leaderElection) return scheduler.run(ctl.signal);
    const le: LeaderElectionConfig = opts.leaderElection === true ? {} : opts.leaderElection;
    elector = new LeaderElector(client, {
      namespace: le.namespace ?? 'kube-system',
      name: le.name ?? 'kube-scheduler',
      identity: le.identity ?? `${hostname()}_${randomUUID()}`,
      leaseDurationSeconds: le.leaseDurationSeconds,
      renewDeadlineSeconds: le.renewDeadlineSeconds,
      retryPeriodSeconds: le.retryPeriodSeconds,
      clock,
      log,
      onStartedLeading: (signal) => scheduler.run(signal),
      onStoppedLeading: () => log('scheduler: lost the kube-scheduler lease; scheduling paused'),
    });
    while (!ctl.signal.aborted) await elector.run(ctl.signal);
  });
  loop.catch((e: unknown) => {
    if (!ctl.signal.aborted) log(`scheduler: ${e instanceof Error ? e.message : String(e)}`);
  });
  ready.catch(() => {});

  return {
    ready,
    async stop() {
      ctl.abort();
      queue.close();
      await loop.catch(() => {});
      for (const r of recorders.values()) r.stop();
      ctl.dispose();
    },
    isLeader: () => (opts.leaderElection ? (elector?.isLeader() ?? false) : true),
    metrics: scheduler.metrics,
    scheduler,
  };
}
