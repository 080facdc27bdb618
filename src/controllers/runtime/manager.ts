/**
 * Manager: runs a set of controllers over one SharedInformerFactory. With leader election it
 * campaigns for a Lease and runs the controllers only while it leads (a lost lease stops them
 * and it campaigns again, with fresh caches); without, it runs them at once.
 */
import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { LeaderElector, SharedInformerFactory, type InformerOptions, type RestClient } from '../../client/index.js';
import { childController, realClock, sleep, type Clock } from '../../util/index.js';
import type { ControllerDefinition, ControllerSettings } from './controller.js';
import { ControllerRunner } from './runner.js';

export interface LeaderElectionConfig {
  /** Default 'kube-system'. */
  namespace?: string;
  /** Default 'kube-controller-manager'. */
  name?: string;
  /** Default `${hostname}_${uuid}`. */
  identity?: string;
  leaseDurationSeconds?: number;
  renewDeadlineSeconds?: number;
  retryPeriodSeconds?: number;
}

export interface ManagerOptions {
  /** Campaign on a Lease before running (default: run at once). */
  leaderElection?: LeaderElectionConfig | boolean;
  settings?: ControllerSettings;
  /** Options of every informer (page size, watch timeout...). */
  informerDefaults?: Omit<InformerOptions, 'namespace' | 'labelSelector' | 'fieldSelector' | 'clock' | 'log'>;
  clock?: Clock;
  log?: (line: string) => void;
}

export class Manager {
  private readonly defs: ControllerDefinition[] = [];
  private readonly clock: Clock;
  private readonly log: (line: string) => void;
  private runners: ControllerRunner[] = [];
  private factory: SharedInformerFactory | undefined;
  private ctl: (AbortController & { dispose(): void }) | undefined;
  private running: Promise<void> | undefined;
  private leading = false;
  private markReady!: (ok: boolean) => void;
  /** Resolves true once the controllers run with synced caches (false if stopped first). */
  readonly ready: Promise<boolean>;

  constructor(
    readonly client: RestClient,
    private readonly opts: ManagerOptions = {},
  ) {
    this.clock = opts.clock ?? realClock;
    this.log = opts.log ?? ((l) => process.stderr.write(`${l}\n`));
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  /** Adds controllers (before start). */
  add(...defs: ControllerDefinition[]): this {
    if (this.running) throw new Error('Manager.add: the manager is already running');
    this.defs.push(...defs);
    return this;
  }

  /** Names of the controllers this manager runs. */
  controllerNames(): string[] {
    return this.defs.map((d) => d.name);
  }

  /** True while the controllers run (always, once started, without leader election). */
  isLeader(): boolean {
    return this.leading;
  }

  /** The runner of `name` in the current term (tests and metrics). */
  runner(name: string): ControllerRunner | undefined {
    return this.runners.find((r) => r.def.name === name);
  }

  /** The informers of the current term. */
  get informers(): SharedInformerFactory | undefined {
    return this.factory;
  }

  /** Starts in the background until `signal` aborts or stop() is called. A second call does nothing. */
  start(signal?: AbortSignal): void {
    if (this.running) return;
    this.ctl = childController(signal);
    const s = this.ctl.signal;
    const le = this.opts.leaderElection;
    this.running = (le ? this.campaign(le === true ? {} : le, s) : this.term(s))
      .catch((err: unknown) => this.log(`controller-manager: stopped on error: ${(err as Error)?.stack ?? String(err)}`))
      .finally(() => this.markReady(false));
  }

  /** Stops every controller and waits for their workers. */
  async stop(): Promise<void> {
    this.ctl?.abort();
    await this.running;
    this.ctl?.dispose();
  }

  private async campaign(cfg: LeaderElectionConfig, signal: AbortSignal): Promise<void> {
    const elector = new LeaderElector(this.client, {
      namespace: cfg.namespace ?? 'kube-system',
      name: cfg.name ?? 'kube-controller-manager',
      identity: cfg.identity ?? `${hostname()}_${randomUUID()}`,
      leaseDurationSeconds: cfg.leaseDurationSeconds,
      renewDeadlineSeconds: cfg.renewDeadlineSeconds,
      retryPeriodSeconds: cfg.retryPeriodSeconds,
      clock: this.clock,
      log: this.log,
      onStartedLeading: (lead) => this.term(lead),
    });
    while (!signal.aborted) {
      await elector.run(signal);
      if (!signal.aborted) {
        this.log('controller-manager: leader election lost; campaigning again');
        await sleep(1000, { signal, clock: this.clock });
      }
    }
  }

  /** One term: fresh informers and runners, run until `signal` aborts. */
  private async term(signal: AbortSignal): Promise<void> {
    setMaxListeners(0, signal); // every controller, queue and informer listens to it
    const factory = new SharedInformerFactory(this.client, { ...this.opts.informerDefaults, clock: this.clock, log: this.log });
    const deps = { client: this.client, informers: factory, settings: this.opts.settings ?? {}, clock: this.clock, log: this.log };
    const runners: ControllerRunner[] = [];
    for (const def of this.defs) {
      const r = new ControllerRunner(def, deps, signal);
      try {
        await r.setup();
        runners.push(r);
      } catch (err) {
        this.log(`controller-manager: ${def.name} failed to start: ${(err as Error)?.message ?? String(err)}`);
        await r.stopped();
      }
    }
    this.factory = factory;
    this.runners = runners;
    factory.start(signal);
    const synced = await factory.waitForSync(signal);
    if (synced && !signal.aborted) {
      for (const r of runners) r.start();
      this.leading = true;
      this.markReady(true);
      await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
    }
    this.leading = false;
    await Promise.all(runners.map((r) => r.stopped()));
  }
}
