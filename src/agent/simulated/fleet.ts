/**
 * startSimulatedNodes: N simulated nodes in this process, as API clients of a Gantry (or any
 * Kubernetes) API server. They share one REST client, one pod informer (all bound pods, routed
 * to our nodes by name), one node informer, one timer queue for heartbeats and one for pods,
 * and a limit on requests in flight, so thousands of idle nodes cost little.
 */
import { setMaxListeners } from 'node:events';
import type { Lease } from '../../api/coordination/v1/index.js';
import { lease as leaseKind } from '../../api/coordination/v1/index.js';
import { node as nodeKind, pod as podKind, type Node, type Pod } from '../../api/core/v1/index.js';
import { EventRecorder, Informer, NODE_NAME_INDEX, RestClient, type ClientConfig } from '../../client/index.js';
import { isAlreadyExists } from '../../machinery/index.js';
import { Backoff, childController, realClock, sleep, type Clock } from '../../util/index.js';
import { type FleetContext, type SimNode, describeError, isRetryable } from './context.js';
import { Heartbeats } from './heartbeats.js';
import { IpPool } from './ip-pool.js';
import { Limiter } from './limiter.js';
import { buildNode, checkNodeTemplate, maxPodsOf } from './node-object.js';
import { type PlannedNode, planNodeSlots } from './node-slots.js';
import { PodWorker } from './pod-worker.js';

export interface SimulatedNodesOptions {
  /** How many nodes (0 or more). */
  count: number;
  /** A Node manifest: labels, annotations, taints, unschedulable, capacity and allocatable are used. */
  template?: unknown;
  /** Node names are this plus 0, 1, 2... (default 'sim-node-'). */
  namePrefix?: string;
  /** Stops the nodes when aborted (as stop()). */
  signal?: AbortSignal;
  /** The Lease's leaseDurationSeconds (default 40). */
  leaseDurationSeconds?: number;
  /** How often each node renews its Lease (default 10; fractions allowed, for tests). */
  heartbeatSeconds?: number;
  /** How often each node re-reports its Ready condition when nothing changed (default 300, the kubelet's nodeStatusReportFrequency). */
  statusReportSeconds?: number;
  /** The range node pod CIDRs are carved from (default 10.42.0.0/16, or 10.128.0.0/9 when that is too small). */
  podCIDRBase?: string;
  /** API requests in flight at most (default 32). */
  maxInFlight?: number;
  log?: (line: string) => void;
  clock?: Clock;
  /** Record the kubelet's BackOff, Killing and Failed events on pods (default true). */
  recordEvents?: boolean;
  /** Makes container IDs (tests). */
  newContainerId?: () => string;
}

export interface SimulatedNodesStats {
  nodes: number;
  /** Nodes whose Node and Lease exist. */
  registered: number;
  lostNodes: number;
  pods: number;
  leaseRenewals: number;
  podWrites: number;
  requestsInFlight: number;
}

export interface SimulatedNodes {
  /** The node names, known at once. */
  readonly nodes: string[];
  /** Resolves once every node is registered with its Lease and the pod informer has synced. */
  readonly ready: Promise<void>;
  /** Stops the node's heartbeats and pod work (the node controller will mark it NotReady/Unknown). */
  lose(name: string): void;
  /** Resumes a lost node: heartbeats, Ready, and its pods. */
  restore(name: string): void;
  /** Stops every node (their Node objects stay, as a stopped kubelet's do). */
  stop(): Promise<void>;
  stats(): SimulatedNodesStats;
}

const NAME_RE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const MAX_NODES = 50_000;

function positive(v: number | undefined, dflt: number, what: string): number {
  const n = v ?? dflt;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) throw new Error(`simulated nodes: ${what} must be a number greater than 0, not ${String(v)}`);
  return n;
}

function checkOptions(opts: SimulatedNodesOptions): { names: string[]; template?: Node } {
  const count = opts.count;
  if (!Number.isInteger(count) || count < 0 || count > MAX_NODES) throw new Error(`simulated nodes: count must be an integer from 0 to ${MAX_NODES}, not ${String(count)}`);
  const prefix = opts.namePrefix ?? 'sim-node-';
  const names = Array.from({ length: count }, (_, i) => `${prefix}${i}`);
  for (const sample of [names[0], names[names.length - 1]]) {
    if (sample !== undefined && (!NAME_RE.test(sample) || sample.length > 253)) {
      throw new Error(`simulated nodes: name prefix ${JSON.stringify(prefix)} makes invalid node names such as ${JSON.stringify(sample)} (lowercase letters, digits, '-' and '.')`);
    }
  }
  if (opts.leaseDurationSeconds !== undefined && !Number.isInteger(opts.leaseDurationSeconds)) throw new Error('simulated nodes: leaseDurationSeconds must be a whole number');
  return { names, template: opts.template === undefined ? undefined : checkNodeTemplate(opts.template) };
}

/** Retries `fn` on connection trouble and 429/5xx until it succeeds or `signal` aborts. */
async function retrying<T>(fn: () => Promise<T>, signal: AbortSignal, what: string, log: (l: string) => void): Promise<T> {
  const backoff = new Backoff({ initialMs: 200, maxMs: 5000, jitter: 0.2 });
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (signal.aborted) throw new Error('simulated nodes stopped');
      if (!isRetryable(err)) throw new Error(`${what}: ${describeError(err)}`);
      if (backoff.attempts === 0 || backoff.attempts % 10 === 0) log(`simulated nodes: ${what} failed: ${describeError(err)}; retrying`);
      await sleep(backoff.next(), { signal });
    }
  }
}

/** Starts `opts.count` simulated nodes against the API server `config` points at. Throws at once on bad options. */
export function startSimulatedNodes(config: ClientConfig, opts: SimulatedNodesOptions): SimulatedNodes {
  const { names, template } = checkOptions(opts);
  const heartbeatMs = positive(opts.heartbeatSeconds, 10, 'heartbeatSeconds') * 1000;
  const leaseDurationSeconds = positive(opts.leaseDurationSeconds, 40, 'leaseDurationSeconds');
  const statusReportMs = Math.max(heartbeatMs, positive(opts.statusReportSeconds, 300, 'statusReportSeconds') * 1000);
  const client = new RestClient({ ...config, userAgent: config.userAgent ?? 'gantry-simulated-node' });
  const ctl = childController(opts.signal);
  // Every request in flight listens on this signal: thousands of nodes mean many listeners.
  setMaxListeners(0, ctl.signal);
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const ctx: FleetContext = {
    pods: client.resource<Pod>(podKind),
    nodes: client.resource<Node>(nodeKind),
    leases: client.resource<Lease>(leaseKind),
    limiter: new Limiter(Math.floor(positive(opts.maxInFlight, 32, 'maxInFlight'))),
    clock: opts.clock ?? realClock,
    log,
    signal: ctl.signal,
    byName: new Map(),
  };
  const recorders = new Map<string, EventRecorder>();
  if (opts.recordEvents !== false) {
    ctx.record = (nodeName, p, ev) => {
      let r = recorders.get(nodeName);
      if (!r) recorders.set(nodeName, (r = new EventRecorder(client, { component: 'kubelet', host: nodeName, clock: ctx.clock, log })));
      r.event({ ...p, apiVersion: 'v1', kind: 'Pod' }, ev);
    };
  }
  const heartbeats = new Heartbeats(ctx, { heartbeatMs, leaseDurationSeconds, statusReportMs });
  const pods = new PodWorker(ctx, { newId: opts.newContainerId });
  const podInformer = new Informer<Pod>(ctx.pods, { fieldSelector: 'spec.nodeName!=', log });
  const nodeInformer = new Informer<Node>(ctx.nodes, { log });
  podInformer.addEventHandler({ onAdd: (p) => pods.onPod(p), onUpdate: (_o, p) => pods.onPod(p), onDelete: (p) => pods.onDelete(p) });
  const onNode = (n: Node): void => {
    const sim = ctx.byName.get(n.metadata.name ?? '');
    if (!sim) return;
    sim.uid = n.metadata.uid;
    sim.conditions = n.status?.conditions ?? sim.conditions;
    sim.allocatable = n.status?.allocatable ?? sim.allocatable;
    const ready = sim.conditions.find((c) => c.type === 'Ready');
    // The node controller marked the node NotReady/Unknown while it is alive: say Ready again, as a kubelet would.
    if (sim.registered && !sim.lost && ready?.status !== 'True' && ctx.clock.now() - sim.lastReportAt > 1000) void heartbeats.reportStatus(sim);
  };
  nodeInformer.addEventHandler({ onAdd: onNode, onUpdate: (_o, n) => onNode(n) });

  async function register(plan: PlannedNode): Promise<void> {
    const sim = ctx.byName.get(plan.name)!;
    let exists = plan.exists;
    const manifest = buildNode(plan, template, ctx.clock.now());
    sim.allocatable = manifest.status?.allocatable ?? {};
    if (!exists) {
      try {
        const created = await ctx.limiter.run(() => ctx.nodes.create(manifest, { signal: ctx.signal }));
        sim.uid = created.metadata.uid;
        sim.conditions = created.status?.conditions ?? [];
        sim.lastReportAt = ctx.clock.now();
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
        exists = true;
      }
    }
    if (exists) {
      const cur = await ctx.nodes.get(undefined, plan.name, { signal: ctx.signal });
      sim.uid = cur.metadata.uid;
      sim.allocatable = cur.status?.allocatable ?? sim.allocatable;
      sim.conditions = cur.status?.conditions ?? [];
      await heartbeats.reportStatus(sim);
    }
    await ctx.limiter.run(() => heartbeats.ensureLease(sim), 'high');
    sim.registered = true;
    heartbeats.start(sim);
    // Pods that already run (an agent restart) first, so admission counts them.
    const bound = podInformer.store.byIndex(NODE_NAME_INDEX, plan.name);
    const started = (p: Pod): number => ((p.status?.containerStatuses ?? []).some((s) => s.containerID) ? 0 : 1);
    for (const p of bound.sort((a, b) => started(a) - started(b))) pods.onPod(p);
  }

  async function run(): Promise<void> {
    const existing = await retrying(() => ctx.nodes.listAll(undefined, { signal: ctx.signal }), ctx.signal, 'listing nodes', log);
    const plans = planNodeSlots(names, existing.items, { podCIDRBase: opts.podCIDRBase, maxPods: maxPodsOf(template) });
    for (const p of plans) {
      ctx.byName.set(p.name, { name: p.name, podCIDR: p.podCIDR, address: p.address, pool: new IpPool(p.podCIDR), allocatable: {}, registered: false, lost: false, conditions: [], lastReportAt: 0, failures: 0 });
    }
    podInformer.start(ctx.signal);
    nodeInformer.start(ctx.signal);
    await Promise.all(plans.map((p) => retrying(() => register(p), ctx.signal, `registering node ${p.name}`, log)));
    if (!(await podInformer.waitForSync(ctx.signal))) throw new Error('simulated nodes stopped');
  }

  const ready = run();
  ready.catch((err: unknown) => {
    if (!ctx.signal.aborted) log(`simulated nodes: ${describeError(err)}`);
  });

  const nodeNamed = (name: string): SimNode => {
    const n = ctx.byName.get(name);
    if (n) return n;
    if (names.includes(name)) throw new Error(`simulated node ${JSON.stringify(name)} is not set up yet (await ready first)`);
    throw new Error(`unknown simulated node ${JSON.stringify(name)}`);
  };
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      ctl.abort();
      heartbeats.stop();
      pods.stop();
      for (const r of recorders.values()) r.stop();
      await ready.catch(() => undefined);
      for (let i = 0; i < 200 && ctx.limiter.running > 0; i++) await sleep(10);
      client.close();
      ctl.dispose();
    })());
  opts.signal?.addEventListener('abort', () => void stop(), { once: true });

  return {
    nodes: names,
    ready,
    lose(name) {
      const n = nodeNamed(name);
      n.lost = true;
      heartbeats.pause(name);
    },
    restore(name) {
      const n = nodeNamed(name);
      if (!n.lost) return;
      n.lost = false;
      if (!n.registered || ctx.signal.aborted) return;
      heartbeats.beatNow(n);
      void heartbeats.reportStatus(n);
      pods.resyncNode(name);
    },
    stop,
    stats() {
      let lost = 0;
      let registered = 0;
      for (const n of ctx.byName.values()) {
        if (n.lost) lost++;
        if (n.registered) registered++;
      }
      return { nodes: names.length, registered, lostNodes: lost, pods: pods.size, leaseRenewals: heartbeats.renewals, podWrites: pods.writes, requestsInFlight: ctx.limiter.running };
    },
  };
}
